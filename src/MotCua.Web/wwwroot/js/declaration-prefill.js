// "Quan hệ với người được khai sinh: Cha / Mẹ": the requester is that parent, so the parent's name and ID number are
// the requester's, and the other parent is the spouse an earlier dossier named: filled at once when still empty (the
// server does the same when the draft is saved without script).
document.addEventListener('DOMContentLoaded', function () {
    var relationship = document.querySelector('select[name="Form[requesterRelationship]"]');
    if (!relationship) return;
    function field(key) { return document.querySelector('[name="Form[' + key + ']"]'); }
    function requester(key, applicant) {
        var own = field(key);
        if (own && own.value.trim() !== '') return own.value;
        var fallback = document.querySelector('[name="Applicant.' + applicant + '"]');
        return fallback ? fallback.value : '';
    }
    relationship.addEventListener('change', function () {
        var parent = relationship.value === 'Cha' ? 'father' : relationship.value === 'Mẹ' ? 'mother' : null;
        if (!parent) return;
        var other = parent === 'father' ? 'mother' : 'father';
        function fill(key, value, source) {
            var target = field(key);
            if (!target || target.value.trim() !== '' || !value) return;
            target.value = value;
            // Said as the server says it for a field it filled (DeclarationPrefill).
            var label = document.querySelector('label[for="' + target.id + '"]');
            if (label && !(label.nextElementSibling && label.nextElementSibling.classList.contains('prefilled'))) {
                var hint = document.createElement('p');
                hint.className = 'hint prefilled';
                hint.textContent = source;
                label.insertAdjacentElement('afterend', hint);
            }
        }
        var fromAccount = 'Lấy từ tài khoản — có thể sửa';
        var fromEarlier = 'Lấy từ hồ sơ đã nộp trước đây — có thể sửa';
        fill(parent + 'FullName', requester('requesterFullName', 'Name'), fromAccount);
        fill(parent + 'PersonalId', requester('requesterPersonalId', 'IdNumber'), fromAccount);
        // The other parent is the spouse an earlier dossier named (given by the server on the select).
        fill(other + 'FullName', relationship.dataset.spouseName, fromEarlier);
        fill(other + 'PersonalId', relationship.dataset.spouseId, fromEarlier);
    });
});
