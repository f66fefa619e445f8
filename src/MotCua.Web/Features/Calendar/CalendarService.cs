using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Calendar;

/// <summary>
/// Gives the working calendar of a range of years, pre-filling a year from <see cref="HolidayRules"/> the
/// first time anything needs it.
/// </summary>
public sealed class CalendarService(
    AppDbContext db,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    CalendarCache cache,
    IOptions<OfficeHoursOptions> officeHours)
{
    /// <summary>The calendar of <paramref name="fromYear"/>..<paramref name="toYear"/>. For a deadline, load
    /// the reception year and the next one: the calendar refuses instants outside its years.</summary>
    /// <remarks>Call it before opening a transaction: pre-filling a new year writes through a connection of
    /// its own, which would wait on the caller's write lock with SQLite.</remarks>
    public async Task<WorkingCalendar> GetAsync(int fromYear, int toYear, CancellationToken ct)
    {
        CheckRange(fromYear, toYear);
        if (cache.TryGet(fromYear, toYear) is { } cached) return cached;

        var generation = cache.Generation;
        await EnsurePrefilledAsync(fromYear, toYear, ct);
        var days = await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= new DateOnly(fromYear, 1, 1) && d.Date <= new DateOnly(toYear, 12, 31))
            .ToListAsync(ct);
        var calendar = WorkingCalendar.FromDays(fromYear, toYear, days, officeHours.Value.ToOfficeHours());
        cache.Set(fromYear, toYear, calendar, generation);
        return calendar;
    }

    /// <summary>The stored days of one year (holidays, compensatory days off, swapped workdays), by date.</summary>
    public async Task<IReadOnlyList<CalendarDay>> GetDaysAsync(int year, CancellationToken ct)
    {
        CheckRange(year, year);
        await EnsurePrefilledAsync(year, year, ct);
        return await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= new DateOnly(year, 1, 1) && d.Date <= new DateOnly(year, 12, 31))
            .OrderBy(d => d.Date)
            .ToListAsync(ct);
    }

    /// <summary>Writes the default days of every year of the range that was never pre-filled.</summary>
    public async Task EnsurePrefilledAsync(int fromYear, int toYear, CancellationToken ct)
    {
        CheckRange(fromYear, toYear);
        var done = await db.CalendarYears.AsNoTracking()
            .Where(y => y.Year >= fromYear && y.Year <= toYear)
            .Select(y => y.Year)
            .ToListAsync(ct);
        for (var year = fromYear; year <= toYear; year++)
            if (!done.Contains(year))
                await PrefillAsync(year, ct);
    }

    private async Task PrefillAsync(int year, CancellationToken ct)
    {
        // A context of its own: the caller's context may hold changes of its use case that must not be
        // saved by this SaveChanges, and a failed insert must not leave entities tracked in it.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var own = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            var taken = await own.CalendarDays
                .Where(d => d.Date >= first && d.Date <= last)
                .Select(d => d.Date)
                .ToListAsync(ct);
            own.CalendarYears.Add(new CalendarYear(year, clock.GetUtcNow().UtcDateTime));
            foreach (var day in HolidayRules.ForYear(year))
                if (!taken.Contains(day.Date))
                    own.CalendarDays.Add(new CalendarDay(day.Date, day.Kind, day.Reason, CalendarDaySource.Prefilled));
            try
            {
                await own.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // Another request pre-filled the same year at the same moment: its year row won the
                // primary key. Anything else is a real failure and is rethrown below.
            }
        }

        await using var check = scopes.CreateAsyncScope();
        var exists = await check.ServiceProvider.GetRequiredService<AppDbContext>().CalendarYears.AnyAsync(y => y.Year == year, ct);
        if (!exists) throw new InvalidOperationException($"Could not pre-fill the calendar of {year}.");
    }

    private static void CheckRange(int fromYear, int toYear)
    {
        if (fromYear < HolidayRules.MinYear || toYear > HolidayRules.MaxYear || toYear < fromYear)
            throw new ArgumentOutOfRangeException(nameof(toYear), $"Year range {fromYear}–{toYear} is outside {HolidayRules.MinYear}–{HolidayRules.MaxYear}.");
    }
}

/// <summary>
/// Built calendars by year range, shared by all requests of this process. An administrator's change clears
/// it at once here; other nodes see the change when their entries expire (one minute), which is acceptable
/// for days usually announced weeks ahead.
/// </summary>
public sealed class CalendarCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(int From, int To), (WorkingCalendar Calendar, DateTimeOffset Expires)> _entries = new();
    private long _generation;

    /// <summary>Read before loading from the database, handed back to <see cref="Set"/>: a calendar loaded
    /// while an administrator's change was being saved is then not cached.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public WorkingCalendar? TryGet(int fromYear, int toYear) =>
        _entries.TryGetValue((fromYear, toYear), out var entry) && entry.Expires > clock.GetUtcNow() ? entry.Calendar : null;

    public void Set(int fromYear, int toYear, WorkingCalendar calendar, long generation)
    {
        if (generation != Generation) return;
        _entries[(fromYear, toYear)] = (calendar, clock.GetUtcNow() + Lifetime);
        // An invalidation between the check and the write must still win.
        if (generation != Generation) _entries.TryRemove((fromYear, toYear), out _);
    }

    /// <summary>Called after an administrator's change is saved.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
