using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.OnlineSubmission;

namespace MotCua.Web.Pages.Portal.Citizen.Submission;

/// <summary>Biên nhận: shown after submission (and again whenever the same draft is submitted twice).</summary>
public sealed class ReceiptModel(GetReceipt.Handler receipts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string DossierCode { get; set; } = "";

    public GetReceipt.View Receipt { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var receipt = await receipts.HandleAsync(DossierCode, ct);
        if (receipt is null) return NotFound();
        Receipt = receipt;
        return Page();
    }
}
