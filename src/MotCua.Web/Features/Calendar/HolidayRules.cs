using System.Globalization;

namespace MotCua.Web.Features.Calendar;

/// <summary>A non-working day proposed by <see cref="HolidayRules"/>.</summary>
public sealed record PrefilledDay(DateOnly Date, CalendarDayKind Kind, string Reason);

/// <summary>
/// Public holidays of the Labour Code (Law 45/2019/QH14, Art. 112) for one year, used to pre-fill the stored
/// calendar the first time a year is needed.
/// </summary>
/// <remarks>
/// <para>Only a default: each year the Prime Minister fixes the exact Tết days (usually more than five, with
/// swapped Saturdays) and the day next to 2/9, and announces swaps around 30/4–1/5. That is why the calendar
/// is stored per year and an administrator edits it; nothing reads these rules after pre-filling.</para>
/// <para>Rules: 1/1; Tết Nguyên Đán five days, the last day of the lunar year (29 or 30 tháng Chạp) and
/// 1–4 tháng Giêng; Giỗ Tổ Hùng Vương 10/3 lunar; 30/4 and 1/5; 2/9 and, by default, 1/9. A holiday on a
/// Saturday or Sunday gives a compensatory day off on the next working day that is not itself a holiday
/// (Art. 112.3).</para>
/// </remarks>
public static class HolidayRules
{
    public const int MinYear = 1900;
    public const int MaxYear = 2199;

    /// <summary>Holidays and compensatory days off of a Gregorian year, in date order.</summary>
    public static IReadOnlyList<PrefilledDay> ForYear(int year) => ForYear(year, LunarCalendar.Vietnam);

    public static IReadOnlyList<PrefilledDay> ForYear(int year, LunarCalendar lunar)
    {
        ArgumentNullException.ThrowIfNull(lunar);
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Chỉ lập lịch cho các năm {MinYear}–{MaxYear}.");

        var holidays = new List<PrefilledDay>
        {
            Holiday(new DateOnly(year, 1, 1), "Tết Dương lịch"),
        };

        // Mùng 1 Tết always falls between 21/1 and 20/2, so all five days are in this Gregorian year.
        var newYear = lunar.NewYear(year);
        var lastDayOfLunarYear = newYear.AddDays(-1);
        holidays.Add(Holiday(lastDayOfLunarYear, $"Tết Nguyên Đán ({lunar.ToLunar(lastDayOfLunarYear).Day} tháng Chạp)"));
        for (var day = 1; day <= 4; day++)
            holidays.Add(Holiday(newYear.AddDays(day - 1), $"Tết Nguyên Đán (mùng {day} tháng Giêng)"));

        // In a year with a leap third month, Giỗ Tổ is kept in the ordinary (first) third month.
        holidays.Add(Holiday(lunar.ToSolar(year, 3, 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"));
        holidays.Add(Holiday(new DateOnly(year, 4, 30), "Ngày Chiến thắng 30/4"));
        holidays.Add(Holiday(new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động 1/5"));
        // The Labour Code gives 2/9 "and one day before or after"; the government picks it every year.
        holidays.Add(Holiday(new DateOnly(year, 9, 1), "Quốc khánh 2/9 (ngày liền kề)"));
        holidays.Add(Holiday(new DateOnly(year, 9, 2), "Quốc khánh 2/9"));

        var taken = holidays.Select(h => h.Date).ToHashSet();
        var result = new List<PrefilledDay>(holidays.Count + 4);
        foreach (var sameDay in holidays.GroupBy(h => h.Date).OrderBy(g => g.Key))
        {
            var date = sameDay.Key;
            var first = sameDay.First();
            result.Add(new PrefilledDay(date, CalendarDayKind.Holiday, string.Join("; ", sameDay.Select(h => h.Reason))));
            var onWeekend = WorkingCalendar.IsWeekend(date);
            // A holiday lost to the weekend is compensated (Art. 112.3). Two holidays on one date (Giỗ Tổ on
            // 30/4, as in 1947) are treated the same way: the law says nothing explicit [to confirm].
            foreach (var lost in onWeekend ? sameDay : sameDay.Skip(1))
            {
                var compensation = date.AddDays(1);
                while (WorkingCalendar.IsWeekend(compensation) || taken.Contains(compensation)) compensation = compensation.AddDays(1);
                taken.Add(compensation);
                var coincidence = onWeekend ? DayName(date) : first.Reason;
                result.Add(new PrefilledDay(compensation, CalendarDayKind.CompensatoryDayOff,
                    $"Nghỉ bù {lost.Reason}, trùng {coincidence} {date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}"));
            }
        }
        result.Sort((a, b) => a.Date.CompareTo(b.Date));
        return result;
    }

    private static PrefilledDay Holiday(DateOnly date, string reason) => new(date, CalendarDayKind.Holiday, reason);

    private static string DayName(DateOnly date) => date.DayOfWeek == DayOfWeek.Saturday ? "Thứ bảy" : "Chủ nhật";
}
