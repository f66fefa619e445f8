using Microsoft.AspNetCore.Identity;

namespace MotCua.Web.Features.Identity;

/// <summary>The citizen follows the link from <see cref="SendPasswordResetEmail"/> and sets a new password. Identity
/// checks the token; the reset changes the security stamp, so the link works once and sessions elsewhere end.</summary>
public static class ResetCitizenPassword
{
    public const string ExpiredLink =
        "Đường dẫn đặt lại mật khẩu không còn hiệu lực (đã hết hạn hoặc đã được dùng). Hãy yêu cầu gửi lại đường dẫn mới.";

    public sealed record Request(Guid AccountId, string? Token, string? Password, string? ConfirmPassword);

    public sealed class Handler(UserManager<AppUser> users)
    {
        /// <summary>Whether the link can still be used, so the page says so before the citizen types a new password.</summary>
        public async Task<bool> IsValidAsync(Guid accountId, string? token, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            return !string.IsNullOrEmpty(token)
                   && await users.FindByIdAsync(accountId.ToString()) is Citizen citizen
                   && await users.VerifyUserTokenAsync(citizen, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token);
        }

        /// <returns>The problems; none means the password was changed.</returns>
        public async Task<IReadOnlyList<FieldProblem>> HandleAsync(Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (!await IsValidAsync(request.AccountId, request.Token, ct)) return [new(AccountField.Form, ExpiredLink)];
            var citizen = (Citizen)(await users.FindByIdAsync(request.AccountId.ToString()))!;

            var problems = await CitizenAccountRules.NewPasswordProblemsAsync(users, citizen, request.Password, request.ConfirmPassword);
            if (problems.Count > 0) return problems;

            // The mail reached its owner and came back: the address is proven. A citizen locked out by wrong
            // passwords gets in again with the new one.
            citizen.EmailConfirmed = true;
            citizen.AccessFailedCount = 0;
            citizen.LockoutEnd = null;
            var reset = await users.ResetPasswordAsync(citizen, request.Token!, request.Password!);
            if (!reset.Succeeded)
                return [.. reset.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)
                    ? new FieldProblem(AccountField.Form, ExpiredLink)
                    : CitizenAccountRules.Problems([e]).Single())];
            return [];
        }
    }
}
