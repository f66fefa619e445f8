using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Tracking;

namespace MotCua.Web.Pages.Portal;

/// <summary>Tra cứu hồ sơ, open to anyone: the form takes the code and the lookup code from the receipt, and the
/// QR code on the receipt lands here with both in the query string, so the answer is shown on a GET.</summary>
[AllowAnonymous]
public sealed class LookupModel(LookupDossier.Handler lookup) : PageModel
{
    public string? Code { get; private set; }
    public string? LookupCode { get; private set; }
    public LookupDossier.View? Dossier { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? ma, string? khoa, CancellationToken ct)
    {
        (Code, LookupCode) = (ma?.Trim(), khoa?.Trim());
        if (ma is null && khoa is null) return;
        if (string.IsNullOrEmpty(Code) || string.IsNullOrEmpty(LookupCode))
        {
            Error = "Hãy nhập cả mã hồ sơ và mã tra cứu.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }
        Dossier = await lookup.HandleAsync(Code, LookupCode, ct);
        if (Dossier is null)
        {
            Error = LookupDossier.NotFound;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
