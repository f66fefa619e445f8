using Microsoft.AspNetCore.Identity;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>An administrator sets a new password for an official who lost theirs; their open sessions end.</summary>
public static class ResetOfficialPassword
{
    public sealed class Handler(UserManager<AppUser> users)
    {
        /// <returns>False when no official has this id.</returns>
        /// <exception cref="DomainException">The password breaks a rule; nothing was changed.</exception>
        public async Task<bool> HandleAsync(Guid id, string? newPassword, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByIdAsync(id.ToString()) is not Official official) return false;
            if (await OfficialAccounts.PasswordProblemAsync(users, official, newPassword) is { } problem) throw new DomainException(problem);
            // Through a reset token rather than remove-then-add: one save, and the security stamp changes with it.
            var token = await users.GeneratePasswordResetTokenAsync(official);
            OfficialAccounts.ThrowIfFailed(await users.ResetPasswordAsync(official, token, newPassword!), users.Options);
            return true;
        }
    }
}
