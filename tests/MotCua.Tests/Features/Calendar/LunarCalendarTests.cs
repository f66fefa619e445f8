using System.Globalization;
using MotCua.Web.Features.Calendar;

namespace MotCua.Tests.Features.Calendar;

public sealed class LunarCalendarTests
{
    private static readonly LunarCalendar Vietnam = LunarCalendar.Vietnam;

    // Tết in Vietnam. Checked independently of this code: the day of week against widely published Tết
    // dates (e.g. 2025 a Wednesday, 2026 a Tuesday) and .NET's ChineseLunisolarCalendar for the years where
    // Vietnam and China agree (every year here but 1985, 2007 and 2030).
    [Theory]
    [InlineData(2015, "2015-02-19", DayOfWeek.Thursday)]
    [InlineData(2016, "2016-02-08", DayOfWeek.Monday)]
    [InlineData(2017, "2017-01-28", DayOfWeek.Saturday)]
    [InlineData(2018, "2018-02-16", DayOfWeek.Friday)]
    [InlineData(2019, "2019-02-05", DayOfWeek.Tuesday)]
    [InlineData(2020, "2020-01-25", DayOfWeek.Saturday)]
    [InlineData(2021, "2021-02-12", DayOfWeek.Friday)]
    [InlineData(2022, "2022-02-01", DayOfWeek.Tuesday)]
    [InlineData(2023, "2023-01-22", DayOfWeek.Sunday)]
    [InlineData(2024, "2024-02-10", DayOfWeek.Saturday)]
    [InlineData(2025, "2025-01-29", DayOfWeek.Wednesday)]
    [InlineData(2026, "2026-02-17", DayOfWeek.Tuesday)]
    [InlineData(2027, "2027-02-06", DayOfWeek.Saturday)]
    [InlineData(2028, "2028-01-26", DayOfWeek.Wednesday)]
    [InlineData(2029, "2029-02-13", DayOfWeek.Tuesday)]
    public void NewYear_WhenVietnamAndChinaAgree_IsTheKnownTetDate(int year, string expected, DayOfWeek dayOfWeek)
    {
        var tet = DateOnly.Parse(expected, CultureInfo.InvariantCulture);
        tet.DayOfWeek.ShouldBe(dayOfWeek);
        ChineseNewYear(year).ShouldBe(tet, "independent check of the expected date");

        Vietnam.NewYear(year).ShouldBe(tet);
        Vietnam.ToLunar(tet).ShouldBe(new LunarDate(year, 1, 1));
        Vietnam.ToLunar(tet.AddDays(-1)).ShouldBe(new LunarDate(year - 1, 12, Vietnam.DaysInMonth(year - 1, 12)));
    }

    // The years where the one-hour difference moves Tết. 1985: Vietnam's month 11 of 1984 began a month
    // earlier than China's, so Tết came a whole month earlier. 2007 and 2030: the new moon fell between
    // 23:00 and midnight Hanoi time (16:14 UT on 17/02/2007, 16:07 UT on 02/02/2030), i.e. after midnight in
    // Beijing. Vietnam's calendar office announced 2030 and 2053 as the next differing years; a later
    // new moon in Vietnam is impossible, so Vietnam's date is China's (checked in .NET's table) minus one day.
    // Note: 2030-02-03, sometimes quoted for Vietnam, is the Chinese date.
    [Theory]
    [InlineData(1985, "1985-01-21", "1985-02-20")]
    [InlineData(2007, "2007-02-17", "2007-02-18")]
    [InlineData(2030, "2030-02-02", "2030-02-03")]
    [InlineData(2053, "2053-02-18", "2053-02-19")]
    public void NewYear_WhenTheTimeZoneMatters_DiffersFromChina(int year, string vietnam, string china)
    {
        ChineseNewYear(year).ShouldBe(DateOnly.Parse(china, CultureInfo.InvariantCulture), "independent check of the Chinese date");

        Vietnam.NewYear(year).ShouldBe(DateOnly.Parse(vietnam, CultureInfo.InvariantCulture));
        new LunarCalendar(TimeSpan.FromHours(8)).NewYear(year).ShouldBe(DateOnly.Parse(china, CultureInfo.InvariantCulture));
    }

    // Giỗ Tổ Hùng Vương, 10/3 lunar, as the official day-off announcements of each year gave it.
    [Theory]
    [InlineData(2019, "2019-04-14", DayOfWeek.Sunday)]
    [InlineData(2020, "2020-04-02", DayOfWeek.Thursday)]
    [InlineData(2021, "2021-04-21", DayOfWeek.Wednesday)]
    [InlineData(2022, "2022-04-10", DayOfWeek.Sunday)]
    [InlineData(2023, "2023-04-29", DayOfWeek.Saturday)]
    [InlineData(2024, "2024-04-18", DayOfWeek.Thursday)]
    [InlineData(2025, "2025-04-07", DayOfWeek.Monday)]
    [InlineData(2026, "2026-04-26", DayOfWeek.Sunday)]
    public void ToSolar_WhenTenthOfThirdMonth_IsHungKingsDay(int year, string expected, DayOfWeek dayOfWeek)
    {
        var day = DateOnly.Parse(expected, CultureInfo.InvariantCulture);
        day.DayOfWeek.ShouldBe(dayOfWeek);
        ChineseDate(year, 3, 10).ShouldBe(day, "independent check of the expected date");

        Vietnam.ToSolar(year, 3, 10).ShouldBe(day);
        Vietnam.ToLunar(day).ShouldBe(new LunarDate(year, 3, 10));
    }

    [Theory]
    [InlineData(2017, 6)]
    [InlineData(2020, 4)]
    [InlineData(2023, 2)]
    [InlineData(2025, 6)]
    [InlineData(2028, 5)]
    public void LeapMonth_WhenYearHasThirteenMonths_IsTheKnownMonth(int year, int leapMonth)
    {
        ChineseLeapMonth(year).ShouldBe(leapMonth, "independent check");
        Vietnam.LeapMonth(year).ShouldBe(leapMonth);
        Vietnam.ToLunar(Vietnam.ToSolar(year, leapMonth, 1, isLeapMonth: true)).ShouldBe(new LunarDate(year, leapMonth, 1, IsLeapMonth: true));
    }

    [Theory]
    [InlineData(2019)]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2024)]
    [InlineData(2026)]
    public void LeapMonth_WhenYearHasTwelveMonths_IsNull(int year) => Vietnam.LeapMonth(year).ShouldBeNull();

    [Fact]
    public void ToSolar_WhenLeapMonthDoesNotExist_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Vietnam.ToSolar(2026, 3, 1, isLeapMonth: true));

    [Fact]
    public void ToSolar_WhenDayIsPastTheEndOfTheMonth_Throws()
    {
        // Month 12 of Ất Tỵ has 29 days: that is why the last day of 2025's lunar year is "29 Tết".
        Vietnam.DaysInMonth(2025, 12).ShouldBe(29);
        Vietnam.ToSolar(2025, 12, 29).ShouldBe(new DateOnly(2026, 2, 16));
        Should.Throw<ArgumentOutOfRangeException>(() => Vietnam.ToSolar(2025, 12, 30));
    }

    [Fact]
    public void ToLunar_WhenYearIsOutsideTheSupportedRange_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Vietnam.ToLunar(new DateOnly(1700, 1, 1)));

    [Fact]
    public void ToSolar_WhenRoundTrippingEveryDayOf1900To2199_ReturnsTheSameDate()
    {
        var last = new DateOnly(2199, 12, 31).DayNumber;
        LunarDate previous = default;
        for (var dayNumber = new DateOnly(1900, 1, 1).DayNumber; dayNumber <= last; dayNumber++)
        {
            var date = DateOnly.FromDayNumber(dayNumber);
            var lunar = Vietnam.ToLunar(date);
            if (Vietnam.ToSolar(lunar) != date) Assert.Fail($"{date:yyyy-MM-dd} → {lunar} → {Vietnam.ToSolar(lunar):yyyy-MM-dd}");
            // Consecutive days: the next lunar day, or day 1 of the next month after day 29 or 30.
            if (previous != default && !(lunar.Day == previous.Day + 1 || (lunar.Day == 1 && previous.Day is 29 or 30)))
                Assert.Fail($"{date:yyyy-MM-dd}: {previous} then {lunar}");
            previous = lunar;
        }
    }

    /// <summary>
    /// The same rules at UTC+8 must give the Chinese calendar, which .NET ships as a table (from the Hong Kong
    /// Observatory): an independent check of the astronomy (new moons, solar terms, leap months) over 1929–2100.
    /// From 1929 China reckons its calendar at UTC+8; earlier tables used Beijing local time, so they are
    /// not comparable.
    /// </summary>
    [Fact]
    public void ToLunar_WhenComputedAtUtcPlus8_MatchesDotNetChineseCalendarFrom1929To2100()
    {
        var china = new LunarCalendar(TimeSpan.FromHours(8));
        var table = new ChineseLunisolarCalendar();
        var mismatches = new List<string>();
        var last = new DateOnly(2100, 12, 31).DayNumber;
        for (var dayNumber = new DateOnly(1929, 1, 1).DayNumber; dayNumber <= last; dayNumber++)
        {
            var date = DateOnly.FromDayNumber(dayNumber);
            var expected = FromTable(table, date);
            var actual = china.ToLunar(date);
            if (actual != expected && !IsKnownNearMidnightNewMoon(date)) mismatches.Add($"{date:yyyy-MM-dd}: table {expected}, computed {actual}");
        }
        mismatches.ShouldBeEmpty();
    }

    /// <summary>The new moon of 28/09/2057 is at 15:59:57 UT per Meeus, 3 s before midnight in Beijing: closer
    /// than the formulas' accuracy, so the table's choice (29/09) cannot be confirmed or refuted here.</summary>
    private static bool IsKnownNearMidnightNewMoon(DateOnly date) =>
        date >= new DateOnly(2057, 9, 28) && date <= new DateOnly(2057, 10, 27);

    [Fact]
    public void NewMoonJde_WhenMeeusExample49a_MatchesTheBook() =>
        // Astronomical Algorithms, example 49.a: the new moon of February 1977 (k = -283).
        LunarAstronomy.NewMoonJde(-283).ShouldBe(2443192.65118, 0.00001);

    [Fact]
    public void SunApparentLongitude_WhenMeeusExample25a_MatchesTheBook() =>
        // Astronomical Algorithms, example 25.a: 1992 October 13.0 TD, apparent longitude 199°.90895.
        LunarAstronomy.SunApparentLongitude(2448908.5).ShouldBe(199.90895, 0.0001);

    [Fact]
    public void ToString_WhenLeapMonth_SaysNhuan() =>
        new LunarDate(2025, 6, 1, IsLeapMonth: true).ToString().ShouldBe("01/06 nhuận/2025 âm lịch");

    private static DateOnly ChineseNewYear(int year) => ChineseDate(year, 1, 1);

    private static DateOnly ChineseDate(int year, int month, int day)
    {
        var table = new ChineseLunisolarCalendar();
        var leap = table.GetLeapMonth(year);
        var tableMonth = leap > 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(table.ToDateTime(year, tableMonth, day, 0, 0, 0, 0));
    }

    /// <summary>The leap month's number (the month it repeats), .NET numbering the months 1..13.</summary>
    private static int? ChineseLeapMonth(int year)
    {
        var leap = new ChineseLunisolarCalendar().GetLeapMonth(year);
        return leap == 0 ? null : leap - 1;
    }

    private static LunarDate FromTable(ChineseLunisolarCalendar table, DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        var year = table.GetYear(dt);
        var month = table.GetMonth(dt);
        var leap = table.GetLeapMonth(year);
        return new LunarDate(year, leap > 0 && month >= leap ? month - 1 : month, table.GetDayOfMonth(dt), month == leap);
    }
}
