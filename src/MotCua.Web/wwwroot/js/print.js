// The forms' "In" button. A file, not an onclick attribute, so the Content-Security-Policy can forbid inline scripts.
document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.print-button').forEach(function (button) {
        button.addEventListener('click', function () { window.print(); });
    });
});
