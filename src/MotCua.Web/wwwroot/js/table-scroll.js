// A table wider than the screen scrolls inside its box (.table-scroll). A box that scrolls must be reachable with the
// keyboard (WCAG 2.1.1): it becomes a named, focusable region while it overflows, and stops being a tab stop when the
// screen is wide enough again. Boxes given tabindex in the markup are left as they are.
(function () {
    function name(box) {
        var table = box.querySelector('table');
        var labelledBy = table && table.getAttribute('aria-labelledby');
        var heading = labelledBy && document.getElementById(labelledBy);
        var caption = table && table.querySelector('caption');
        var title = heading ? heading.textContent : caption ? caption.textContent : 'Bảng';
        return title.trim() + ' (cuộn ngang để xem hết các cột)';
    }
    function update() {
        document.querySelectorAll('.table-scroll:not([data-static-scroll])').forEach(function (box) {
            if (box.scrollWidth > box.clientWidth + 1) {
                box.setAttribute('tabindex', '0');
                box.setAttribute('role', 'region');
                box.setAttribute('aria-label', name(box));
            } else {
                box.removeAttribute('tabindex');
                box.removeAttribute('role');
                box.removeAttribute('aria-label');
            }
        });
    }
    // A list table written without its box gets one, so that no page is wider than a phone's screen.
    document.querySelectorAll('main table.list').forEach(function (table) {
        if (table.closest('.table-scroll')) return;
        var box = document.createElement('div');
        box.className = 'table-scroll';
        table.parentNode.insertBefore(box, table);
        box.appendChild(table);
    });
    document.querySelectorAll('.table-scroll[tabindex]').forEach(function (box) { box.setAttribute('data-static-scroll', ''); });
    update();
    window.addEventListener('resize', update);
})();
