using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>A unit whose money is looked at: the administrative unit, and the units under it whose dossiers it
/// received (a commune's desk, a province's communes).</summary>
public sealed record PaymentUnit(Guid Id, string Name, string AgencyCode, IReadOnlySet<Guid> Scope);

/// <summary>Who handles a unit's money in the app — the reconciliation and the refunds: the desk, which collects the
/// fees and gives them back; the leader; the office, where the accountant sits (there is no separate finance role);
/// the administrator. Each only for their own unit and the units under it; another unit is answered as not found.</summary>
public sealed class PaymentAccess(AppDbContext db, UnitTree tree, CurrentUser user)
{
    public static readonly OfficialRole[] FinanceRoles =
        [OfficialRole.DeskOfficial, OfficialRole.Leader, OfficialRole.StatisticsOffice, OfficialRole.Administrator];

    /// <summary>The finance role the signed-in official acts under; 403 when they hold none.</summary>
    public OfficialRole FinanceRole()
    {
        if (!user.IsOfficial)
            throw new ForbiddenException("Đối soát và hoàn trả phí, lệ phí dành cho cán bộ, công chức của đơn vị.");
        foreach (var role in FinanceRoles)
            if (user.IsInRole(role)) return role;
        throw new ForbiddenException("Bạn không có vai trò được xem đối soát, hoàn trả phí, lệ phí (Cán bộ một cửa, Lãnh đạo, Văn phòng – Thống kê, Quản trị hệ thống).");
    }

    /// <summary>The unit is the signed-in official's or one under it.</summary>
    public async Task<bool> InReachAsync(Guid unitId, CancellationToken ct) =>
        user.UnitId is { } ownUnit && (await tree.ScopeOfAsync(ownUnit, ct)).Contains(unitId);

    /// <summary>The unit with the given agency code (the official's own administrative unit when empty), within the
    /// official's reach; 404 for a code no unit holds or a unit out of reach, 422 for a code that cannot be one.</summary>
    public async Task<PaymentUnit> UnitAsync(string? agencyCode, CancellationToken ct)
    {
        FinanceRole();
        if (user.UnitId is not { } ownUnit) throw new ForbiddenException("Tài khoản của bạn chưa thuộc đơn vị nào.");
        var code = Text.NormalizeOrNull(agencyCode);
        if (code?.Length > InputLimits.Code) throw new DomainException($"Mã định danh đơn vị dài tối đa {InputLimits.Code} ký tự.");
        var reach = await tree.ScopeOfAsync(ownUnit, ct);
        var target = code is null
            ? await tree.AdministrativeUnitOfAsync(ownUnit, ct)
            : await db.Units.AsNoTracking().Where(u => u.AgencyCode == code).Select(u => new UnitTree.Node(u.Id, u.ParentId, u.Kind, u.Name, u.AgencyCode))
                .FirstOrDefaultAsync(ct);
        if (target is null || !reach.Contains(target.Id))
            throw new NotFoundException($"Không tìm thấy đơn vị mang mã định danh \"{code}\", hoặc đơn vị không thuộc phạm vi của bạn.");
        target = await tree.AdministrativeUnitOfAsync(target.Id, ct);
        return new PaymentUnit(target.Id, target.Name, target.AgencyCode, await tree.ScopeOfAsync(target.Id, ct));
    }
}
