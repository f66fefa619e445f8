using Microsoft.AspNetCore.Identity;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>An administrator sets a new password for an official who lost theirs; their open sessions end.</summary>
public static class ResetOfficialPassword
{
    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, AuditLog audit)
    {
        /// <returns>False when no official has this id.</returns>
        /// <exception cref="DomainException">The password breaks a rule; nothing was changed.</exception>
        public async Task<bool> HandleAsync(Guid id, string? newPassword, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByIdAsync(id.ToString()) is not Official official) return false;
            if (await OfficialAccounts.PasswordProblemAsync(users, official, newPassword) is { } problem) throw new DomainException(problem);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Through a reset token rather than remove-then-add: one save, and the security stamp changes with it.
            var token = await users.GeneratePasswordResetTokenAsync(official);
            OfficialAccounts.ThrowIfFailed(await users.ResetPasswordAsync(official, token, newPassword!), users.Options);
            // That it happened, by whom and to whom; neither the password nor the token.
            audit.Record(AuditKind.OfficialPasswordReset, nameof(Official), official.Id.ToString(),
                $"Đặt lại mật khẩu cho cán bộ {official.FullName} ({official.UserName}); các phiên đăng nhập cũ kết thúc.");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
    }
}
