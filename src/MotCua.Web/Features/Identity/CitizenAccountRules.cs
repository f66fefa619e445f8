using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>One thing wrong with what the citizen typed, tied to its field so that the page shows it beside the input.
/// A form with problems changes nothing.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>The fields of the citizen's account forms, as the problems name them (the pages' input names).</summary>
public static class AccountField
{
    public const string FullName = "FullName";
    public const string PersonalIdNumber = "PersonalIdNumber";
    public const string Phone = "Phone";
    public const string Email = "Email";
    public const string Address = "Address";
    public const string Password = "Password";
    public const string ConfirmPassword = "ConfirmPassword";
    public const string CurrentPassword = "CurrentPassword";
    public const string Consent = "Consent";
    public const string Identifier = "Identifier";
    /// <summary>A problem with the form as a whole (an expired link, a failed save).</summary>
    public const string Form = "";
}

/// <summary>The rules a citizen's account keeps, whichever form changes it: the personal ID number is 12 digits (several
/// unverified accounts may claim one, ADR 0013); a phone number or an e-mail address, the ways in, belong to one account
/// at most.
/// Officials are another kind of account (ADR 0006): their e-mail addresses do not count.</summary>
public static class CitizenAccountRules
{
    public const int MaxFullNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxEmailLength = 256;

    /// <summary>Số định danh cá nhân: 12 digits (Law on Identification 2023), printed on the citizen's ID card.</summary>
    public static bool IsPersonalIdNumber(string value) => value.Length == 12 && value.All(char.IsAsciiDigit);

    /// <summary>Spaces and dots that people type inside an ID number ("001 190 000 001") are dropped.</summary>
    public static string CompactIdNumber(string? value) =>
        new((value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray());

    /// <summary>A Vietnamese number after <see cref="CitizenAccounts.NormalizePhone"/>: 0 and 9 digits (mobile) or
    /// 10 digits (landline).</summary>
    public static bool IsPhone(string normalized) =>
        normalized.Length is 10 or 11 && normalized[0] == '0' && normalized.All(char.IsAsciiDigit);

    public static bool IsEmail(string value) =>
        value.Length <= MaxEmailLength && !value.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);

    public static string? FullNameProblem(string? fullName) =>
        fullName is null ? "Hãy nhập họ và tên."
        : fullName.Length > MaxFullNameLength ? $"Họ và tên tối đa {MaxFullNameLength} ký tự."
        : null;

    public static string? AddressProblem(string? address) =>
        address?.Length > MaxAddressLength ? $"Địa chỉ tối đa {MaxAddressLength} ký tự." : null;

    /// <summary>The phone and e-mail as they will be stored (normalised, null when left empty), and what is wrong with
    /// them: at least one is needed, each must be valid and not belong to another citizen's account.</summary>
    public static async Task<(string? Phone, string? Email, List<FieldProblem> Problems)> ContactAsync(
        UserManager<AppUser> users, Guid? self, string? phoneInput, string? emailInput, CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
        var phone = string.IsNullOrWhiteSpace(phoneInput) ? null : CitizenAccounts.NormalizePhone(phoneInput.Trim());
        var email = string.IsNullOrWhiteSpace(emailInput) ? null : emailInput.Trim();
        if (phone is null && email is null)
            problems.Add(new(AccountField.Phone, "Hãy nhập số điện thoại hoặc thư điện tử (ít nhất một trong hai) để đăng nhập và nhận thông báo."));
        var citizens = users.Users.OfType<Citizen>().Where(c => self == null || c.Id != self);
        if (phone is not null)
        {
            if (!IsPhone(phone))
                problems.Add(new(AccountField.Phone, "Số điện thoại không hợp lệ: nhập 10 chữ số, ví dụ 0912345678."));
            else if (await citizens.AnyAsync(c => c.PhoneNumber == phone, ct))
                problems.Add(new(AccountField.Phone, "Số điện thoại này đã được dùng cho một tài khoản khác. Nếu đó là tài khoản của bạn, hãy đăng nhập hoặc dùng chức năng Quên mật khẩu."));
        }
        if (email is not null)
        {
            var normalized = users.NormalizeEmail(email);
            if (!IsEmail(email))
                problems.Add(new(AccountField.Email, "Thư điện tử không hợp lệ, ví dụ ten@example.vn."));
            else if (await citizens.AnyAsync(c => c.NormalizedEmail == normalized, ct))
                problems.Add(new(AccountField.Email, "Thư điện tử này đã được dùng cho một tài khoản khác. Nếu đó là tài khoản của bạn, hãy đăng nhập hoặc dùng chức năng Quên mật khẩu."));
        }
        return (phone, email, problems);
    }

    /// <summary>The new password against Identity's own validators (so the message and the rule cannot drift apart)
    /// and against its confirmation.</summary>
    public static async Task<List<FieldProblem>> NewPasswordProblemsAsync(
        UserManager<AppUser> users, AppUser user, string? password, string? confirmation, string passwordField = AccountField.Password)
    {
        if (string.IsNullOrEmpty(password)) return [new(passwordField, "Hãy nhập mật khẩu.")];
        var problems = new List<FieldProblem>();
        foreach (var validator in users.PasswordValidators)
            problems.AddRange(Problems((await validator.ValidateAsync(users, user, password)).Errors, passwordField));
        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
            problems.Add(new(AccountField.ConfirmPassword, "Mật khẩu nhập lại không khớp với mật khẩu mới."));
        return problems;
    }

    /// <summary>The password rules in a sentence, for the hint under the field.</summary>
    public static string PasswordHint(PasswordOptions o)
    {
        var parts = new List<string> { $"ít nhất {o.RequiredLength} ký tự" };
        if (o.RequireUppercase) parts.Add("chữ hoa");
        if (o.RequireLowercase) parts.Add("chữ thường");
        if (o.RequireDigit) parts.Add("chữ số");
        if (o.RequireNonAlphanumeric) parts.Add("ký tự đặc biệt");
        return parts.Count == 1 ? $"Mật khẩu có {parts[0]}." : $"Mật khẩu có {parts[0]}, gồm {string.Join(", ", parts.Skip(1))}.";
    }

    /// <summary>Identity's errors (already Vietnamese, see <see cref="VietnameseIdentityErrorDescriber"/>) placed on the
    /// field they are about.</summary>
    public static IEnumerable<FieldProblem> Problems(IEnumerable<IdentityError> errors, string passwordField = AccountField.Password) =>
        errors.Select(e => new FieldProblem(e.Code switch
        {
            _ when e.Code.StartsWith("Password", StringComparison.Ordinal) && e.Code != nameof(IdentityErrorDescriber.PasswordMismatch) => passwordField,
            nameof(IdentityErrorDescriber.PasswordMismatch) => AccountField.CurrentPassword,
            nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => AccountField.PersonalIdNumber,
            nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail) => AccountField.Email,
            _ => AccountField.Form,
        }, e.Description));

    /// <summary>For use cases whose caller is a system, not a form (the e-ID link, the administrator's grant).</summary>
    public static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description).Distinct()));
    }
}
