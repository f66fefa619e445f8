using Microsoft.AspNetCore.Identity;
using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>An administrator takes a citizen's account out of the Tổ công nghệ số cộng đồng. Dossiers the member
/// already submitted for others keep their record of who assisted.</summary>
public static class RevokeDigitalTeamRole
{
    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, AuditLog audit)
    {
        /// <returns>Null when no citizen account has this id.</returns>
        /// <exception cref="DomainException">The account is not a member; nothing was changed.</exception>
        public async Task<Citizen?> HandleAsync(Guid accountId, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByIdAsync(accountId.ToString()) is not Citizen citizen) return null;
            if (!await users.IsInRoleAsync(citizen, IdentitySetup.CommunityDigitalTeamRole))
                throw new DomainException($"{citizen.FullName} ({citizen.PersonalIdNumber}) không phải thành viên Tổ công nghệ số cộng đồng.");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            CitizenAccountRules.ThrowIfFailed(await users.RemoveFromRoleAsync(citizen, IdentitySetup.CommunityDigitalTeamRole));
            audit.Record(AuditKind.DigitalTeamRevoked, "CitizenAccount", citizen.Id.ToString(),
                $"Thu hồi quyền thành viên Tổ công nghệ số cộng đồng của {citizen.FullName} ({citizen.PersonalIdNumber}).", new { Member = true }, new { Member = false });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return citizen;
        }
    }
}
