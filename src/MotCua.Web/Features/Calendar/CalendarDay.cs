using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Features.Calendar;

[JsonConverter(typeof(JsonStringEnumConverter<CalendarDayKind>))]
public enum CalendarDayKind
{
    /// <summary>A day off on a weekday: a public holiday, or an extra day off the government announces.</summary>
    Holiday,
    /// <summary>Nghỉ bù: the working day after a holiday that fell on a Saturday or Sunday.</summary>
    CompensatoryDayOff,
    /// <summary>Làm bù: a Saturday or Sunday that is worked (the government swaps it for a day off).</summary>
    SwappedWorkday,
}

[JsonConverter(typeof(JsonStringEnumConverter<CalendarDaySource>))]
public enum CalendarDaySource
{
    /// <summary>Written by <see cref="HolidayRules"/> the first time the year was needed.</summary>
    Prefilled,
    Administrator,
}

/// <summary>
/// One exception to the ordinary week (Monday–Friday worked, Saturday–Sunday off). The calendar is data,
/// not rules, because the Prime Minister fixes the exact Tết days and the day next to 2/9 every year and
/// announces swaps; the rules only pre-fill a year, then an administrator corrects it.
/// </summary>
public sealed class CalendarDay
{
    public const int ReasonMaxLength = 200;

    private CalendarDay() => Reason = "";

    public CalendarDay(DateOnly date, CalendarDayKind kind, string reason, CalendarDaySource source)
    {
        Id = Guid.CreateVersion7();
        Date = date;
        Kind = kind;
        Reason = reason;
        Source = source;
    }

    public Guid Id { get; private set; }
    public DateOnly Date { get; private set; }
    public CalendarDayKind Kind { get; private set; }
    public string Reason { get; private set; }
    public CalendarDaySource Source { get; private set; }

    public bool IsDayOff => Kind != CalendarDayKind.SwappedWorkday;
}

/// <summary>Marks a year as pre-filled. From then on only administrators change its days, so a removed
/// pre-filled day stays removed and pre-filling twice cannot duplicate anything.</summary>
public sealed class CalendarYear
{
    private CalendarYear() { }

    public CalendarYear(int year, DateTime prefilledAtUtc)
    {
        Year = year;
        PrefilledAt = prefilledAtUtc;
    }

    public int Year { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime PrefilledAt { get; private set; }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        // One entry per date: a day cannot be both a holiday and a swapped workday.
        b.HasIndex(d => d.Date).IsUnique();
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(d => d.Source).HasConversion<string>().HasMaxLength(40);
        b.Property(d => d.Reason).HasMaxLength(CalendarDay.ReasonMaxLength).IsRequired();
        b.Ignore(d => d.IsDayOff);
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.HasKey(y => y.Year);
        // The year is the key, chosen by us: the primary key doubles as the lock when two requests pre-fill.
        b.Property(y => y.Year).ValueGeneratedNever();
    }
}
