using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.OnlineSubmission;
using MotCua.Web.Features.Payments;

namespace MotCua.Web.Pages.Portal.Citizen.Submission;

/// <summary>Where the gateway sends the payer back after paying a draft's fee before submission (vnp_ReturnUrl). It
/// shows the outcome and leads back to the draft; it never pays by itself (<see cref="PayDraft.Handler.ReturnAsync"/>).</summary>
public sealed class PaymentReturnModel(PayDraft.Handler pay) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid DraftId { get; set; }

    public PayDraft.Returned Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await pay.ReturnAsync(DraftId, ReceiveGatewayNotice.QueryOf(Request), HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", ct);
        if (result is null) return NotFound();
        Result = result;
        if (!result.Genuine) Response.StatusCode = StatusCodes.Status400BadRequest;
        else if (result.OrderState is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
