using MotCua.Web.Features.Calendar;

namespace MotCua.Tests.Features.Calendar;

public sealed class HolidayRulesTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void ForYear_When2026_GivesTheLabourCodeDaysAndOneCompensation()
    {
        var days = HolidayRules.ForYear(2026);

        days.Select(d => (d.Date, d.Kind)).ShouldBe(
        [
            (D(2026, 1, 1), CalendarDayKind.Holiday),    // Thursday
            (D(2026, 2, 16), CalendarDayKind.Holiday),   // 29 tháng Chạp: month 12 of Ất Tỵ has 29 days
            (D(2026, 2, 17), CalendarDayKind.Holiday),   // mùng 1, Tuesday
            (D(2026, 2, 18), CalendarDayKind.Holiday),
            (D(2026, 2, 19), CalendarDayKind.Holiday),
            (D(2026, 2, 20), CalendarDayKind.Holiday),   // mùng 4, Friday
            (D(2026, 4, 26), CalendarDayKind.Holiday),   // Giỗ Tổ, a Sunday...
            (D(2026, 4, 27), CalendarDayKind.CompensatoryDayOff), // ...compensated on Monday
            (D(2026, 4, 30), CalendarDayKind.Holiday),   // Thursday
            (D(2026, 5, 1), CalendarDayKind.Holiday),    // Friday
            (D(2026, 9, 1), CalendarDayKind.Holiday),    // default day next to 2/9
            (D(2026, 9, 2), CalendarDayKind.Holiday),    // Wednesday
        ]);
        days.Single(d => d.Date == D(2026, 1, 1)).Reason.ShouldBe("Tết Dương lịch");
        days.Single(d => d.Date == D(2026, 2, 16)).Reason.ShouldBe("Tết Nguyên Đán (29 tháng Chạp)");
        days.Single(d => d.Date == D(2026, 2, 17)).Reason.ShouldBe("Tết Nguyên Đán (mùng 1 tháng Giêng)");
        days.Single(d => d.Date == D(2026, 4, 26)).Reason.ShouldBe("Giỗ Tổ Hùng Vương (10/3 âm lịch)");
        days.Single(d => d.Date == D(2026, 4, 27)).Reason.ShouldBe("Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch), trùng Chủ nhật 26/04/2026");
        days.Single(d => d.Date == D(2026, 4, 30)).Reason.ShouldBe("Ngày Chiến thắng 30/4");
        days.Single(d => d.Date == D(2026, 5, 1)).Reason.ShouldBe("Ngày Quốc tế Lao động 1/5");
        days.Single(d => d.Date == D(2026, 9, 2)).Reason.ShouldBe("Quốc khánh 2/9");
    }

    [Fact]
    public void ForYear_WhenNewYearsDayIsASaturday_CompensatesOnMonday()
    {
        // 2022: 1/1 on a Saturday, Giỗ Tổ on Sunday 10/4, 30/4 and 1/5 on a weekend; the compensatory days
        // match what was announced for that year (3/1, 11/4, 2/5 and 3/5).
        var days = HolidayRules.ForYear(2022);

        days.Where(d => d.Kind == CalendarDayKind.CompensatoryDayOff).Select(d => d.Date)
            .ShouldBe([D(2022, 1, 3), D(2022, 4, 11), D(2022, 5, 2), D(2022, 5, 3)]);
        days.Single(d => d.Date == D(2022, 1, 3)).Reason.ShouldBe("Nghỉ bù Tết Dương lịch, trùng Thứ bảy 01/01/2022");
    }

    [Fact]
    public void ForYear_WhenCompensationWouldFallOnAnotherHoliday_SkipsIt()
    {
        // 2023: Giỗ Tổ Saturday 29/4, 30/4 Sunday, 1/5 Monday: the two compensations skip 1/5 (a holiday)
        // and give Tuesday 2/5 and Wednesday 3/5, as announced. Also 1/1 (Sunday) → 2/1, the Saturday and
        // Sunday of Tết (30 tháng Chạp 21/1, mùng 1 22/1) → 26/1 and 27/1, and 2/9 (Saturday) → 4/9.
        var days = HolidayRules.ForYear(2023);

        days.Where(d => d.Kind == CalendarDayKind.CompensatoryDayOff).Select(d => d.Date)
            .ShouldBe([D(2023, 1, 2), D(2023, 1, 26), D(2023, 1, 27), D(2023, 5, 2), D(2023, 5, 3), D(2023, 9, 4)]);
    }

    [Fact]
    public void ForYear_WhenTwoHolidaysShareADate_MergesThemAndCompensatesOne()
    {
        // 1947: 10/3 lunar was 30/4 (a Wednesday).
        var days = HolidayRules.ForYear(1947);

        days.Single(d => d.Date == D(1947, 4, 30)).Reason.ShouldBe("Giỗ Tổ Hùng Vương (10/3 âm lịch); Ngày Chiến thắng 30/4");
        var compensation = days.Single(d => d.Kind == CalendarDayKind.CompensatoryDayOff && d.Date.Month == 5);
        compensation.Date.ShouldBe(D(1947, 5, 2));
        compensation.Reason.ShouldBe("Nghỉ bù Ngày Chiến thắng 30/4, trùng Giỗ Tổ Hùng Vương (10/3 âm lịch) 30/04/1947");
    }

    [Fact]
    public void ForYear_WhenTetSpansAWeekend_CompensatesAfterTet()
    {
        // Tết 2024: 30 tháng Chạp Friday 9/2, mùng 1–4 Saturday 10/2 to Tuesday 13/2.
        var days = HolidayRules.ForYear(2024);

        days.Where(d => d.Reason.StartsWith("Tết Nguyên Đán", StringComparison.Ordinal)).Select(d => d.Date)
            .ShouldBe([D(2024, 2, 9), D(2024, 2, 10), D(2024, 2, 11), D(2024, 2, 12), D(2024, 2, 13)]);
        days.Single(d => d.Date == D(2024, 2, 9)).Reason.ShouldBe("Tết Nguyên Đán (30 tháng Chạp)");
        days.Where(d => d.Kind == CalendarDayKind.CompensatoryDayOff && d.Date.Month == 2).Select(d => d.Date)
            .ShouldBe([D(2024, 2, 14), D(2024, 2, 15)]);
    }

    [Fact]
    public void ForYear_WhenAnyYear_GivesDistinctDatesInTheYearAndCompensationsOnWeekdays()
    {
        for (var year = HolidayRules.MinYear; year <= HolidayRules.MaxYear; year++)
        {
            var days = HolidayRules.ForYear(year);
            days.Select(d => d.Date).Distinct().Count().ShouldBe(days.Count);
            days.ShouldAllBe(d => d.Date.Year == year && d.Reason.Length <= CalendarDay.ReasonMaxLength);
            var holidays = days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => (d.Date, Count: d.Reason.Split("; ").Length)).ToList();
            holidays.Sum(h => h.Count).ShouldBe(11);
            var compensations = days.Where(d => d.Kind == CalendarDayKind.CompensatoryDayOff).ToList();
            compensations.ShouldAllBe(d => !WorkingCalendar.IsWeekend(d.Date));
            compensations.Count.ShouldBe(holidays.Sum(h => WorkingCalendar.IsWeekend(h.Date) ? h.Count : h.Count - 1));
        }
    }

    [Fact]
    public void ForYear_WhenOutsideTheSupportedYears_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => HolidayRules.ForYear(1899));
}
