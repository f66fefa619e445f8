using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Targets;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Targets;

/// <summary>Chỉ tiêu năm: the targets of a unit for a year with the value measured now, a progress bar and the pace.</summary>
public sealed class IndexModel(GetTargetProgress.Handler progress, TargetsAccess access, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public GetTargetProgress.Result Result { get; private set; } = null!;
    public IReadOnlyList<UnitTree.Node> Choices { get; private set; } = [];
    public bool CanWrite => access.CanWrite;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Year is not (>= UnitTarget.MinYear and <= UnitTarget.MaxYear)) Year = VietnamTime.Today(clock).Year;
        if (await access.ReadableOrNullAsync(Unit, ct) is not { } unit) return NotFound();
        Result = await progress.HandleAsync(unit.AgencyCode, Year, ct);
        Choices = await access.ChoicesAsync(ct);
        return Page();
    }
}
