using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>Members of the Tổ công nghệ số cộng đồng: citizens' accounts that hold <see cref="IdentitySetup.CommunityDigitalTeamRole"/>,
/// for the administrator, a page at a time.</summary>
public static class ListDigitalTeam
{
    public sealed record Member(Guid Id, string FullName, string PersonalIdNumber, string? Phone, string? Email, bool VerifiedWithElectronicIdentity);

    public sealed record Result(IReadOnlyList<Member> Items, int Page, int PageSize, int Total)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public sealed class Handler(AppDbContext db)
    {
        public async Task<Result> HandleAsync(int page, int pageSize, CancellationToken ct)
        {
            pageSize = Math.Clamp(pageSize, 1, 500);
            var members =
                from c in db.Citizens.AsNoTracking()
                join ur in db.UserRoles on c.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where r.Name == IdentitySetup.CommunityDigitalTeamRole
                select c;
            var total = await members.CountAsync(ct);
            page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
            var items = await members
                .OrderBy(c => c.FullName).ThenBy(c => c.PersonalIdNumber)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(c => new Member(c.Id, c.FullName, c.PersonalIdNumber, c.PhoneNumber, c.Email, c.VerifiedWithElectronicIdentity))
                .ToListAsync(ct);
            return new(items, page, pageSize, total);
        }
    }
}
