using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Who may see and set the targets, campaigns and plan tasks of a unit (docs/adr/0030c). Reading: any official
/// whose reach (their administrative unit and everything under it, <see cref="UnitTree.ScopeOfAsync"/>) holds the unit,
/// so a province's officials see every commune and a commune sees only itself. Writing: the same officials holding the
/// statistics office, leader or administrator role. A unit out of reach is answered as not found, like a dossier.</summary>
public sealed class TargetsAccess(CurrentUser user, UnitTree tree, AppDbContext db)
{
    /// <summary>Văn phòng – Thống kê keeps the figures, the leader answers for the plan, the administrator sets up.</summary>
    public static readonly IReadOnlyList<OfficialRole> WriterRoles = [OfficialRole.StatisticsOffice, OfficialRole.Leader, OfficialRole.Administrator];

    public bool CanWrite => user.IsOfficial && WriterRoles.Any(user.IsInRole);

    /// <summary>The unit of the agency code (none: the official's own administrative unit), if the official may read it.</summary>
    public async Task<UnitTree.Node> ReadableAsync(string? agencyCode, CancellationToken ct)
    {
        if (!user.IsOfficial || user.UnitId is not { } own) throw new ForbiddenException("Chỉ cán bộ, công chức được xem chỉ tiêu, kế hoạch.");
        UnitTree.Node unit;
        if (string.IsNullOrWhiteSpace(agencyCode)) unit = await tree.AdministrativeUnitOfAsync(own, ct);
        else
        {
            var code = agencyCode.Trim().ToUpperInvariant();
            var id = await db.Units.AsNoTracking().Where(u => u.AgencyCode == code).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
            if (id is null || !(await tree.ScopeOfAsync(own, ct)).Contains(id.Value))
                throw new NotFoundException($"Không tìm thấy đơn vị có mã định danh \"{agencyCode.Trim()}\" trong phạm vi của bạn.");
            unit = (await tree.FindAsync(id.Value, ct))!;
        }
        if (!UnitTree.IsAdministrative(unit.Kind))
            throw new DomainException($"{unit.Name} là cơ quan, bộ phận bên trong một đơn vị: chỉ tiêu, chiến dịch và kế hoạch được giao cho đơn vị hành chính (tỉnh, xã, phường, đặc khu).");
        return unit;
    }

    /// <summary>As <see cref="ReadableAsync"/>, null instead of a refusal (the pages answer 404 themselves).</summary>
    public async Task<UnitTree.Node?> ReadableOrNullAsync(string? agencyCode, CancellationToken ct)
    {
        try
        {
            return await ReadableAsync(agencyCode, ct);
        }
        catch (Exception e) when (e is NotFoundException or DomainException or ForbiddenException)
        {
            return null;
        }
    }

    /// <summary>As <see cref="ReadableAsync"/>, for an official allowed to write; the role is checked first.</summary>
    public async Task<(UnitTree.Node Unit, Actor Actor)> WritableAsync(string? agencyCode, CancellationToken ct)
    {
        var actor = Writer();
        return (await ReadableAsync(agencyCode, ct), actor);
    }

    /// <summary>Whether the official may read what belongs to <paramref name="unitId"/>.</summary>
    public async Task<bool> CanReadAsync(Guid unitId, CancellationToken ct) =>
        user.IsOfficial && user.UnitId is { } own && (await tree.ScopeOfAsync(own, ct)).Contains(unitId);

    /// <summary>The signed-in official as a writer of targets and plans; refused without one of the roles.</summary>
    public Actor Writer()
    {
        if (!user.IsOfficial) throw new ForbiddenException("Chỉ cán bộ, công chức được cập nhật chỉ tiêu, kế hoạch.");
        if (!WriterRoles.Any(user.IsInRole))
            throw new ForbiddenException("Chỉ Văn phòng – Thống kê, lãnh đạo hoặc quản trị hệ thống được cập nhật chỉ tiêu, chiến dịch và kế hoạch.");
        return user.As(WriterRoles.First(user.IsInRole));
    }

    /// <summary>The unit and every unit under it: whose dossiers count for it.</summary>
    public Task<HashSet<Guid>> SubtreeAsync(Guid unitId, CancellationToken ct) => tree.ScopeOfAsync(unitId, ct);

    /// <summary>The administrative units the official may choose from (their own first).</summary>
    public async Task<IReadOnlyList<UnitTree.Node>> ChoicesAsync(CancellationToken ct)
    {
        if (user.UnitId is not { } own) return [];
        var scope = await tree.ScopeOfAsync(own, ct);
        var nodes = new List<UnitTree.Node>();
        foreach (var id in scope)
            if (await tree.FindAsync(id, ct) is { } node && UnitTree.IsAdministrative(node.Kind)) nodes.Add(node);
        var home = await tree.AdministrativeUnitOfAsync(own, ct);
        return [.. nodes.OrderBy(n => n.Id != home.Id).ThenBy(n => n.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))];
    }

    /// <summary>The Vietnam calendar year's bounds in UTC: [1/1 00:00, next 1/1 00:00).</summary>
    public static (DateTime From, DateTime To) YearUtc(int year) =>
        (VietnamTime.ToUtc(new DateTime(year, 1, 1)), VietnamTime.ToUtc(new DateTime(year + 1, 1, 1)));

    /// <summary>Whole Vietnam days [start, end] in UTC.</summary>
    public static (DateTime From, DateTime To) DaysUtc(DateOnly start, DateOnly end) =>
        (VietnamTime.ToUtc(start.ToDateTime(TimeOnly.MinValue)), VietnamTime.ToUtc(end.AddDays(1).ToDateTime(TimeOnly.MinValue)));
}
