using Microsoft.AspNetCore.Identity;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>An administrator locks an official's account (leave, transfer out, suspicion of misuse) or unlocks it,
/// which also lifts a temporary lock after too many wrong passwords.</summary>
public static class LockOfficial
{
    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock)
    {
        /// <param name="actingUserId">The administrator doing it: they may not lock themselves out.</param>
        /// <returns>False when no official has this id.</returns>
        public async Task<bool> HandleAsync(Guid id, bool locked, Guid actingUserId, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByIdAsync(id.ToString()) is not Official official) return false;
            var wasLocked = official.LockoutEnd is { } end && end > clock.GetUtcNow();
            if (locked && id == actingUserId) throw new DomainException("Bạn không thể tự khóa tài khoản của chính mình.");
            // Identity saves after each call: one transaction keeps the change and its audit entry together.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (locked)
            {
                OfficialAccounts.ThrowIfFailed(await users.SetLockoutEnabledAsync(official, true), users.Options);
                // Until unlocked: Identity has no "locked for ever", the largest end date stands for it.
                OfficialAccounts.ThrowIfFailed(await users.SetLockoutEndDateAsync(official, DateTimeOffset.MaxValue), users.Options);
                // Ends the official's open sessions at the next check instead of letting them run on.
                OfficialAccounts.ThrowIfFailed(await users.UpdateSecurityStampAsync(official), users.Options);
            }
            else
            {
                OfficialAccounts.ThrowIfFailed(await users.SetLockoutEndDateAsync(official, null), users.Options);
                OfficialAccounts.ThrowIfFailed(await users.ResetAccessFailedCountAsync(official), users.Options);
            }
            audit.Record(locked ? AuditKind.OfficialLocked : AuditKind.OfficialUnlocked, nameof(Official), official.Id.ToString(),
                $"{(locked ? "Khóa" : "Mở khóa")} tài khoản cán bộ {official.FullName} ({official.UserName}).",
                new { Locked = wasLocked }, new { Locked = locked });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
    }
}
