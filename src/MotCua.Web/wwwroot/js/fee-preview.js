// Live fee preview on the desk's reception form: the same server computation as the "Tính phí" button, without a
// full post. A file, not an inline script, so the Content-Security-Policy can forbid inline scripts.
(function () {
    var form = document.getElementById('desk-form');
    var box = document.getElementById('fee-preview');
    if (!form || !box || !window.fetch || !window.URLSearchParams) return;
    var fields = { 'Input.Channel': 'channel', 'Input.Copies': 'copies', 'Input.PagesPerCopy': 'pages', 'Input.ExemptionGroup': 'exemption' };
    var timer = 0;
    function refresh() {
        var query = new URLSearchParams({ copies: '1', pages: '1' });
        Object.keys(fields).forEach(function (name) {
            var field = form.elements.namedItem(name);
            if (field && field.value !== '') query.set(fields[name], field.value);
        });
        // Lines charged only for the copies asked for (birth extract copies), by the field they count from.
        Array.prototype.forEach.call(form.querySelectorAll('[data-fee-field]'), function (field) {
            if (field.value !== '') query.set('requested[' + field.getAttribute('data-fee-field') + ']', field.value);
        });
        fetch(form.getAttribute('data-fee-url') + '&' + query.toString(), { credentials: 'same-origin' })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) { if (html !== null) box.innerHTML = html; })
            .catch(function () { /* the "Tính phí" button still works */ });
    }
    function changed(event) {
        if (!event.target || (!fields[event.target.name] && !event.target.hasAttribute('data-fee-field'))) return;
        clearTimeout(timer);
        timer = setTimeout(refresh, 250);
    }
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
})();
