using MotCua.Web.Features.Calendar;

namespace MotCua.Tests.Features.Calendar;

public sealed class WorkingCalendarTests
{
    // 2026 from the default rules: Tết is Monday 16/2 to Friday 20/2, Giỗ Tổ compensated on Monday 27/4.
    private static readonly WorkingCalendar Calendar = WorkingCalendar.FromRules(2026, 2027);
    private static readonly TimeOnly Cutoff = new(15, 0);

    /// <summary>A Vietnam local time as the UTC instant the calendar works with.</summary>
    private static DateTime Vn(int month, int day, int hour, int minute = 0, int year = 2026) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-7);

    // ---------------------------------------------------------------- days

    [Fact]
    public void IsWorkingDay_WhenWeekendHolidayOrOrdinaryDay_FollowsTheCalendar()
    {
        Calendar.IsWorkingDay(new DateOnly(2026, 3, 2)).ShouldBeTrue();   // Monday
        Calendar.IsWorkingDay(new DateOnly(2026, 3, 7)).ShouldBeFalse();  // Saturday
        Calendar.IsWorkingDay(new DateOnly(2026, 2, 17)).ShouldBeFalse(); // mùng 1 Tết
        Calendar.IsWorkingDay(new DateOnly(2026, 4, 27)).ShouldBeFalse(); // nghỉ bù Giỗ Tổ
    }

    [Fact]
    public void NextWorkingDay_WhenBeforeTet_SkipsTetAndTheWeekend()
    {
        Calendar.NextWorkingDay(new DateOnly(2026, 2, 13)).ShouldBe(new DateOnly(2026, 2, 23));
        Calendar.PreviousWorkingDay(new DateOnly(2026, 2, 23)).ShouldBe(new DateOnly(2026, 2, 13));
        Calendar.WorkingDaysBetween(new DateOnly(2026, 2, 9), new DateOnly(2026, 2, 23)).ShouldBe(5);
    }

    [Fact]
    public void IsWorkingDay_WhenSaturdayIsSwapped_IsWorked()
    {
        var saturday = new DateOnly(2026, 3, 7);
        var calendar = new WorkingCalendar(2026, 2026, [new DateOnly(2026, 3, 9)], [saturday], OfficeHours.Default);

        calendar.IsWorkingDay(saturday).ShouldBeTrue();
        calendar.NextWorkingDay(new DateOnly(2026, 3, 6)).ShouldBe(saturday);
        calendar.ClockStart(Vn(3, 7, 9), null).ShouldBe(Vn(3, 7, 9));
        // Friday 09:00 + 2 working days: Saturday, then Tuesday (Monday 9/3 is off in this calendar).
        calendar.DueAt(Vn(3, 6, 9), LegalTime.Days(2), null).ShouldBe(Vn(3, 10, 9));
    }

    [Fact]
    public void Methods_WhenOutsideTheLoadedYears_Throw()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.IsWorkingDay(new DateOnly(2028, 1, 3)));
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.DueAt(Vn(12, 30, 9, year: 2027), LegalTime.Days(5), null));
    }

    // ---------------------------------------------------------------- clock start

    [Theory]
    [InlineData(14, 59, 3, 2, 14, 59)] // before the cut-off: counts now
    [InlineData(15, 0, 3, 2, 15, 0)]   // exactly at the cut-off: still today
    [InlineData(15, 1, 3, 3, 7, 30)]   // after the cut-off: next working day's opening
    public void ClockStart_WhenCutoffIs1500_CountsFromTodayOrTomorrow(int hour, int minute, int month, int day, int startHour, int startMinute) =>
        Calendar.ClockStart(Vn(3, 2, hour, minute), Cutoff).ShouldBe(Vn(month, day, startHour, startMinute));

    [Fact]
    public void DueAt_WhenSameDayProcedureReceivedJustBeforeOrAfterCutoff_IsTodayOrTomorrowAtClosing()
    {
        Calendar.DueAt(Vn(3, 2, 14, 59), LegalTime.SameDay, Cutoff).ShouldBe(Vn(3, 2, 17));
        Calendar.DueAt(Vn(3, 2, 15, 1), LegalTime.SameDay, Cutoff).ShouldBe(Vn(3, 3, 17));
    }

    [Fact]
    public void ClockStart_WhenReceivedAtLunch_StartsAtAfternoonOpening() =>
        Calendar.ClockStart(Vn(3, 2, 12, 10), null).ShouldBe(Vn(3, 2, 13, 30));

    [Fact]
    public void ClockStart_WhenReceivedBeforeOpening_StartsAtOpening() =>
        Calendar.ClockStart(Vn(3, 2, 6, 45), Cutoff).ShouldBe(Vn(3, 2, 7, 30));

    [Fact]
    public void ClockStart_WhenReceivedAfterClosing_StartsNextWorkingDay() =>
        Calendar.ClockStart(Vn(3, 6, 17, 0), null).ShouldBe(Vn(3, 9, 7, 30)); // Friday 17:00 → Monday

    [Fact]
    public void ClockStart_WhenReceivedOnSaturday_StartsMonday() =>
        Calendar.ClockStart(Vn(3, 7, 10), null).ShouldBe(Vn(3, 9, 7, 30));

    [Fact]
    public void ClockStart_WhenReceivedDuringTet_StartsAfterTet() =>
        Calendar.ClockStart(Vn(2, 18, 9), null).ShouldBe(Vn(2, 23, 7, 30));

    [Fact]
    public void ClockStart_WhenInputIsUnspecifiedKind_ReturnsUtcKind()
    {
        var start = Calendar.ClockStart(DateTime.SpecifyKind(Vn(3, 2, 9), DateTimeKind.Unspecified), null);
        start.Kind.ShouldBe(DateTimeKind.Utc);
        start.ShouldBe(Vn(3, 2, 9));
    }

    [Fact]
    public void ClockStart_WhenInputIsLocalKind_Throws() =>
        Should.Throw<ArgumentException>(() => Calendar.ClockStart(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Local), null));

    // ---------------------------------------------------------------- working days

    [Fact]
    public void DueAt_WhenThreeDaysFromMonday_IsThursdaySameTime() =>
        Calendar.DueAt(Vn(3, 2, 9), LegalTime.Days(3), null).ShouldBe(Vn(3, 5, 9));

    [Fact]
    public void DueAt_WhenDaysCrossAWeekend_SkipsIt() =>
        Calendar.DueAt(Vn(3, 5, 9), LegalTime.Days(3), null).ShouldBe(Vn(3, 10, 9)); // Thursday → Tuesday

    [Fact]
    public void DueAt_WhenDaysCrossTet_SkipsTet() =>
        // Friday 13/2 10:00 + 2 working days: Monday 23/2, Tuesday 24/2.
        Calendar.DueAt(Vn(2, 13, 10), LegalTime.Days(2), null).ShouldBe(Vn(2, 24, 10));

    [Fact]
    public void DueAt_WhenResultFallsOnOpening_IsPreviousWorkingDayClosing()
    {
        // Received Saturday: the clock starts Monday 07:30; 3 days of working time end Wednesday 17:00.
        Calendar.DueAt(Vn(3, 7, 10), LegalTime.Days(3), null).ShouldBe(Vn(3, 11, 17));
        Calendar.DueAt(Vn(3, 2, 7, 30), LegalTime.Days(1), null).ShouldBe(Vn(3, 2, 17));
        // After closing on Friday 13/2 with 1 day: the clock starts after Tết, Monday 23/2, due the same day.
        Calendar.DueAt(Vn(2, 13, 17, 30), LegalTime.Days(1), null).ShouldBe(Vn(2, 23, 17));
    }

    [Fact]
    public void DueAt_WhenReceivedAtLunch_KeepsTheAfternoonTimeOfDay() =>
        Calendar.DueAt(Vn(3, 2, 12), LegalTime.Days(1), null).ShouldBe(Vn(3, 3, 13, 30));

    [Fact]
    public void DueAt_WhenHalfDays_CountsHalfOfTheDaysWorkingTime()
    {
        // A day is 7 h 30; half is 3 h 45.
        Calendar.DueAt(Vn(3, 2, 7, 30), LegalTime.Days(0.5m), null).ShouldBe(Vn(3, 2, 11, 15));
        Calendar.DueAt(Vn(3, 2, 13, 30), LegalTime.Days(0.5m), null).ShouldBe(Vn(3, 3, 7, 45));
        Calendar.DueAt(Vn(3, 2, 9), LegalTime.Days(1.5m), null).ShouldBe(Vn(3, 3, 14, 45));
    }

    [Fact]
    public void DueAt_WhenDaysAndAfterCutoff_CountsFromNextWorkingDay() =>
        Calendar.DueAt(Vn(3, 6, 15, 30), LegalTime.Days(2), Cutoff).ShouldBe(Vn(3, 10, 17)); // Friday → Mon+Tue

    // ---------------------------------------------------------------- working hours

    [Fact]
    public void DueAt_WhenHoursCrossLunch_SkipsLunch() =>
        Calendar.DueAt(Vn(3, 2, 10), LegalTime.Hours(4), null).ShouldBe(Vn(3, 2, 16));

    [Fact]
    public void DueAt_WhenHoursCrossTheNight_ContinueNextWorkingDay() =>
        Calendar.DueAt(Vn(3, 6, 15), LegalTime.Hours(4), null).ShouldBe(Vn(3, 9, 9, 30)); // Friday → Monday

    [Fact]
    public void DueAt_WhenHoursEndAtClosing_IsClosingNotNextOpening() =>
        Calendar.DueAt(Vn(3, 2, 14), LegalTime.Hours(3), null).ShouldBe(Vn(3, 2, 17));

    [Fact]
    public void DueAt_WhenHoursEndAtLunch_IsTheMorningClose() =>
        Calendar.DueAt(Vn(3, 2, 9, 30), LegalTime.Hours(2), null).ShouldBe(Vn(3, 2, 11, 30));

    [Fact]
    public void DueAt_WhenStepsChain_EachStartsWhereThePreviousEnded()
    {
        // A same-day certification: reception 2 h, appraisal 3 h, signature 2 h, issuance 1 h = 8 h.
        var at = Calendar.ClockStart(Vn(3, 2, 8), null);
        foreach (var hours in new[] { 2, 3, 2, 1 }) at = Calendar.DueAt(at, LegalTime.Hours(hours), null);
        at.ShouldBe(Calendar.DueAt(Vn(3, 2, 8), LegalTime.Hours(8), null));
        at.ShouldBe(Vn(3, 3, 8, 30));
    }

    [Fact]
    public void DueAt_WhenOfficeHoursAreConfigured_UsesThem()
    {
        var hours = new OfficeHours(new(7, 0), new(11, 0), new(13, 0), new(17, 0));
        var calendar = WorkingCalendar.FromRules(2026, 2026, hours);

        hours.DayLength.ShouldBe(TimeSpan.FromHours(8));
        calendar.ClockStart(Vn(3, 2, 7, 10), null).ShouldBe(Vn(3, 2, 7, 10));
        calendar.DueAt(Vn(3, 2, 7), LegalTime.Days(1), null).ShouldBe(Vn(3, 2, 17));
        calendar.DueAt(Vn(3, 2, 7), LegalTime.Hours(5), null).ShouldBe(Vn(3, 2, 14));
    }

    // ---------------------------------------------------------------- working time and pauses

    [Fact]
    public void WorkingTimeBetween_WhenOneDayApart_IsOneWorkingDay() =>
        Calendar.WorkingTimeBetween(Vn(3, 2, 9), Vn(3, 3, 9), []).ShouldBe(TimeSpan.FromMinutes(7 * 60 + 30));

    [Fact]
    public void WorkingTimeBetween_WhenOverAWeekend_CountsOnlyOfficeHours() =>
        Calendar.WorkingTimeBetween(Vn(3, 6, 16), Vn(3, 9, 8), []).ShouldBe(TimeSpan.FromMinutes(90));

    [Fact]
    public void WorkingTimeBetween_WhenToIsBeforeFrom_IsZero() =>
        Calendar.WorkingTimeBetween(Vn(3, 3, 9), Vn(3, 2, 9), []).ShouldBe(TimeSpan.Zero);

    [Fact]
    public void WorkingTimeBetween_WhenPaused_SubtractsThePausesWorkingTime() =>
        // Pause 10:00–14:00: 1 h 30 in the morning and 30 min in the afternoon.
        Calendar.WorkingTimeBetween(Vn(3, 2, 9), Vn(3, 3, 9), [(Vn(3, 2, 10), Vn(3, 2, 14))])
            .ShouldBe(TimeSpan.FromMinutes(7 * 60 + 30 - 120));

    [Fact]
    public void WorkingTimeBetween_WhenPausesOverlap_CountsThemOnce()
    {
        (DateTime, DateTime?)[] pauses = [(Vn(3, 2, 10), Vn(3, 2, 12)), (Vn(3, 2, 11), Vn(3, 2, 14)), (Vn(3, 2, 10, 30), Vn(3, 2, 11))];
        Calendar.WorkingTimeBetween(Vn(3, 2, 9), Vn(3, 3, 9), pauses).ShouldBe(TimeSpan.FromMinutes(7 * 60 + 30 - 120));
    }

    [Fact]
    public void WorkingTimeBetween_WhenPauseIsOpen_RunsUntilTheEnd()
    {
        var pauses = new List<(DateTime, DateTime?)> { (Vn(3, 3, 8), null) };
        // Monday 09:00 → Tuesday 09:00, paused since Tuesday 08:00: 1 h less.
        Calendar.WorkingTimeBetween(Vn(3, 2, 9), Vn(3, 3, 9), pauses).ShouldBe(TimeSpan.FromMinutes(6 * 60 + 30));
    }

    [Fact]
    public void WorkingTimeBetween_WhenPausesAreOutsideTheInterval_IgnoresThem()
    {
        IEnumerable<(DateTime, DateTime?)> pauses = [(Vn(2, 2, 9), Vn(2, 3, 9)), (Vn(3, 10, 9), null)];
        Calendar.WorkingTimeBetween(Vn(3, 2, 9), Vn(3, 3, 9), pauses.Select(p => p)).ShouldBe(TimeSpan.FromMinutes(7 * 60 + 30));
    }

    [Fact]
    public void AddWorkingTime_WhenResumingAfterSupplement_MovesTheDueDateByTheTimeLeft()
    {
        // Due Thursday 09:00; supplement asked Tuesday 09:00 (2 days left), answered the next Monday 14:00.
        var due = Vn(3, 5, 9);
        var left = Calendar.WorkingTimeBetween(Vn(3, 3, 9), due, []);
        Calendar.AddWorkingTime(Vn(3, 9, 14), left).ShouldBe(Vn(3, 11, 14));
    }

    [Fact]
    public void AddWorkingTime_WhenZeroOnADayOff_StaysWhereItIs() =>
        Calendar.AddWorkingTime(Vn(3, 7, 10), TimeSpan.Zero).ShouldBe(Vn(3, 7, 10));

    [Fact]
    public void AddWorkingTime_WhenNegative_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.AddWorkingTime(Vn(3, 2, 9), TimeSpan.FromHours(-1)));

    /// <summary>Property, checked over many random instants (fixed seed): adding working time and measuring
    /// it back give the same amount, and the result is the earliest instant that does.</summary>
    [Fact]
    public void AddWorkingTime_WhenMeasuredBack_IsInverseOfWorkingTimeBetween()
    {
        var random = new Random(20261122);
        var start = Vn(1, 1, 0).Ticks;
        var span = Vn(11, 30, 0).Ticks - start;
        for (var i = 0; i < 20_000; i++)
        {
            var from = new DateTime(start + random.NextInt64(span), DateTimeKind.Utc);
            var amount = TimeSpan.FromTicks(random.NextInt64(TimeSpan.FromHours(7.5 * 20).Ticks));
            if (i % 10 == 0) amount = TimeSpan.FromMinutes(random.Next(0, 7 * 60)); // exact minutes hit boundaries

            var to = Calendar.AddWorkingTime(from, amount);

            to.ShouldBeGreaterThanOrEqualTo(from);
            Calendar.WorkingTimeBetween(from, to, []).ShouldBe(amount, $"from {from:O} + {amount}");
            if (amount > TimeSpan.Zero)
                Calendar.WorkingTimeBetween(from, to.AddTicks(-1), []).ShouldBeLessThan(amount, $"from {from:O} + {amount}");
        }
    }

    /// <summary>Property: whatever the reception instant, n working days of due date are exactly n days of
    /// working time after the clock start, the due date is within office hours or at a closing, and a later
    /// reception never gets an earlier due date.</summary>
    [Fact]
    public void DueAt_WhenRandomReceptions_GivesExactlyTheLegalWorkingTime()
    {
        var random = new Random(7);
        var start = Vn(1, 1, 0).Ticks;
        var span = Vn(12, 31, 0).Ticks - start;
        var day = OfficeHours.Default.DayLength;
        var receptions = Enumerable.Range(0, 5_000).Select(_ => new DateTime(start + random.NextInt64(span), DateTimeKind.Utc)).Order().ToArray();
        var previousDue = DateTime.MinValue;
        foreach (var received in receptions)
        {
            var clockStart = Calendar.ClockStart(received, Cutoff);
            var due = Calendar.DueAt(received, LegalTime.Days(3), Cutoff);
            Calendar.WorkingTimeBetween(clockStart, due, []).ShouldBe(day * 3);
            var local = TimeOnly.FromDateTime(due.AddHours(7));
            (local == new TimeOnly(17, 0) || local > new TimeOnly(7, 30)).ShouldBeTrue();
            due.ShouldBeGreaterThanOrEqualTo(previousDue);
            previousDue = due;

            Calendar.WorkingTimeBetween(clockStart, Calendar.DueAt(received, LegalTime.Hours(5), Cutoff), []).ShouldBe(TimeSpan.FromHours(5));
        }
    }

    // ---------------------------------------------------------------- legal time

    [Fact]
    public void LegalTime_ToString_IsVietnamese()
    {
        LegalTime.SameDay.ToString().ShouldBe("Trong ngày");
        LegalTime.Days(3).ToString().ShouldBe("3 ngày làm việc");
        LegalTime.Days(0.5m).ToString().ShouldBe("0,5 ngày làm việc");
        LegalTime.Hours(4).ToString().ShouldBe("4 giờ làm việc");
    }

    [Fact]
    public void LegalTime_WhenNotPositive_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => LegalTime.Days(0));
}
