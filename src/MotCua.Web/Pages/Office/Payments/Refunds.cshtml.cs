using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Payments;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Payments;

/// <summary>The money the unit owes back, and recording that it was given back (who, when, how, the voucher).</summary>
public sealed class RefundsModel(ListRefunds.Handler list, RecordRefund.Handler record) : ActionPageModel
{
    public ListRefunds.Result? Refunds { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public string PageUrl(int page) =>
        $"/office/payments/refunds?p={page}" + (string.IsNullOrEmpty(Unit) ? "" : "&unit=" + Uri.EscapeDataString(Unit));

    public async Task OnGetAsync(CancellationToken ct) => Refunds = await list.HandleAsync(Unit, ct, Math.Max(1, PageNumber));

    public async Task<IActionResult> OnPostAsync(Guid orderId, RefundMethod? method, string? reference, CancellationToken ct)
    {
        var done = await record.HandleAsync(orderId, new RecordRefund.Request(method, reference), ct);
        return RedirectWithNotice(done.DossierCode == RecordRefund.DraftLabel
                ? "Đã ghi nhận hoàn trả khoản thanh toán của bản nháp chưa nộp."
                : $"Đã ghi nhận hoàn trả khoản thanh toán của hồ sơ {done.DossierCode}.",
            "/office/payments/refunds" + (string.IsNullOrEmpty(Unit) ? "" : "?unit=" + Uri.EscapeDataString(Unit)));
    }

    /// <summary>Every refusal the API gives (403, 404, 409, 422) is shown with its status.</summary>
    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Error = problem.Detail;
        await ReloadAsync(ct);
        var page = Page();
        page.StatusCode = problem.Status;
        return page;
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        Refunds = await list.HandleAsync(Unit, ct, Math.Max(1, PageNumber));
        return true;
    }
}
