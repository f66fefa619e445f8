using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Payments;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Payments;

/// <summary>Đối soát thanh toán: a unit's day of payments against the gateway's answers, every difference listed,
/// the totals by channel, and the Excel file (the API's answer, which the office's sign-in opens).</summary>
public sealed class IndexModel(Reconcile.Handler handler, TimeProvider clock) : PageModel
{
    public Reconcile.Result? Result { get; private set; }
    public string? Error { get; private set; }
    public string DateText { get; private set; } = "";
    public string UnitCode { get; private set; } = "";

    /// <summary>Payments that match, shown at most: a busy day has thousands; every difference is always shown, and the
    /// export has every row.</summary>
    public const int MatchedRowsShown = 1000;

    public int MatchedRows => Result?.Rows.Count(r => r.Difference is null) ?? 0;

    /// <summary>Every difference and the first <see cref="MatchedRowsShown"/> matching payments, in the day's order.</summary>
    public IEnumerable<Reconcile.Row> ShownRows
    {
        get
        {
            var matched = 0;
            return (Result?.Rows ?? []).Where(r => r.Difference is not null || matched++ < MatchedRowsShown);
        }
    }

    public string DownloadUrl => $"/api/payments/reconciliation?unit={Uri.EscapeDataString(UnitCode)}&date={DateText}&format=xlsx";

    public async Task<IActionResult> OnGetAsync([FromQuery] string? unit, [FromQuery] string? date, CancellationToken ct)
    {
        var day = VietnamTime.Today(clock);
        UnitCode = unit?.Trim() ?? "";
        if (!string.IsNullOrWhiteSpace(date)
            && (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) || !InputLimits.IsSane(day)))
        {
            DateText = date.Trim();
            Error = "Ngày đối soát phải có dạng yyyy-MM-dd, ví dụ 2026-11-17.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        DateText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Result = await handler.HandleAsync(unit, day, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", ct);
        UnitCode = Result.UnitCode;
        return Page();
    }
}
