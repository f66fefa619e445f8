using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Scorecard;

/// <summary>Bảng điểm 766: the official chooses a unit (their own and those under it) and a month, quarter, year or
/// range; the page shows the groups and indicators with bars, what to fix for each indicator that loses points, and for
/// a unit with units under it, those units ranked. The same figures export as .xlsx.</summary>
public sealed class IndexModel(GetScorecard.Handler scorecards, ListLostPoints.Handler lostPoints, CurrentUser user, UnitTree units, TimeProvider clock)
    : PageModel
{
    /// <summary>Items of each indicator shown on the page; the rest are one click away.</summary>
    public const int Shown = 10;

    /// <summary>Items of each indicator written to the export.</summary>
    public const int ExportedPages = 20;

    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    /// <summary>month, quarter, year or custom.</summary>
    [BindProperty(SupportsGet = true)] public string Period { get; set; } = "month";
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Month { get; set; }
    [BindProperty(SupportsGet = true)] public int? Quarter { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    /// <summary>The indicator whose whole list of lost points is shown, page by page.</summary>
    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<UnitTree.Node> Units { get; private set; } = [];
    public GetScorecard.Result? Card { get; private set; }
    public Dictionary<string, ListLostPoints.Result> Lost { get; } = [];
    public ListLostPoints.Result? Detail { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await PrepareAsync(ct)) return Page();
        // One computation for the whole page: each list reads only its page of dossiers.
        var computation = await scorecards.ComputeAsync(Unit, From, To, ct);
        Card = computation.Result;
        foreach (var indicator in Card.Groups.SelectMany(g => g.Indicators).Where(Listed))
            Lost[indicator.Id] = await lostPoints.HandleAsync(computation, indicator.Id, 1, ct);
        if (Indicators.Find(Indicator) is { } chosen)
            Detail = await lostPoints.HandleAsync(computation, chosen.Id, Math.Max(1, PageNumber), ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await PrepareAsync(ct)) return Page();
        var computation = await scorecards.ComputeAsync(Unit, From, To, ct);
        var card = computation.Result;
        var stream = XlsxWriter.TempFile();
        using (var sheet = XlsxWriter.Create(stream, "Bang diem 766",
                   [new("Chỉ số", 8), new("Tên chỉ số / hồ sơ", 60), new("Tử số", 10), new("Mẫu số", 10), new("Tỷ lệ", 10), new("Ngưỡng", 10),
                    new("Điểm", 10), new("Tối đa", 10), new("Lý do mất điểm", 60), new("Điểm tăng nếu khắc phục", 14), new("Đường dẫn", 50)]))
        {
            sheet.WriteRow(Pad([$"Bảng điểm Bộ chỉ số 766 — {card.UnitName} ({card.Unit}), từ {card.From} đến {card.To}: {N(card.Total)}/100 ({card.Band})"]));
            foreach (var group in card.Groups)
            {
                sheet.WriteRow(Pad([$"Nhóm {group.Id}", group.Name, null, null, null, null, N(group.Score), N(group.Max)]));
                foreach (var i in group.Indicators)
                {
                    sheet.WriteRow(Pad([i.Id, i.Name + (i.ToConfirm ? " [cần xác nhận]" : "") + (i.Tracked ? " [theo dõi]" : ""), N(i.Numerator), N(i.Denominator),
                        i.Ratio is { } r ? r.ToString("P2", CultureInfo.InvariantCulture) : "", N(i.Threshold), N(i.Score), N(i.Max), i.Note, N(i.Gain)]));
                    if (!Listed(i)) continue;
                    for (var page = 1; page <= ExportedPages; page++)
                    {
                        var lost = await lostPoints.HandleAsync(computation, i.Id, page, ct);
                        foreach (var item in lost.Items)
                            sheet.WriteRow(Pad(["", $"{item.Code} {item.Title}", null, null, null, null, null, null, string.Join("; ", item.Reasons), N(item.Gain),
                                item.Link is null ? null : $"{Request.Scheme}://{Request.Host}{item.Link}"]));
                        if (!lost.HasMore) break;
                    }
                }
            }
            foreach (var child in card.Children)
                sheet.WriteRow(Pad([$"Hạng {child.Rank}", $"{child.Name} ({child.Unit})", null, null, null, null, N(child.Total), "100", child.Band]));
        }
        stream.Position = 0;
        return File(stream, XlsxWriter.ContentType, $"bang-diem-766-{card.Unit}-{card.From}-{card.To}.xlsx");
    }

    /// <summary>The units to choose from and the period's dates, from the month, quarter, year or range chosen.</summary>
    private async Task<bool> PrepareAsync(CancellationToken ct)
    {
        if (user.UnitId is not { } own) return false;
        var reach = await units.ScopeOfAsync(own, ct);
        var nodes = new List<UnitTree.Node>();
        foreach (var id in reach)
            if (await units.FindAsync(id, ct) is { } node && UnitTree.IsAdministrative(node.Kind)) nodes.Add(node);
        Units = [.. nodes.OrderBy(n => n.Kind).ThenBy(n => n.Name, StringComparer.Ordinal)];
        Unit ??= (await units.AdministrativeUnitOfAsync(own, ct)).AgencyCode;

        var today = VietnamTime.Today(clock);
        var year = Year ?? today.Year;
        if (year is < 2000 or > 2100) year = today.Year;
        Year = year;
        switch (Period)
        {
            case "year":
                (From, To) = (D(new DateOnly(year, 1, 1)), D(new DateOnly(year, 12, 31)));
                break;
            case "quarter":
                var q = Math.Clamp(Quarter ?? (today.Month + 2) / 3, 1, 4);
                Quarter = q;
                (From, To) = (D(new DateOnly(year, 3 * q - 2, 1)), D(new DateOnly(year, 3 * q, 1).AddMonths(1).AddDays(-1)));
                break;
            case "custom":
                // The handler checks the dates typed and answers in Vietnamese; checked here first to show it on the page.
                if (!DateOnly.TryParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                    || !DateOnly.TryParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || from > to)
                {
                    Error = "Chọn ngày bắt đầu và ngày kết thúc hợp lệ (ngày bắt đầu không sau ngày kết thúc).";
                    return false;
                }
                if (to.DayNumber - from.DayNumber >= 5 * 366)
                {
                    Error = "Khoảng thời gian tối đa là 5 năm.";
                    return false;
                }
                break;
            default:
                Period = "month";
                var m = Math.Clamp(Month ?? today.Month, 1, 12);
                Month = m;
                (From, To) = (D(new DateOnly(year, m, 1)), D(new DateOnly(year, m, 1).AddMonths(1).AddDays(-1)));
                break;
        }
        return true;
    }

    public string Query(string? indicator = null, int page = 1) =>
        $"/office/scorecard?unit={Uri.EscapeDataString(Unit ?? "")}&period=custom&from={From}&to={To}"
        + (indicator is null ? "" : $"&indicator={Uri.EscapeDataString(indicator)}&p={page}#chi-tiet");

    /// <summary>Indicators whose lost items are listed: the scored ones, and 2.2's slow procedures (shown, not scored).</summary>
    public static bool Listed(IndicatorResult i) => i.Lost > 0 && (!i.Tracked || i.Id == "2.2");

    public static string N(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "";

    /// <summary>The bar's width: the score's share of the maximum; for an indicator only tracked, its ratio.</summary>
    public static string Width(IndicatorResult i) =>
        (i.Max > 0 ? 100 * i.Score / i.Max : 100 * (i.Ratio ?? 0)).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>The sheet's rows all have its columns' count; the title and group rows leave the rest empty.</summary>
    private static string?[] Pad(string?[] cells) => [.. cells, .. Enumerable.Repeat<string?>(null, Columns - cells.Length)];

    private const int Columns = 11;

    private static string D(DateOnly date) => ScorecardPeriod.Format(date);
}
