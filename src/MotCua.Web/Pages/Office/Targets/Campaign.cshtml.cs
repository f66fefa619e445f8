using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Targets;

namespace MotCua.Web.Pages.Office.Targets;

/// <summary>A campaign's weekly table: each week beside the earlier ones, milestones met or missed.</summary>
public sealed class CampaignModel(GetCampaign.Handler get) : PageModel
{
    [TempData] public string? Notice { get; set; }
    public GetCampaign.View View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await get.FindAsync(id, ct) is not { } view) return NotFound();
        View = view;
        return Page();
    }
}
