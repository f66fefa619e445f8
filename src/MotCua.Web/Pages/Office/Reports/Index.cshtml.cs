using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Reports;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Reports;

/// <summary>The periodic report of dossier handling: a period (this week, month, quarter, year, the previous ones, or any
/// range) and a unit (the official's own or one under it), the report table, and the Excel and PDF downloads (the API's
/// file answers, which the office's sign-in opens).</summary>
public sealed class IndexModel(ReportAccess access, DossierReport.Handler reports, TimeProvider clock) : PageModel
{
    public sealed record Choice(string Label, string Url, bool Current);

    public DossierReport.Result? Report { get; private set; }
    public string? Error { get; private set; }
    public string FromText { get; private set; } = "";
    public string ToText { get; private set; } = "";
    public string UnitCode { get; private set; } = "";
    public IReadOnlyList<Choice> Periods { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public string DownloadUrl(string format) =>
        $"/api/reports/dossiers?unit={Uri.EscapeDataString(UnitCode)}&from={FromText}&to={ToText}&format={format}";

    public async Task<IActionResult> OnGetAsync([FromQuery] string? unit, [FromQuery] string? from, [FromQuery] string? to, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var (period, problems) = ReportPeriod.Parse(from, to, today);
        FromText = Iso(period.From);
        ToText = Iso(period.To);
        UnitCode = unit?.Trim() ?? "";

        var (own, _) = await access.ResolveAsync(null, ct);
        if (own is not null)
            Units = [(own.AgencyCode, own.Name), .. own.Children.Select(c => (c.AgencyCode, c.Name))];
        if (problems.Count > 0)
        {
            Error = string.Join(" ", problems.Values.SelectMany(v => v));
            return Refused(StatusCodes.Status400BadRequest, today, period);
        }
        var (target, problem) = await access.ResolveAsync(unit, ct);
        if (problem is not null)
        {
            Error = problem.Detail;
            return Refused(problem.Status, today, period);
        }
        UnitCode = target!.AgencyCode;
        Periods = Presets(today, period);
        Report = await reports.HandleAsync(target, period, ct);
        return Page();
    }

    private PageResult Refused(int status, DateOnly today, ReportPeriod period)
    {
        Periods = Presets(today, period);
        Response.StatusCode = status;
        return Page();
    }

    private List<Choice> Presets(DateOnly today, ReportPeriod shown)
    {
        var lastMonth = ReportPeriod.Of(PeriodKind.Month, today).From.AddDays(-1);
        var lastQuarter = ReportPeriod.Of(PeriodKind.Quarter, today).From.AddDays(-1);
        (string Label, ReportPeriod Period)[] presets =
        [
            ("Tuần này", ReportPeriod.Of(PeriodKind.Week, today)),
            ("Tháng này", ReportPeriod.Of(PeriodKind.Month, today)),
            ("Tháng trước", ReportPeriod.Of(PeriodKind.Month, lastMonth)),
            ("Quý này", ReportPeriod.Of(PeriodKind.Quarter, today)),
            ("Quý trước", ReportPeriod.Of(PeriodKind.Quarter, lastQuarter)),
            ("Năm nay", ReportPeriod.Of(PeriodKind.Year, today)),
            ("Năm trước", ReportPeriod.Of(PeriodKind.Year, today.AddYears(-1))),
        ];
        return [.. presets.Select(p => new Choice(p.Label,
            $"/office/reports?unit={Uri.EscapeDataString(UnitCode)}&from={Iso(p.Period.From)}&to={Iso(p.Period.To)}", p.Period == shown))];
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
