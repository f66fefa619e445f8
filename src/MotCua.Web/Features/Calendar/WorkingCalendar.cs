using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Calendar;

/// <summary>
/// Deadline arithmetic on working time: office hours of working days, Vietnam time (UTC+7, no daylight
/// saving). Immutable snapshot of the stored calendar for a range of years; safe to share between threads.
/// </summary>
/// <remarks>
/// <para>Every instant in and out is a UTC <see cref="DateTime"/> (kind Utc or Unspecified, as EF reads it).</para>
/// <para>Internally an instant maps to its <i>position</i>: the working time elapsed since the start of the
/// range. Positions make the operations consistent with one another (the working time between a due date
/// and the next clock start is zero, <see cref="AddWorkingTime"/> inverts <see cref="WorkingTimeBetween"/>)
/// and cost O(1): a prefix count of working days replaces walking day by day. Between two working periods
/// (lunch, nights, days off) the position stands still, so several instants share it; results pick the one
/// that reads naturally on a receipt, "17:00 Thursday" rather than "07:30 Friday".</para>
/// <para>Instants outside the loaded years throw: a deadline computed without the holidays would be wrong
/// without anyone noticing, so callers load the years they need (reception year and the next one).</para>
/// </remarks>
public sealed class WorkingCalendar
{
    private static readonly long OffsetTicks = VietnamTime.Offset.Ticks;

    private readonly int _firstDayNumber;
    private readonly bool[] _isWorking;
    // _workingBefore[i] = working days among the first i days; _workingDays[n] = index of the n-th working day.
    private readonly int[] _workingBefore;
    private readonly int[] _workingDays;

    private readonly long _morningStart;
    private readonly long _morningLength;
    private readonly long _afternoonStart;
    private readonly long _afternoonLength;
    private readonly long _closing;
    private readonly long _dayLength;

    /// <param name="nonWorkingDays">Holidays and compensatory days off (weekdays that are not worked).</param>
    /// <param name="swappedWorkdays">Saturdays and Sundays that are worked.</param>
    public WorkingCalendar(int firstYear, int lastYear, IEnumerable<DateOnly> nonWorkingDays, IEnumerable<DateOnly> swappedWorkdays, OfficeHours officeHours)
    {
        ArgumentNullException.ThrowIfNull(nonWorkingDays);
        ArgumentNullException.ThrowIfNull(swappedWorkdays);
        ArgumentNullException.ThrowIfNull(officeHours);
        if (firstYear < 1 || lastYear < firstYear || lastYear > 9998)
            throw new ArgumentOutOfRangeException(nameof(lastYear), $"Invalid year range {firstYear}–{lastYear}.");

        FirstYear = firstYear;
        LastYear = lastYear;
        OfficeHours = officeHours;
        _firstDayNumber = new DateOnly(firstYear, 1, 1).DayNumber;
        var dayCount = new DateOnly(lastYear, 12, 31).DayNumber - _firstDayNumber + 1;

        _isWorking = new bool[dayCount];
        for (var i = 0; i < dayCount; i++) _isWorking[i] = !IsWeekend(DateOnly.FromDayNumber(_firstDayNumber + i));
        foreach (var day in nonWorkingDays)
            if (TryIndex(day, out var i)) _isWorking[i] = false;
        foreach (var day in swappedWorkdays)
            if (TryIndex(day, out var i)) _isWorking[i] = true;

        _workingBefore = new int[dayCount + 1];
        for (var i = 0; i < dayCount; i++) _workingBefore[i + 1] = _workingBefore[i] + (_isWorking[i] ? 1 : 0);
        _workingDays = new int[_workingBefore[dayCount]];
        for (int i = 0, n = 0; i < dayCount; i++)
            if (_isWorking[i]) _workingDays[n++] = i;

        _morningStart = officeHours.MorningStart.Ticks;
        _morningLength = officeHours.MorningEnd.Ticks - _morningStart;
        _afternoonStart = officeHours.AfternoonStart.Ticks;
        _closing = officeHours.AfternoonEnd.Ticks;
        _afternoonLength = _closing - _afternoonStart;
        _dayLength = _morningLength + _afternoonLength;
    }

    /// <summary>A calendar built straight from the default rules (no administrator changes): for tests,
    /// benchmarks and demo data.</summary>
    public static WorkingCalendar FromRules(int firstYear, int lastYear, OfficeHours? officeHours = null)
    {
        var days = new List<DateOnly>();
        for (var year = firstYear; year <= lastYear; year++)
            days.AddRange(HolidayRules.ForYear(year).Select(d => d.Date));
        return new WorkingCalendar(firstYear, lastYear, days, [], officeHours ?? OfficeHours.Default);
    }

    /// <summary>A calendar built from stored days (any kinds, any years; days outside the range are ignored).</summary>
    public static WorkingCalendar FromDays(int firstYear, int lastYear, IEnumerable<CalendarDay> days, OfficeHours officeHours)
    {
        var list = days as IReadOnlyCollection<CalendarDay> ?? days.ToList();
        return new WorkingCalendar(
            firstYear,
            lastYear,
            list.Where(d => d.Kind != CalendarDayKind.SwappedWorkday).Select(d => d.Date),
            list.Where(d => d.Kind == CalendarDayKind.SwappedWorkday).Select(d => d.Date),
            officeHours);
    }

    public int FirstYear { get; }
    public int LastYear { get; }
    public OfficeHours OfficeHours { get; }

    public bool Covers(DateOnly date) => date.Year >= FirstYear && date.Year <= LastYear;

    /// <summary>Names this calendar's years and working days (not its office hours): equal for equal calendars,
    /// different when an administrator changes a day. Keys the calendar's rows in the database (<see cref="CalendarPositions"/>).</summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint();

    private string? _fingerprint;

    private string ComputeFingerprint()
    {
        var bytes = new byte[8 + (_isWorking.Length + 7) / 8];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), FirstYear);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), LastYear);
        for (var i = 0; i < _isWorking.Length; i++)
            if (_isWorking[i]) bytes[8 + i / 8] |= (byte)(1 << (i % 8));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 16));
    }

    /// <summary>Every day of the calendar's years: the working days before it (from the first year's 1 January) and
    /// whether it is worked.</summary>
    public IEnumerable<(DateOnly Date, int WorkingDaysBefore, bool IsWorking)> Days()
    {
        for (var i = 0; i < _isWorking.Length; i++)
            yield return (DateOnly.FromDayNumber(_firstDayNumber + i), _workingBefore[i], _isWorking[i]);
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public bool IsWorkingDay(DateOnly date) => _isWorking[Index(date.DayNumber)];

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => DateOnly.FromDayNumber(_firstDayNumber + NextWorkingIndex(Index(date.DayNumber)));

    /// <summary>The last working day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        var ordinal = _workingBefore[Index(date.DayNumber)] - 1;
        if (ordinal < 0) throw OutOfRange(date);
        return DateOnly.FromDayNumber(_firstDayNumber + _workingDays[ordinal]);
    }

    /// <summary>Working days in [<paramref name="from"/>, <paramref name="to"/>); negative when to &lt; from.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to) =>
        _workingBefore[Index(to.DayNumber)] - _workingBefore[Index(from.DayNumber)];

    /// <summary>
    /// The instant the legal time starts counting for a dossier received at <paramref name="receivedUtc"/>:
    /// that instant when it is within office hours of a working day and not after the cut-off; the afternoon
    /// opening when received at lunch; otherwise the opening of the next working day (before opening, after
    /// closing, after the cut-off, or on a day off).
    /// </summary>
    /// <remarks>Online submissions after hours are treated like any reception after hours: they count from
    /// the next working day. The domain brief marks that rule [to confirm]; the caller decides which instant
    /// it passes as reception.</remarks>
    /// <param name="cutoff">Local time after which a reception counts from the next working day (commonly
    /// 15:00 for same-day procedures); a reception exactly at the cut-off still counts that day.</param>
    public DateTime ClockStart(DateTime receivedUtc, TimeOnly? cutoff)
    {
        var local = ToLocalTicks(receivedUtc);
        var index = Index(local);
        var timeOfDay = TimeOfDay(local, index);
        if (_isWorking[index] && (cutoff is not { } c || timeOfDay <= c.Ticks))
        {
            if (timeOfDay < _morningStart) return ToUtc(DayStart(index) + _morningStart);
            if (timeOfDay < _morningStart + _morningLength) return ToUtc(local);
            if (timeOfDay < _afternoonStart) return ToUtc(DayStart(index) + _afternoonStart);
            if (timeOfDay < _closing) return ToUtc(local);
        }
        return ToUtc(DayStart(NextWorkingIndex(index)) + _morningStart);
    }

    /// <summary>
    /// The due date of something received at <paramref name="receivedUtc"/> with <paramref name="legalTime"/>:
    /// <list type="bullet">
    /// <item>same day: the closing time of the clock-start day;</item>
    /// <item>n working days: the same time of day n working days after the clock start (Monday 09:00 + 3 →
    ///   Thursday 09:00); a fraction of a day is that share of a day's working time;</item>
    /// <item>h working hours: h hours of office time after the clock start.</item>
    /// </list>
    /// A result falling on the morning opening is given as the previous working day's closing, the same
    /// amount of working time ("by 17:00 Wednesday", not "07:30 Thursday").
    /// </summary>
    public DateTime DueAt(DateTime receivedUtc, LegalTime legalTime, TimeOnly? cutoff)
    {
        if (legalTime.Value < 0) throw new ArgumentOutOfRangeException(nameof(legalTime), legalTime, "A legal time cannot be negative.");
        var start = ClockStart(receivedUtc, cutoff);
        var local = ToLocalTicks(start);
        var index = Index(local);
        switch (legalTime.Unit)
        {
            case LegalTimeUnit.SameDay:
                return ToUtc(DayStart(index) + _closing);

            case LegalTimeUnit.WorkingDays when legalTime.Value == decimal.Truncate(legalTime.Value):
                if (legalTime.Value == 0) return start;
                // The clock start is always on a working day, so its ordinal among working days is exact.
                var ordinal = _workingBefore[index] + WholeDays(legalTime.Value);
                var timeOfDay = TimeOfDay(local, index);
                return timeOfDay == _morningStart
                    ? ToUtc(DayStart(WorkingDayAt(ordinal - 1)) + _closing)
                    : ToUtc(DayStart(WorkingDayAt(ordinal)) + timeOfDay);

            case LegalTimeUnit.WorkingDays:
                return FromPosition(Position(local) + Ticks(legalTime.Value, _dayLength), local);

            case LegalTimeUnit.WorkingHours:
                return FromPosition(Position(local) + Ticks(legalTime.Value, TimeSpan.TicksPerHour), local);

            default:
                throw new ArgumentOutOfRangeException(nameof(legalTime), legalTime, "Unknown legal time unit.");
        }
    }

    /// <summary>Working time in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) minus the working
    /// time covered by <paramref name="pauses"/> (supplement requests): a pause without end runs until
    /// <paramref name="toUtc"/>; overlapping pauses count once. Zero when to ≤ from.</summary>
    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc, IEnumerable<(DateTime StartUtc, DateTime? EndUtc)> pauses)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        if (pauses is (DateTime, DateTime?)[] array) return WorkingTimeBetween(fromUtc, toUtc, array.AsSpan());
        if (pauses is List<(DateTime, DateTime?)> list) return WorkingTimeBetween(fromUtc, toUtc, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return WorkingTimeBetween(fromUtc, toUtc, pauses.ToArray().AsSpan());
    }

    /// <inheritdoc cref="WorkingTimeBetween(DateTime, DateTime, IEnumerable{ValueTuple{DateTime, DateTime?}})"/>
    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc, ReadOnlySpan<(DateTime StartUtc, DateTime? EndUtc)> pauses)
    {
        var from = ToLocalTicks(fromUtc);
        var to = ToLocalTicks(toUtc);
        if (to <= from) return TimeSpan.Zero;
        var fromPosition = Position(from);
        var toPosition = Position(to);
        var total = toPosition - fromPosition;
        if (pauses.IsEmpty || total == 0) return TimeSpan.FromTicks(total);

        // Pauses become intervals of positions clipped to [from, to); their union is subtracted.
        Span<(long Start, long End)> intervals = pauses.Length <= 16 ? stackalloc (long, long)[pauses.Length] : new (long, long)[pauses.Length];
        var count = 0;
        foreach (var (startUtc, endUtc) in pauses)
        {
            var start = Math.Max(ToLocalTicks(startUtc), from);
            var end = endUtc is { } e ? Math.Min(ToLocalTicks(e), to) : to;
            if (end <= start) continue;
            var startPosition = Position(start);
            var endPosition = end == to ? toPosition : Position(end);
            if (endPosition > startPosition) intervals[count++] = (startPosition, endPosition);
        }
        intervals = intervals[..count];
        intervals.Sort(static (a, b) => a.Start.CompareTo(b.Start));

        long paused = 0, coveredUntil = long.MinValue;
        foreach (var (start, end) in intervals)
        {
            var effectiveStart = Math.Max(start, coveredUntil);
            if (end > effectiveStart) paused += end - effectiveStart;
            coveredUntil = Math.Max(coveredUntil, end);
        }
        return TimeSpan.FromTicks(total - paused);
    }

    /// <summary>The earliest instant, not before <paramref name="fromUtc"/>, by which
    /// <paramref name="workingTime"/> of office time has elapsed. Moves a due date after a pause: new due =
    /// resume instant + the working time that was left.</summary>
    public DateTime AddWorkingTime(DateTime fromUtc, TimeSpan workingTime)
    {
        if (workingTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "Working time cannot be negative.");
        var from = ToLocalTicks(fromUtc);
        return FromPosition(Position(from) + workingTime.Ticks, from);
    }

    // ---------------------------------------------------------------- positions

    /// <summary>Working time (ticks) from the start of the range to a local instant.</summary>
    private long Position(long local)
    {
        var index = Index(local);
        var position = _workingBefore[index] * _dayLength;
        if (!_isWorking[index]) return position;
        var timeOfDay = TimeOfDay(local, index);
        return position
               + Math.Clamp(timeOfDay - _morningStart, 0, _morningLength)
               + Math.Clamp(timeOfDay - _afternoonStart, 0, _afternoonLength);
    }

    /// <summary>The earliest local instant at <paramref name="position"/>, but not before <paramref name="notBefore"/>
    /// (a zero-length addition from a day off stays where it is).</summary>
    private DateTime FromPosition(long position, long notBefore)
    {
        var ordinal = position / _dayLength;
        var remainder = position % _dayLength;
        long local;
        if (remainder == 0)
            // The end of a working day comes before the next morning's opening.
            local = ordinal == 0 ? DayStart(0) : DayStart(WorkingDayAt(ordinal - 1)) + _closing;
        else if (remainder <= _morningLength)
            local = DayStart(WorkingDayAt(ordinal)) + _morningStart + remainder;
        else
            local = DayStart(WorkingDayAt(ordinal)) + _afternoonStart + (remainder - _morningLength);
        return ToUtc(Math.Max(local, notBefore));
    }

    // ---------------------------------------------------------------- indexes and ticks

    private int WorkingDayAt(long ordinal) =>
        ordinal >= 0 && ordinal < _workingDays.Length
            ? _workingDays[ordinal]
            : throw new ArgumentOutOfRangeException(nameof(ordinal), $"The working calendar covers {FirstYear}–{LastYear}; load more years.");

    private int NextWorkingIndex(int index) => WorkingDayAt(_workingBefore[index + 1]);

    private int Index(long localTicks) => Index((int)(localTicks / TimeSpan.TicksPerDay));

    private int Index(int dayNumber)
    {
        var index = dayNumber - _firstDayNumber;
        if ((uint)index >= (uint)_isWorking.Length) throw OutOfRange(DateOnly.FromDayNumber(dayNumber));
        return index;
    }

    private bool TryIndex(DateOnly date, out int index)
    {
        index = date.DayNumber - _firstDayNumber;
        return (uint)index < (uint)_isWorking.Length;
    }

    private ArgumentOutOfRangeException OutOfRange(DateOnly date) =>
        new(nameof(date), date, $"The working calendar covers {FirstYear}–{LastYear}; load the year of {date:yyyy-MM-dd} too.");

    private long DayStart(int index) => (long)(_firstDayNumber + index) * TimeSpan.TicksPerDay;

    private long TimeOfDay(long local, int index) => local - DayStart(index);

    private static long ToLocalTicks(DateTime utc) =>
        utc.Kind == DateTimeKind.Local
            ? throw new ArgumentException("Instants must be UTC, not local DateTime.", nameof(utc))
            : utc.Ticks + OffsetTicks;

    private static DateTime ToUtc(long localTicks) => new(localTicks - OffsetTicks, DateTimeKind.Utc);

    private static int WholeDays(decimal value) =>
        value <= 100_000 ? (int)value : throw new ArgumentOutOfRangeException(nameof(value), value, "Legal time too long.");

    private static long Ticks(decimal value, long unitTicks) =>
        value <= 100_000 ? (long)decimal.Round(value * unitTicks) : throw new ArgumentOutOfRangeException(nameof(value), value, "Legal time too long.");
}
