using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Payments.Receipts;

namespace MotCua.Web.Pages.Portal.Payment;

/// <summary>The receipts of one of the citizen's own dossiers, each printable as a PDF; another's dossier is not found.</summary>
[Authorize(Policy = IdentitySetup.CitizenPolicy)]
public sealed class ReceiptsModel(ReadReceipt read) : PageModel
{
    public string Code { get; private set; } = "";
    public IReadOnlyList<Receipt> Receipts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await read.ForCitizenDossierAsync(code, ct) is not { } receipts) return NotFound();
        Code = code.Trim().ToUpperInvariant();
        Receipts = receipts;
        return Page();
    }
}
