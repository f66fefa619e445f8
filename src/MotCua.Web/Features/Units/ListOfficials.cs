using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>Officials' accounts of a unit, with their roles and whether they are locked, for the administrator.</summary>
public static class ListOfficials
{
    public sealed record OfficialView(
        Guid Id, string UserName, string FullName, string? Title, Guid UnitId, IReadOnlyList<OfficialRole> Roles, bool IsLocked, DateTimeOffset? LockedUntil);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<IReadOnlyList<OfficialView>> ForUnitAsync(Guid unitId, CancellationToken ct) =>
            await ViewsAsync(db.Officials.Where(o => o.UnitId == unitId), ct);

        /// <returns>Null when no official has this id.</returns>
        public async Task<OfficialView?> ByIdAsync(Guid id, CancellationToken ct) =>
            (await ViewsAsync(db.Officials.Where(o => o.Id == id), ct)).SingleOrDefault();

        private async Task<IReadOnlyList<OfficialView>> ViewsAsync(IQueryable<Official> officials, CancellationToken ct)
        {
            var rows = await officials.AsNoTracking()
                .OrderBy(o => o.UserName)
                .Select(o => new { o.Id, o.UserName, o.FullName, o.Title, o.UnitId, o.LockoutEnd })
                .ToListAsync(ct);
            var ids = rows.Select(r => r.Id).ToList();
            var roles = (await (
                    from ur in db.UserRoles
                    where ids.Contains(ur.UserId)
                    join r in db.Roles on ur.RoleId equals r.Id
                    select new { ur.UserId, r.Name })
                .ToListAsync(ct))
                .ToLookup(x => x.UserId, x => Enum.TryParse<OfficialRole>(x.Name, out var role) ? role : (OfficialRole?)null);
            // Lockout ends are compared here: SQLite cannot compare DateTimeOffset in SQL.
            var now = clock.GetUtcNow();
            return [.. rows.Select(r => new OfficialView(r.Id, r.UserName ?? "", r.FullName, r.Title, r.UnitId,
                [.. roles[r.Id].OfType<OfficialRole>().Order()], r.LockoutEnd > now, r.LockoutEnd > now ? r.LockoutEnd : null))];
        }
    }
}
