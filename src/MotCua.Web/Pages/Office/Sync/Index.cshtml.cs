using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.NationalPortal;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Sync;

/// <summary>Đồng bộ Cổng DVCQG: the health of the national sync for the official's units (pending, refused with the
/// portal's reasons, the oldest change waiting and its age, today's lag), "send again" for one dossier, and for an
/// administrator a re-sync of a unit's dossiers submitted in a date range.</summary>
public sealed class IndexModel(SyncHealth health, Resync resync, DossierActions actions, CurrentUser user, UnitTree units, AppDbContext db, TimeProvider clock)
    : ActionPageModel
{
    public SyncHealth.Report? Report { get; private set; }
    public IReadOnlyList<UnitTree.Node> Units { get; private set; } = [];
    public bool CanResyncUnit => user.IsInRole(OfficialRole.Administrator);

    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        var scope = await actions.ScopeAsync(ct);
        Report = await health.GetAsync(scope, ct);
        var nodes = new List<UnitTree.Node>();
        foreach (var id in scope)
            if (await units.FindAsync(id, ct) is { } node) nodes.Add(node);
        Units = [.. nodes.OrderBy(n => n.AgencyCode, StringComparer.Ordinal)];
        return true;
    }

    /// <summary>"Gửi lại" on a dossier whose record was refused: any official of the dossier's units.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid dossierId, CancellationToken ct)
    {
        var scope = await actions.ScopeAsync(ct);
        var which = db.Dossiers.Where(d => d.Id == dossierId
                                           && (scope.Contains(d.ReceivingUnitId) || scope.Contains(d.CompetentUnitId) || scope.Contains(d.CurrentUnitId)));
        var code = await which.Select(d => d.Code).SingleOrDefaultAsync(ct) ?? throw new DomainException("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn.");
        await resync.DossiersAsync(which, ct);
        return RedirectWithNotice($"Đã xếp lịch gửi lại hồ sơ {code} lên Cổng Dịch vụ công quốc gia.", $"/office/dossiers/{dossierId}");
    }

    /// <summary>Re-sync of a unit (and the units under it) for the dossiers submitted from one day to another: administrators.</summary>
    public async Task<IActionResult> OnPostResyncUnitAsync(CancellationToken ct)
    {
        if (!CanResyncUnit) throw new DomainException("Chỉ quản trị hệ thống được đồng bộ lại hồ sơ của cả đơn vị.");
        var scope = await actions.ScopeAsync(ct);
        var node = await FindUnitAsync(Unit, ct);
        if (node is null || !scope.Contains(node.Id)) throw new DomainException("Hãy chọn một đơn vị thuộc phạm vi của bạn.");
        if (From is not { } from || To is not { } to) throw new DomainException("Hãy nhập khoảng ngày nộp hồ sơ (từ ngày, đến ngày).");
        if (to < from) throw new DomainException("Đến ngày phải sau hoặc bằng từ ngày.");
        if (to.DayNumber - from.DayNumber > 366) throw new DomainException("Mỗi lần đồng bộ lại tối đa một năm.");
        var sub = (await units.ScopeOfAsync(node.Id, ct)).ToList();
        var start = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var end = VietnamTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var count = await resync.DossiersAsync(db.Dossiers.Where(d => (sub.Contains(d.ReceivingUnitId) || sub.Contains(d.CompetentUnitId))
                                                                     && d.SubmittedAtUtc >= start && d.SubmittedAtUtc < end), ct);
        return RedirectWithNotice(string.Create(CultureInfo.GetCultureInfo("vi-VN"),
            $"Đã xếp lịch đồng bộ lại {count:N0} hồ sơ của {node.Name} nộp từ {from:dd/MM/yyyy} đến {to:dd/MM/yyyy}."), "/office/sync");
    }

    private async Task<UnitTree.Node?> FindUnitAsync(string? agencyCode, CancellationToken ct)
    {
        var scope = await actions.ScopeAsync(ct);
        foreach (var id in scope)
            if (await units.FindAsync(id, ct) is { } node && node.AgencyCode == agencyCode) return node;
        return null;
    }

    public string Today => VietnamTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Age(TimeSpan age) => age.TotalMinutes < 60
        ? $"{(int)age.TotalMinutes} phút"
        : age.TotalHours < 48 ? $"{(int)age.TotalHours} giờ {age.Minutes} phút" : $"{(int)age.TotalDays} ngày";
}
