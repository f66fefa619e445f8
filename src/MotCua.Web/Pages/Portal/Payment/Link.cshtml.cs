using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Payments;

namespace MotCua.Web.Pages.Portal.Payment;

/// <summary>The payment link sent to an applicant received at the desk: no sign-in, the signed token names the
/// dossier, and the page shows only its code and fees.</summary>
[AllowAnonymous]
public sealed class LinkModel(StartOnlinePayment.Handler handler, IOptions<FormsOptions> forms) : PaymentPageModel(handler, forms)
{
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Summary = await Handler.SummaryForLinkAsync(Token ?? "", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        ToGateway(await Handler.ForLinkAsync(Token ?? "", RequestFor(), ct));

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        Summary = await Handler.SummaryForLinkAsync(Token ?? "", ct);
        return true;
    }
}
