using Microsoft.AspNetCore.Identity;
using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>An administrator makes a citizen's account a member of the Tổ công nghệ số cộng đồng, allowed to submit
/// dossiers on other people's behalf. The member's own session picks the role up when it is next refreshed (the
/// security stamp check, every 30 minutes) or at their next sign-in.</summary>
public static class GrantDigitalTeamRole
{
    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, AuditLog audit)
    {
        /// <param name="identifier">The citizen's phone number or personal ID number (an e-mail address works too).</param>
        /// <exception cref="DomainException">No such citizen account, or already a member; nothing was changed.</exception>
        public async Task<Citizen> HandleAsync(string? identifier, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(identifier))
                throw new DomainException("Hãy nhập số điện thoại hoặc số định danh cá nhân của tài khoản công dân.");
            var citizen = await CitizenAccounts.FindAsync(users, identifier, ct)
                          ?? throw new DomainException($"Không tìm thấy tài khoản công dân có số điện thoại hoặc số định danh cá nhân \"{identifier.Trim()}\". Người dân cần đăng ký tài khoản trên Cổng Dịch vụ công trước.");
            if (await users.IsInRoleAsync(citizen, IdentitySetup.CommunityDigitalTeamRole))
                throw new DomainException($"{citizen.FullName} ({citizen.PersonalIdNumber}) đã là thành viên Tổ công nghệ số cộng đồng.");

            // A fresh installation may not have the role rows yet.
            await IdentitySetup.EnsureRolesAsync(roles);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            CitizenAccountRules.ThrowIfFailed(await users.AddToRoleAsync(citizen, IdentitySetup.CommunityDigitalTeamRole));
            audit.Record(AuditKind.DigitalTeamGranted, "CitizenAccount", citizen.Id.ToString(),
                $"Thêm {citizen.FullName} ({citizen.PersonalIdNumber}) vào Tổ công nghệ số cộng đồng.", new { Member = false }, new { Member = true });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return citizen;
        }
    }
}
