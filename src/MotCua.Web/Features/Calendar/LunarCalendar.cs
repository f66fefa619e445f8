namespace MotCua.Web.Features.Calendar;

/// <summary>A date of the lunar calendar (âm lịch). <see cref="Year"/> is the lunar year named after the
/// Gregorian year in which its first month begins.</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth = false)
{
    public override string ToString() => $"{Day:D2}/{Month:D2}{(IsLeapMonth ? " nhuận" : "")}/{Year} âm lịch";
}

/// <summary>
/// The Vietnamese lunisolar calendar, computed from astronomy (see <see cref="LunarAstronomy"/>) with the
/// traditional rules, evaluated at the civil time of Vietnam (UTC+7):
/// <list type="number">
/// <item>a month begins on the civil day of a new moon;</item>
/// <item>month 11 is the month containing the winter solstice (sun at 270°);</item>
/// <item>when 13 months begin between two such months, the first of them after month 11 that contains no
///   major solar term (sun at a multiple of 30°) is a leap month, numbered like the month before it.</item>
/// </list>
/// The Chinese calendar applies the same rules at UTC+8, so the two differ when a new moon or a solar term
/// falls between 23:00 and midnight Vietnam time (e.g. Tết 1985 and 2007): .NET's
/// <see cref="System.Globalization.ChineseLunisolarCalendar"/> cannot be used for Vietnam.
/// </summary>
/// <remarks>Used only to pre-fill the working calendar (Tết, Giỗ Tổ); the stored calendar is authoritative.
/// Instances are immutable and thread-safe; computed years are cached.</remarks>
public sealed class LunarCalendar
{
    public const int MinYear = 1800;
    public const int MaxYear = 2299;

    /// <summary>The calendar used in Vietnam (UTC+7).</summary>
    public static LunarCalendar Vietnam { get; } = new(TimeSpan.FromHours(7));

    private readonly double _utcOffsetHours;

    // One entry per "sui": the months from month 11 of one year to month 11 of the next, indexed by the
    // Gregorian year of the closing winter solstice. Filled lazily; a race computes the same value twice.
    private readonly Sui?[] _suis = new Sui?[MaxYear - MinYear + 2];

    /// <summary>The same rules at another UTC offset (UTC+8 gives the Chinese calendar, handy for checks).</summary>
    public LunarCalendar(TimeSpan utcOffset) => _utcOffsetHours = utcOffset.TotalHours;

    /// <summary>Converts a Gregorian date to the lunar calendar.</summary>
    public LunarDate ToLunar(DateOnly date)
    {
        CheckYear(date.Year, nameof(date));
        var dayNumber = date.DayNumber;
        var sui = GetSui(date.Year);
        if (dayNumber >= sui.End) sui = GetSui(date.Year + 1);

        var i = sui.MonthCount - 1;
        while (sui.Starts[i] > dayNumber) i--;
        var month = sui.Numbers[i];
        // Months 11 and 12 of a sui come before its month 1, so they belong to the previous lunar year.
        var year = month >= 11 ? sui.SolsticeYear - 1 : sui.SolsticeYear;
        return new LunarDate(year, month, dayNumber - sui.Starts[i] + 1, i == sui.LeapIndex);
    }

    /// <summary>Converts a lunar date to the Gregorian calendar.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The month does not exist that year (e.g. a leap month
    /// in a year without one) or the day is past the end of the month.</exception>
    public DateOnly ToSolar(LunarDate date)
    {
        var (sui, i) = FindMonth(date.Year, date.Month, date.IsLeapMonth);
        var length = sui.Starts[i + 1] - sui.Starts[i];
        if (date.Day < 1 || date.Day > length)
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Tháng này chỉ có {length} ngày.");
        return DateOnly.FromDayNumber(sui.Starts[i] + date.Day - 1);
    }

    public DateOnly ToSolar(int year, int month, int day, bool isLeapMonth = false) =>
        ToSolar(new LunarDate(year, month, day, isLeapMonth));

    /// <summary>29 or 30.</summary>
    public int DaysInMonth(int year, int month, bool isLeapMonth = false)
    {
        var (sui, i) = FindMonth(year, month, isLeapMonth);
        return sui.Starts[i + 1] - sui.Starts[i];
    }

    /// <summary>The leap month of a lunar year (its number), or null when the year has 12 months.</summary>
    public int? LeapMonth(int year)
    {
        CheckYear(year, nameof(year));
        // Months 1–10 of the year are in the sui closing in that Gregorian year, 11–12 in the next one.
        var first = GetSui(year);
        if (first.LeapIndex >= 0 && first.Numbers[first.LeapIndex] <= 10) return first.Numbers[first.LeapIndex];
        var second = GetSui(year + 1);
        if (second.LeapIndex >= 0 && second.Numbers[second.LeapIndex] >= 11) return second.Numbers[second.LeapIndex];
        return null;
    }

    /// <summary>The first day of the lunar year (mùng 1 Tết).</summary>
    public DateOnly NewYear(int year) => ToSolar(year, 1, 1);

    private (Sui Sui, int Index) FindMonth(int year, int month, bool isLeapMonth)
    {
        CheckYear(year, nameof(year));
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "Tháng âm lịch từ 1 đến 12.");
        var sui = GetSui(month >= 11 ? year + 1 : year);
        for (var i = 0; i < sui.MonthCount; i++)
        {
            if (sui.Numbers[i] == month && (i == sui.LeapIndex) == isLeapMonth) return (sui, i);
        }
        throw new ArgumentOutOfRangeException(nameof(isLeapMonth), isLeapMonth, $"Năm âm lịch {year} không có tháng {month} nhuận.");
    }

    private static void CheckYear(int year, string parameter)
    {
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(parameter, year, $"Âm lịch chỉ tính cho các năm {MinYear}–{MaxYear}.");
    }

    private Sui GetSui(int solsticeYear)
    {
        return _suis[solsticeYear - MinYear] ??= ComputeSui(solsticeYear);
    }

    private Sui ComputeSui(int solsticeYear)
    {
        var previousSolstice = WinterSolsticeJde(solsticeYear - 1);
        var solstice = WinterSolsticeJde(solsticeYear);
        var firstK = Month11NewMoonIndex(previousSolstice);
        var lastK = Month11NewMoonIndex(solstice);
        var monthCount = lastK - firstK;

        var starts = new int[monthCount + 1];
        for (var i = 0; i <= monthCount; i++) starts[i] = NewMoonDay(firstK + i);

        var leapIndex = -1;
        if (monthCount == 13)
        {
            // Major terms after the opening solstice: 300°, 330°, 0°, ..., 240°; the closing solstice
            // belongs to the next sui. The first month holding none of them is the leap month.
            var termDays = new int[11];
            var guess = previousSolstice;
            for (var j = 0; j < termDays.Length; j++)
            {
                guess = LunarAstronomy.SolarLongitudeJde((270 + 30 * (j + 1)) % 360, guess + 30.44);
                termDays[j] = LocalDay(guess);
            }
            for (var i = 1; i < monthCount && leapIndex < 0; i++)
            {
                var hasTerm = false;
                foreach (var day in termDays) hasTerm |= day >= starts[i] && day < starts[i + 1];
                if (!hasTerm) leapIndex = i;
            }
        }

        var numbers = new int[monthCount];
        numbers[0] = 11;
        for (var i = 1; i < monthCount; i++)
            numbers[i] = i == leapIndex ? numbers[i - 1] : numbers[i - 1] % 12 + 1;

        return new Sui(solsticeYear, starts, numbers, leapIndex);
    }

    private static double WinterSolsticeJde(int year) =>
        LunarAstronomy.SolarLongitudeJde(270, new DateOnly(year, 12, 21).DayNumber + LunarAstronomy.DayNumberEpochJd);

    /// <summary>The new moon that begins the month containing the solstice: the last one whose civil day is
    /// on or before the solstice's civil day.</summary>
    private int Month11NewMoonIndex(double solsticeJde)
    {
        var solsticeDay = LocalDay(solsticeJde);
        var k = LunarAstronomy.NewMoonIndexBefore(solsticeJde);
        while (NewMoonDay(k) > solsticeDay) k--;
        while (NewMoonDay(k + 1) <= solsticeDay) k++;
        return k;
    }

    private int NewMoonDay(int k) => LocalDay(LunarAstronomy.NewMoonJde(k));

    private int LocalDay(double jde) => LunarAstronomy.LocalDayNumber(LunarAstronomy.ToUniversalTime(jde), _utcOffsetHours);

    /// <param name="Starts">Day numbers of each month's first day, plus the first day of the next month 11.</param>
    private sealed record Sui(int SolsticeYear, int[] Starts, int[] Numbers, int LeapIndex)
    {
        public int MonthCount => Numbers.Length;
        public int End => Starts[^1];
    }
}
