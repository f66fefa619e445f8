using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Payments;
using MotCua.Web.Pages.Portal.Payment;

namespace MotCua.Web.Pages.Portal.Citizen.Dossiers;

/// <summary>Thanh toán trực tuyến from "my dossiers": the dossier waits for its financial obligation (status 6); the
/// citizen sees what is owed and is sent to the gateway. Someone else's dossier is answered as absent.</summary>
public sealed class PaymentModel(StartOnlinePayment.Handler handler, IOptions<FormsOptions> forms) : PaymentPageModel(handler, forms)
{
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Summary = await Handler.SummaryForCitizenAsync(code, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct) =>
        ToGateway(await Handler.ForCitizenAsync(code, RequestFor(), ct));

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        Summary = await Handler.SummaryForCitizenAsync(RouteData.Values["code"]?.ToString() ?? "", ct);
        return true;
    }
}
