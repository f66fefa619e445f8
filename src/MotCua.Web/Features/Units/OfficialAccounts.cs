using Microsoft.AspNetCore.Identity;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>Checks shared by the administrator's use cases on officials' accounts. Identity describes its
/// errors in English; the office speaks Vietnamese, so they are translated here by code.</summary>
internal static class OfficialAccounts
{
    public const int MaxNameLength = 200;

    /// <summary>What the audit log keeps of an account: never its password hash or security stamp.</summary>
    public static object AuditView(Official official, string unitName, IEnumerable<string> roles) => new
    {
        official.UserName, official.FullName, official.Title, official.UnitId, UnitName = unitName,
        Roles = roles.Distinct().Order(StringComparer.Ordinal).ToList(),
    };

    public static string RoleNames(IEnumerable<OfficialRole> roles) =>
        string.Join(", ", roles.Distinct().Order().Select(r => r.DisplayName()));

    public static string? FullNameProblem(string? fullName) =>
        string.IsNullOrWhiteSpace(fullName) ? "Hãy nhập họ và tên."
        : fullName.Trim().Length > MaxNameLength ? $"Họ và tên tối đa {MaxNameLength} ký tự."
        : null;

    public static string? TitleProblem(string? title) =>
        title?.Trim().Length > MaxNameLength ? $"Chức danh tối đa {MaxNameLength} ký tự." : null;

    public static string? RolesProblem(IReadOnlyCollection<OfficialRole>? roles) =>
        roles is null || roles.Count == 0 ? "Hãy chọn ít nhất một vai trò."
        : roles.Any(r => !Enum.IsDefined(r)) ? "Có vai trò không hợp lệ."
        : null;

    /// <summary>Every rule the password breaks, checked by Identity's own validators so that the message and
    /// the rule cannot drift apart.</summary>
    public static async Task<string?> PasswordProblemAsync(UserManager<AppUser> users, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return "Hãy nhập mật khẩu.";
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        return errors.Count == 0 ? null : Describe(errors, users.Options);
    }

    public static string Describe(IEnumerable<IdentityError> errors, IdentityOptions options)
    {
        var messages = errors.Select(e => e.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => $"ít nhất {options.Password.RequiredLength} ký tự",
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "có chữ số (0-9)",
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => "có chữ thường (a-z)",
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "có chữ hoa (A-Z)",
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "có ký tự đặc biệt",
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => $"có ít nhất {options.Password.RequiredUniqueChars} ký tự khác nhau",
            _ => null,
        }).ToList();
        var password = messages.OfType<string>().ToList();
        var other = errors.Zip(messages).Where(p => p.Second is null).Select(p => p.First.Code switch
        {
            nameof(IdentityErrorDescriber.DuplicateUserName) => "Tên đăng nhập đã có người dùng.",
            nameof(IdentityErrorDescriber.InvalidUserName) => "Tên đăng nhập chỉ gồm chữ không dấu, chữ số và các ký tự - . _ @ +",
            nameof(IdentityErrorDescriber.UserLockoutNotEnabled) => "Tài khoản này không cho phép khóa.",
            nameof(IdentityErrorDescriber.ConcurrencyFailure) => "Tài khoản vừa được người khác thay đổi; hãy tải lại trang rồi thử lại.",
            _ => "Không lưu được tài khoản; hãy kiểm tra lại thông tin.",
        });
        var parts = new List<string>();
        if (password.Count > 0) parts.Add($"Mật khẩu phải {string.Join(", ", password)}.");
        parts.AddRange(other.Distinct());
        return string.Join(" ", parts);
    }

    public static void ThrowIfFailed(IdentityResult result, IdentityOptions options)
    {
        if (!result.Succeeded) throw new DomainException(Describe(result.Errors, options));
    }
}
