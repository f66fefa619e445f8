using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reports;

/// <summary>The unit a report is about: the unit itself and every unit under it (its own dossiers and those of the units
/// under it, as the scorecard rolls up), and its administrative sub-units, shown side by side.</summary>
public sealed record ReportUnit(Guid Id, string Name, string AgencyCode, UnitKind Kind, IReadOnlySet<Guid> Scope, IReadOnlyList<ReportUnit.Child> Children)
{
    /// <summary>An administrative unit directly under the report's unit (a commune of a province) and its own scope.</summary>
    public sealed record Child(Guid Id, string Name, string AgencyCode, IReadOnlySet<Guid> Scope);
}

/// <summary>Who may see which unit's figures: an official sees the reports of their administrative unit and of every unit
/// under it (a commune its own, a province every commune); another commune's figures are refused, as are citizens'
/// and anonymous requests (the endpoints and pages require an official).</summary>
public sealed class ReportAccess(AppDbContext db, UnitTree tree, CurrentUser user)
{
    /// <summary>The unit with the given agency code (the official's own administrative unit when empty), or the problem
    /// to answer: 400 for a code that cannot be one, 404 for a code no unit holds, 403 for a unit out of reach.</summary>
    public async Task<(ReportUnit? Unit, UserProblem? Problem)> ResolveAsync(string? agencyCode, CancellationToken ct)
    {
        if (!user.IsOfficial || user.UnitId is not { } ownUnit)
            return (null, new(StatusCodes.Status403Forbidden, "Không có quyền", "Báo cáo tình hình giải quyết hồ sơ dành cho cán bộ, công chức của đơn vị."));
        var code = agencyCode?.Trim();
        if (code?.Length > InputLimits.Code)
            return (null, new(StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ", $"Mã định danh đơn vị dài tối đa {InputLimits.Code} ký tự.", "unit"));
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Name, u.AgencyCode, u.Kind }).ToListAsync(ct);
        var own = (await tree.AdministrativeUnitOfAsync(ownUnit, ct)).Id;
        var target = string.IsNullOrEmpty(code)
            ? units.SingleOrDefault(u => u.Id == own)
            : units.FirstOrDefault(u => string.Equals(u.AgencyCode, code, StringComparison.OrdinalIgnoreCase));
        if (target is null)
            return (null, new(StatusCodes.Status404NotFound, "Không tìm thấy", $"Không có đơn vị nào mang mã định danh \"{code}\"."));
        if (!(await tree.ScopeOfAsync(ownUnit, ct)).Contains(target.Id))
            return (null, new(StatusCodes.Status403Forbidden, "Không có quyền",
                $"Bạn chỉ xem được báo cáo của đơn vị mình và các đơn vị trực thuộc; {target.Name} không thuộc phạm vi đó."));

        var children = units.ToLookup(u => u.ParentId);
        HashSet<Guid> Below(Guid root)
        {
            var scope = new HashSet<Guid>();
            var stack = new Stack<Guid>([root]);
            while (stack.TryPop(out var id))
                if (scope.Add(id))
                    foreach (var child in children[id]) stack.Push(child.Id);
            return scope;
        }
        var parts = children[target.Id].Where(u => UnitTree.IsAdministrative(u.Kind)).OrderBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => new ReportUnit.Child(u.Id, u.Name, u.AgencyCode, Below(u.Id))).ToList();
        return (new ReportUnit(target.Id, target.Name, target.AgencyCode, target.Kind, Below(target.Id), parts), null);
    }
}
