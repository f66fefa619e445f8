using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Payments;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Payment;

/// <summary>The two pages that start an online payment — the citizen's, from "my dossiers", and the payment link's —
/// differ only in how they name the dossier: both show what is owed and send the payer to the gateway.</summary>
public abstract class PaymentPageModel(StartOnlinePayment.Handler handler, IOptions<FormsOptions> forms) : ActionPageModel
{
    public const string ResultPath = "/thanh-toan/ket-qua";

    protected StartOnlinePayment.Handler Handler => handler;

    public StartOnlinePayment.Summary? Summary { get; protected set; }

    /// <summary>Where the gateway sends the payer back: the portal's public address when configured, else the one
    /// the request came in on.</summary>
    protected PaymentRequest RequestFor() =>
        new((forms.Value.PublicBaseUrl is { } configured ? configured.ToString().TrimEnd('/') : $"{Request.Scheme}://{Request.Host}") + ResultPath,
            HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", default);

    /// <summary>The gateway's own page: an absolute address, or the sandbox's path in this app.</summary>
    protected IActionResult ToGateway(StartOnlinePayment.Started started) => Redirect(started.GatewayUrl);

    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        if (problem.Status == StatusCodes.Status404NotFound) return NotFound();
        Error = problem.Detail;
        if (!await ReloadAsync(ct)) return NotFound();
        var page = Page();
        page.StatusCode = problem.Status;
        return page;
    }
}
