using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin.Units;

[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class DetailModel(
    ListUnits.Handler units, ListOfficials.Handler officials, RenameUnit.Handler rename, ReissueUnitCode.Handler reissue, TimeProvider clock)
    : ActionPageModel
{
    public sealed class ReissueInput
    {
        public string? NewCode { get; set; }
        public DateOnly? ValidFrom { get; set; }
        public string? Decision { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public ListUnits.UnitView Unit { get; private set; } = null!;
    public ListUnits.UnitView? Parent { get; private set; }
    public IReadOnlyList<ListUnits.UnitView> Children { get; private set; } = [];
    public IReadOnlyList<ListOfficials.OfficialView> Officials { get; private set; } = [];
    [BindProperty] public string? NewName { get; set; }
    [BindProperty] public ReissueInput Reissue { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        NewName = Unit.Name;
        Reissue.ValidFrom = VietnamTime.Today(clock);
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(CancellationToken ct) =>
        RunAsync(async () => (await rename.HandleAsync(Id, NewName, ct)) is { } unit ? $"Đã đổi tên đơn vị thành {unit.Name}." : null);

    public Task<IActionResult> OnPostReissueAsync(CancellationToken ct) =>
        RunAsync(async () =>
        {
            var request = new ReissueUnitCode.Request(Reissue.NewCode, Reissue.ValidFrom ?? VietnamTime.Today(clock), Reissue.Decision);
            return (await reissue.HandleAsync(Id, request, ct)) is { } unit
                ? $"Đã cấp lại mã định danh {unit.AgencyCode}; mã cũ được giữ trong lịch sử."
                : null;
        });

    /// <summary>Post, redirect, get; a broken rule shows the same page with the message and what was typed (<see cref="RefusedPostFilter"/>).</summary>
    private async Task<IActionResult> RunAsync(Func<Task<string?>> action) =>
        await action() is { } notice ? RedirectWithNotice(notice, $"/office/admin/units/{Id}") : NotFound();

    protected override Task<bool> ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var all = await units.HandleAsync(ct);
        var unit = all.SingleOrDefault(u => u.Id == Id);
        if (unit is null) return false;
        Unit = unit;
        Parent = all.SingleOrDefault(u => u.Id == unit.ParentId);
        Children = [.. all.Where(u => u.ParentId == unit.Id).OrderBy(u => u.AgencyCode, StringComparer.Ordinal)];
        Officials = await officials.ForUnitAsync(Id, ct);
        return true;
    }
}
