using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin;

/// <summary>Chứng thư số của cơ quan: the administrator picks a unit, sees its seal (subject, issuer, validity), installs,
/// replaces or removes it; the units that have one are listed (docs/adr/0034a).</summary>
[Authorize(Policy = nameof(OfficialRole.Administrator))]
[RequestSizeLimit(UnitSeals.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = UnitSeals.MaxRequestBytes)]
public sealed class UnitSealModel(UnitSeals.Handler seals, ListUnits.Handler units) : ActionPageModel
{
    public const string Path = "/office/admin/chu-ky-so-co-quan";

    [BindProperty(SupportsGet = true, Name = "don-vi")] public Guid? UnitId { get; set; }

    public IReadOnlyList<UnitSeals.View> Installed { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Units { get; private set; } = [];
    public UnitSeals.View? Seal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var problem = await TryLoadAsync(() => LoadAsync(ct));
        return problem is { Status: StatusCodes.Status404NotFound } ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostInstallAsync(IFormFile? file, string? password, CancellationToken ct)
    {
        var view = await seals.InstallAsync(UnitId ?? Guid.Empty, file, password, ct);
        return RedirectWithNotice($"Đã cài đặt chứng thư số của {view.UnitName}: {view.Subject}, hiệu lực đến {VietnamTime.FormatDate(view.NotAfterUtc)}.",
            PageUrl(view.UnitId));
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        var unitId = UnitId ?? Guid.Empty;
        if (!await seals.RemoveAsync(unitId, ct)) return NotFound();
        return RedirectWithNotice("Đã gỡ chứng thư số của cơ quan; văn bản của đơn vị sẽ không được đóng dấu số cho đến khi cài chứng thư mới.", PageUrl(unitId));
    }

    public static string PageUrl(Guid unitId) => $"{Path}?don-vi={unitId}";

    public override UserProblem? RefusalOf(Exception exception) =>
        exception is DomainException or NotFoundException ? UserProblem.Of(exception) : null;

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return true;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Installed = await seals.ListAsync(ct);
        Units = [.. (await units.HandleAsync(ct)).Select(u => (u.Id, u.Name))];
        Seal = UnitId is { } id ? await seals.GetAsync(id, ct) : null;
    }
}
