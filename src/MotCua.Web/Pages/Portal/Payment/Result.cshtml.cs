using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Payments;

namespace MotCua.Web.Pages.Portal.Payment;

/// <summary>Where the gateway sends the payer back (vnp_ReturnUrl). Shows the result; it never credits a payment by
/// itself: a pending order is settled by asking the gateway (<see cref="ReturnFromGateway"/>).</summary>
[AllowAnonymous]
public sealed class ResultModel(ReturnFromGateway.Handler handler, PaymentLinks links) : PageModel
{
    public ReturnFromGateway.View? Result { get; private set; }

    /// <summary>The paid order's receipt, for whoever came back from the gateway with its signed answer.</summary>
    public string? ReceiptUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await handler.HandleAsync(ReceiveGatewayNotice.QueryOf(Request), HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", ct);
        if (!Result.Genuine) Response.StatusCode = StatusCodes.Status400BadRequest;
        else if (Result.State is null) Response.StatusCode = StatusCodes.Status404NotFound;
        else if (Result.State == PaymentState.Paid && Result.OrderId is { } order) ReceiptUrl = links.ReceiptPathFor(order);
    }
}
