using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Reports;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Dashboard;

/// <summary>The live dashboard of a unit: the report's key figures for this month and this year, counted on every visit
/// (no nightly roll-up), two charts, and for a unit with sub-units (a province) the units side by side, ranked, with
/// their 766 totals counted at most every few minutes (<see cref="GetRanking"/>).</summary>
public sealed class IndexModel(ReportAccess access, DossierReport.Handler reports, GetRanking.Handler rankings, TimeProvider clock) : PageModel
{
    /// <summary>A column of the ranking table, read from the unit's report row and from the page (the 766 totals). The
    /// ranking is by the share settled early or on time.</summary>
    public sealed record RankingColumn(string Header, Func<DossierReport.UnitRow, IndexModel, string> Value);

    public static readonly IReadOnlyList<RankingColumn> RankingColumns =
    [
        new("Tiếp nhận trong kỳ", (u, _) => Count(u.Figures.ReceivedInPeriod)),
        new("Đã giải quyết", (u, _) => Count(u.Figures.Settled)),
        new("Tỷ lệ trước hạn, đúng hạn", (u, _) => ReportColumn.Format(u.Figures.SettledOnTimeRate, rate: true)),
        new("Trễ hạn", (u, _) => Count(u.Figures.SettledLate)),
        new("Đang giải quyết quá hạn", (u, _) => Count(u.Figures.PendingOverdue)),
        new("Điểm Bộ chỉ số 766", (u, m) => m.Scores.TryGetValue(u.Code, out var s)
            ? s.Total.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN")) : "—"),
    ];

    /// <summary>The 766 total of each unit ranked, by agency code, for the ranking's period: the scorecard's own
    /// computation of the parent unit (its children's totals), not a second formula; reused for a few minutes.</summary>
    public IReadOnlyDictionary<string, GetScorecard.Child> Scores { get; private set; } = new Dictionary<string, GetScorecard.Child>();

    /// <summary>When the 766 totals were counted and how long they are reused: the page says so.</summary>
    public GetRanking.Result? ScoresCounted { get; private set; }

    public DossierReport.Result? Month { get; private set; }
    public DossierReport.Result? Year { get; private set; }
    /// <summary>The ranking shown: this year's, or this month's.</summary>
    public DossierReport.Result? Ranking { get; private set; }
    public bool RankingByMonth { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string? unit, [FromQuery] string? ky, CancellationToken ct)
    {
        var (own, _) = await access.ResolveAsync(null, ct);
        if (own is not null) Units = [(own.AgencyCode, own.Name), .. own.Children.Select(c => (c.AgencyCode, c.Name))];
        var (target, problem) = await access.ResolveAsync(unit, ct);
        if (problem is not null)
        {
            Error = problem.Detail;
            Response.StatusCode = problem.Status;
            return Page();
        }
        var today = VietnamTime.Today(clock);
        Month = await reports.HandleAsync(target!, ReportPeriod.Of(PeriodKind.Month, today), ct);
        Year = await reports.HandleAsync(target!, ReportPeriod.Of(PeriodKind.Year, today), ct);
        RankingByMonth = ky == "thang";
        Ranking = RankingByMonth ? Month : Year;
        if (Ranking.Units.Count > 0)
        {
            ScoresCounted = await rankings.HandleAsync(Ranking.Unit.Code, ScorecardPeriod.Format(Ranking.From), ScorecardPeriod.Format(Ranking.To), ct);
            Scores = ScoresCounted.Children.ToDictionary(c => c.Unit, StringComparer.OrdinalIgnoreCase);
        }
        return Page();
    }

    public static string Count(int value) => ReportColumn.Format(value, rate: false);

    public static string ReportUrl(DossierReport.Result report) => string.Create(CultureInfo.InvariantCulture,
        $"/office/reports?unit={Uri.EscapeDataString(report.Unit.Code)}&from={report.From:yyyy-MM-dd}&to={report.To:yyyy-MM-dd}");
}
