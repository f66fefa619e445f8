using System.Globalization;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reports;

/// <summary>The kinds of period the statistics office reports on (weekly, monthly, quarterly, yearly), or any range.</summary>
public enum PeriodKind { Week, Month, Quarter, Year, Custom }

/// <summary>A report's period: whole Vietnam days from <see cref="From"/> to <see cref="To"/>, both included. A dossier
/// belongs to it by instants in [From 00:00, To + 1 day 00:00) Vietnam time, as the scorecard reads periods.</summary>
public readonly record struct ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Five years: a report is a handful of aggregate queries, so a long range costs little, but a typo such as
    /// 0026 for 2026 should be told rather than counted.</summary>
    public const int MaxDays = 1827;

    public DateTime FromUtc => VietnamTime.ToUtc(From.ToDateTime(TimeOnly.MinValue));

    public DateTime ToUtc => VietnamTime.ToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue));

    /// <summary>The week (Monday to Sunday), month, quarter or year containing <paramref name="date"/>.</summary>
    public static ReportPeriod Of(PeriodKind kind, DateOnly date) => kind switch
    {
        PeriodKind.Week => new(date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), date.AddDays(-(((int)date.DayOfWeek + 6) % 7) + 6)),
        PeriodKind.Month => new(new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month))),
        PeriodKind.Quarter => new(new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1), new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1).AddMonths(3).AddDays(-1)),
        PeriodKind.Year => new(new DateOnly(date.Year, 1, 1), new DateOnly(date.Year, 12, 31)),
        _ => new(date, date),
    };

    /// <summary>Which kind of period this is, when it is exactly one week, month, quarter or year.</summary>
    public PeriodKind Kind
    {
        get
        {
            foreach (var kind in new[] { PeriodKind.Year, PeriodKind.Quarter, PeriodKind.Month, PeriodKind.Week })
                if (Of(kind, From) == this) return kind;
            return PeriodKind.Custom;
        }
    }

    /// <summary>"Tháng 11/2026", "Quý IV/2026", "Năm 2026", "Tuần 16/11/2026 – 22/11/2026", "Từ 01/11/2026 đến 15/11/2026".</summary>
    public string Label => Kind switch
    {
        PeriodKind.Year => $"Năm {From.Year.ToString(CultureInfo.InvariantCulture)}",
        PeriodKind.Quarter => $"Quý {new[] { "I", "II", "III", "IV" }[(From.Month - 1) / 3]}/{From.Year.ToString(CultureInfo.InvariantCulture)}",
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"Tháng {From.Month}/{From.Year}"),
        PeriodKind.Week => string.Create(CultureInfo.InvariantCulture, $"Tuần {From:dd/MM/yyyy} – {To:dd/MM/yyyy}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Từ {From:dd/MM/yyyy} đến {To:dd/MM/yyyy}"),
    };

    /// <summary>Reads <c>from</c> and <c>to</c> as <c>yyyy-MM-dd</c>. Both empty: the month of <paramref name="today"/>; one
    /// empty: that one month's start or end. Answers the period, or the Vietnamese problems by parameter name.</summary>
    public static (ReportPeriod Period, Dictionary<string, string[]> Problems) Parse(string? from, string? to, DateOnly today)
    {
        var problems = new Dictionary<string, string[]>();
        var start = ReadDate(from, "from", "Ngày bắt đầu", problems);
        var end = ReadDate(to, "to", "Ngày kết thúc", problems);
        if (problems.Count > 0) return (Of(PeriodKind.Month, today), problems);
        var month = Of(PeriodKind.Month, start ?? end ?? today);
        var period = new ReportPeriod(start ?? month.From, end ?? month.To);
        if (period.From > period.To)
            problems["to"] = ["Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."];
        else if (period.To.DayNumber - period.From.DayNumber + 1 > MaxDays)
            problems["to"] = [$"Kỳ báo cáo dài tối đa {MaxDays.ToString(CultureInfo.InvariantCulture)} ngày (5 năm); hãy chọn khoảng thời gian ngắn hơn."];
        else if (period.From > today)
            problems["from"] = [$"Kỳ báo cáo chưa bắt đầu: ngày bắt đầu {period.From.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} sau ngày hôm nay."];
        return (period, problems);
    }

    private static DateOnly? ReadDate(string? text, string name, string label, Dictionary<string, string[]> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems[name] = [$"{label} không hợp lệ: hãy ghi theo dạng năm-tháng-ngày (yyyy-MM-dd), ví dụ 2026-11-01."];
            return null;
        }
        if (!InputLimits.IsSane(date))
        {
            problems[name] = [$"{label} phải {InputLimits.DateRangeText}."];
            return null;
        }
        return date;
    }
}
