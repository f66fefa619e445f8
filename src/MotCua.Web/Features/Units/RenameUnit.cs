using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>An administrator corrects or changes a unit's name (its code and history stay as they are).</summary>
public static class RenameUnit
{
    public sealed class Handler(AppDbContext db, UnitTree tree, AuditLog audit)
    {
        /// <returns>Null when no unit has this id.</returns>
        /// <exception cref="DomainException">The name is missing or too long; nothing was saved.</exception>
        public async Task<Unit?> HandleAsync(Guid id, string? name, CancellationToken ct)
        {
            if (UnitRules.NameProblem(name) is { } problem) throw new DomainException(problem);
            var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct);
            if (unit is null) return null;
            var before = unit.Name;
            unit.Rename(name!);
            audit.Record(AuditKind.UnitRenamed, nameof(Unit), unit.Id.ToString(), $"Đổi tên đơn vị {before} thành {unit.Name} ({unit.AgencyCode}).",
                new { Name = before }, new { unit.Name });
            await db.SaveChangesAsync(ct);
            tree.Invalidate();
            return unit;
        }
    }
}
