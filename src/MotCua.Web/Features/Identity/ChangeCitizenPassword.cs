using Microsoft.AspNetCore.Identity;

namespace MotCua.Web.Features.Identity;

/// <summary>A signed-in citizen changes their password, proving the current one. An account opened through the national
/// e-ID has none yet: it sets a first one, which adds phone/e-mail sign-in as another way in.</summary>
public static class ChangeCitizenPassword
{
    public sealed record Request(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

    public sealed class Handler(UserManager<AppUser> users)
    {
        /// <returns>Null when there is no such citizen account; otherwise the problems, none meaning it was changed.</returns>
        public async Task<IReadOnlyList<FieldProblem>?> HandleAsync(Guid accountId, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            ct.ThrowIfCancellationRequested();
            if (await users.FindByIdAsync(accountId.ToString()) is not Citizen citizen) return null;

            var hasPassword = await users.HasPasswordAsync(citizen);
            var problems = new List<FieldProblem>();
            if (hasPassword && string.IsNullOrEmpty(request.CurrentPassword))
                problems.Add(new(AccountField.CurrentPassword, "Hãy nhập mật khẩu hiện tại."));
            problems.AddRange(await CitizenAccountRules.NewPasswordProblemsAsync(users, citizen, request.NewPassword, request.ConfirmPassword));
            if (problems.Count > 0) return problems;

            var changed = hasPassword
                ? await users.ChangePasswordAsync(citizen, request.CurrentPassword!, request.NewPassword!)
                : await users.AddPasswordAsync(citizen, request.NewPassword!);
            return changed.Succeeded
                ? []
                : [.. changed.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? new FieldProblem(AccountField.CurrentPassword, "Mật khẩu hiện tại không đúng.")
                    : CitizenAccountRules.Problems([e]).Single())];
        }
    }
}
