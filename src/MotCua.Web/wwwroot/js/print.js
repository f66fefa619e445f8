// The forms' "In" button. A file, not an onclick attribute, so the Content-Security-Policy can forbid inline scripts.
document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.print-button').forEach(function (button) {
        button.addEventListener('click', function () { window.print(); });
    });
});
// "Tiếp nhận và in" at the desk opens Form 01 with ?in=1: the print dialog comes up by itself.
window.addEventListener('load', function () {
    if (new URLSearchParams(window.location.search).get('in') === '1') window.print();
});
