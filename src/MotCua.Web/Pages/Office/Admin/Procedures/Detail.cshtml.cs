using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Office.Admin.Procedures;

[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class DetailModel(GetProcedureHistory.Handler history) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public GetProcedureHistory.Result Procedure { get; private set; } = null!;
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await history.HandleAsync(Code, ct) is not { } procedure) return NotFound();
        Procedure = procedure;
        return Page();
    }
}
