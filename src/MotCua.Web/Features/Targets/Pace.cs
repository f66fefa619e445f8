using System.Globalization;

namespace MotCua.Web.Features.Targets;

public enum PaceState
{
    /// <summary>Not a share of dossiers (a state at a moment, or no data): no pace.</summary>
    NotApplicable,
    /// <summary>The year is over: the measured value is final.</summary>
    YearOver,
    /// <summary>Even if none of the remaining dossiers met the metric, the target would be reached.</summary>
    Secured,
    /// <summary>The remaining dossiers must meet the metric at <see cref="Pace.RequiredPercent"/>.</summary>
    Needed,
    /// <summary>More than 100 % of the remaining dossiers would be needed.</summary>
    Unreachable,
}

/// <summary>The pace needed to reach a yearly target by the year's end (docs/adr/0030c). With m of n dossiers meeting the
/// metric so far, a fraction e of the year elapsed (by Vietnam days) and the rest of the year projected at the same
/// rate, r = n × (1 − e) / e dossiers are still expected; the target T is reached when (m + x) / (n + r) ≥ T, so the
/// share of the remaining dossiers that must meet it is x / r = (T × (n + r) − m) / r. Before any dossier of the year
/// it is T itself.</summary>
public sealed record Pace(PaceState State, decimal? RequiredPercent, int ExpectedRemaining)
{
    public static readonly Pace None = new(PaceState.NotApplicable, null, 0);

    public static Pace Of(decimal targetPercent, int numerator, int denominator, int year, DateOnly today)
    {
        var start = new DateOnly(year, 1, 1);
        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        // Today counts as elapsed: the dossiers received today are already in n.
        var elapsed = today.DayNumber - start.DayNumber + 1;
        if (elapsed >= daysInYear) return new(PaceState.YearOver, null, 0);
        if (elapsed <= 0 || denominator == 0) return new(PaceState.Needed, targetPercent, 0);
        var target = targetPercent / 100m;
        var remaining = (decimal)denominator * (daysInYear - elapsed) / elapsed;
        var needed = target * (denominator + remaining) - numerator;
        var expected = (int)Math.Round(remaining, MidpointRounding.AwayFromZero);
        if (needed <= 0) return new(PaceState.Secured, 0m, expected);
        var share = Math.Round(100m * needed / remaining, 1);
        return share > 100m ? new(PaceState.Unreachable, share, expected) : new(PaceState.Needed, share, expected);
    }

    /// <summary>What the page says, e.g. "Cần đạt 78 % trong các tháng còn lại".</summary>
    public string Text => State switch
    {
        PaceState.YearOver => "Đã hết năm.",
        PaceState.Secured => "Đã bảo đảm chỉ tiêu nếu giữ số hồ sơ dự kiến.",
        PaceState.Needed when ExpectedRemaining == 0 => $"Cần đạt {Percent(RequiredPercent)} trên các hồ sơ tiếp nhận.",
        PaceState.Needed => $"Cần đạt {Percent(RequiredPercent)} trong các tháng còn lại (khoảng {ExpectedRemaining} hồ sơ dự kiến).",
        PaceState.Unreachable => $"Không thể đạt trong năm: cần {Percent(RequiredPercent)} hồ sơ còn lại (khoảng {ExpectedRemaining} hồ sơ dự kiến).",
        _ => "",
    };

    public static string Percent(decimal? value) =>
        value is { } v ? v.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN")) + " %" : "chưa có dữ liệu";
}
