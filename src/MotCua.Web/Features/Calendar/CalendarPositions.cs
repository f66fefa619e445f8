using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Calendar;

/// <summary>A working calendar written out as rows, so that the database can measure working time itself
/// (<see cref="CalendarPositions"/>): one set per distinct calendar (its years and working days), named by its
/// fingerprint; a set is never changed, a changed calendar is a new set.</summary>
public sealed class CalendarPositionSet
{
    private CalendarPositionSet() => Key = "";

    internal CalendarPositionSet(string key, DateTime usedAtUtc)
    {
        Key = key;
        LastUsedAtUtc = usedAtUtc;
    }

    /// <summary><see cref="WorkingCalendar.Fingerprint"/>.</summary>
    public string Key { get; private set; }

    /// <summary>UTC; refreshed at most hourly while queries use the set, so that pruning never removes a set in use.</summary>
    public DateTime LastUsedAtUtc { get; private set; }
}

/// <summary>One day of a <see cref="CalendarPositionSet"/>: the working days before it within the set's years and
/// whether it is worked.</summary>
public sealed class CalendarPosition
{
    private CalendarPosition() => Set = "";

    internal CalendarPosition(string set, DateOnly date, int workingDaysBefore, bool isWorking)
    {
        Set = set;
        Date = date;
        WorkingDaysBefore = workingDaysBefore;
        IsWorking = isWorking;
    }

    public string Set { get; private set; }
    public DateOnly Date { get; private set; }
    public int WorkingDaysBefore { get; private set; }
    public bool IsWorking { get; private set; }
}

/// <summary>
/// <see cref="WorkingCalendar.WorkingTimeBetween(DateTime, DateTime, IEnumerable{ValueTuple{DateTime, DateTime?}})"/>
/// inside a query: an instant's position (working seconds since the start of the calendar's first year) is its day's
/// row (working days before it, worked or not) plus the office time elapsed in the day, so that an aggregate over
/// millions of dossiers (the scorecard's average settling time, 2.2) runs in the database instead of reading a row per
/// dossier. Positions are whole seconds: the in-memory calendar counts ticks, so a figure may differ from it by under a
/// second per instant.
/// </summary>
public sealed class CalendarPositions(AppDbContext db, IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromHours(1);
    private static readonly TimeSpan Unused = TimeSpan.FromDays(1);

    /// <summary>The rows of <paramref name="calendar"/>, written first if no set holds them yet.</summary>
    public async Task<IQueryable<CalendarPosition>> ForAsync(WorkingCalendar calendar, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var key = calendar.Fingerprint;
        var now = clock.GetUtcNow().UtcDateTime;
        var used = await db.CalendarPositionSets.AsNoTracking().Where(s => s.Key == key).Select(s => (DateTime?)s.LastUsedAtUtc).SingleOrDefaultAsync(ct);
        if (used is null)
            await WriteAsync(calendar, key, now, ct);
        else if (used < now - Refresh
                 && await db.CalendarPositionSets.Where(s => s.Key == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastUsedAtUtc, now), ct) == 0)
            await WriteAsync(calendar, key, now, ct);   // pruned between the read and the update
        return db.CalendarPositions.AsNoTracking().Where(p => p.Set == key);
    }

    /// <summary>Marks, inside a query over <see cref="CalendarPosition"/> rows, the working seconds elapsed in its day by the UTC
    /// instant (office hours of a working day; the caller multiplies by the day's <see cref="CalendarPosition.IsWorking"/>).
    /// <see cref="Inline"/> replaces it by SQL arithmetic on the instant's Vietnam-time hour, minute and second.</summary>
    public static long InDay(DateTime instant) => throw Marker();

    /// <summary>Marks the position, in working seconds, of the UTC instant: its day's row looked up (a correlated subquery
    /// on the primary key; 0 when the instant is outside the calendar's years). For the few instants a row has many of
    /// (supplement pauses); the many instants (reception, end) are cheaper joined.</summary>
    public static long At(DateTime instant) => throw Marker();

    private static InvalidOperationException Marker() => new("A calendar marker is only meaningful inside a query; inline it first.");

    /// <summary>The query with <see cref="InDay"/> and <see cref="At"/> replaced by expressions EF translates on both
    /// providers, for <paramref name="days"/> (one set) and the calendar's office hours.</summary>
    public static IQueryable<T> Inline<T>(IQueryable<T> query, IQueryable<CalendarPosition> days, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(calendar);
        var hours = calendar.OfficeHours;
        var day = (long)hours.DayLength.TotalSeconds;
        long morningStart = (long)hours.MorningStart.ToTimeSpan().TotalSeconds, morningLength = (long)(hours.MorningEnd - hours.MorningStart).TotalSeconds;
        long afternoonStart = (long)hours.AfternoonStart.ToTimeSpan().TotalSeconds, afternoonLength = (long)(hours.AfternoonEnd - hours.AfternoonStart).TotalSeconds;
        var offset = VietnamTime.Offset.TotalHours;
        // The second of the day appears twice, the instant's conversion to Vietnam time three times: as few as EF allows.
        Expression<Func<DateTime, long>> inDay = t =>
            Math.Max(0L, Math.Min(t.AddHours(offset).Hour * 3600L + t.AddHours(offset).Minute * 60L + t.AddHours(offset).Second - morningStart, morningLength))
            + Math.Max(0L, Math.Min(t.AddHours(offset).Hour * 3600L + t.AddHours(offset).Minute * 60L + t.AddHours(offset).Second - afternoonStart, afternoonLength));
        Expression<Func<DateTime, long>> at = t => days
            .Where(p => p.Date == DateOnly.FromDateTime(t.AddHours(offset)))
            .Select(p => p.WorkingDaysBefore * day + (p.IsWorking ? InDay(t) : 0L))
            .FirstOrDefault();
        var inliner = new Inliner(inDay, at);
        return query.Provider.CreateQuery<T>(inliner.Visit(query.Expression));
    }

    private sealed class Inliner(Expression<Func<DateTime, long>> inDay, Expression<Func<DateTime, long>> at) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(CalendarPositions)) return base.VisitMethodCall(node);
            var body = node.Method.Name == nameof(At) ? at : inDay;
            var argument = Visit(node.Arguments[0]);
            // The body of At holds InDay markers of its own: visit the substituted body again.
            return Visit(new Substitute(body.Parameters[0], argument).Visit(body.Body));
        }
    }

    private sealed class Substitute(ParameterExpression parameter, Expression value) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? value : base.VisitParameter(node);
    }

    private async Task WriteAsync(WorkingCalendar calendar, string key, DateTime now, CancellationToken ct)
    {
        // A context of its own: the caller's context is a reader's, and a failed insert must not stay tracked in it.
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        own.CalendarPositionSets.Add(new CalendarPositionSet(key, now));
        own.CalendarPositions.AddRange(calendar.Days().Select(d => new CalendarPosition(key, d.Date, d.WorkingDaysBefore, d.IsWorking)));
        try
        {
            await own.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request wrote the same calendar at the same moment: its set won the primary key.
            if (await SetExistsAsync(key, ct)) return;
            throw;
        }
        // Sets no query used for a day (older calendars, other year ranges) are dropped; they are written again if needed.
        var stale = now - Unused;
        await own.CalendarPositions.Where(p => own.CalendarPositionSets.Any(s => s.Key == p.Set && s.LastUsedAtUtc < stale)).ExecuteDeleteAsync(ct);
        await own.CalendarPositionSets.Where(s => s.LastUsedAtUtc < stale).ExecuteDeleteAsync(ct);
    }

    private async Task<bool> SetExistsAsync(string key, CancellationToken ct)
    {
        await using var check = scopes.CreateAsyncScope();
        return await check.ServiceProvider.GetRequiredService<AppDbContext>().CalendarPositionSets.AnyAsync(s => s.Key == key, ct);
    }
}

internal sealed class CalendarPositionSetConfiguration : IEntityTypeConfiguration<CalendarPositionSet>
{
    public void Configure(EntityTypeBuilder<CalendarPositionSet> b)
    {
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(32).ValueGeneratedNever();
    }
}

internal sealed class CalendarPositionConfiguration : IEntityTypeConfiguration<CalendarPosition>
{
    public void Configure(EntityTypeBuilder<CalendarPosition> b)
    {
        // The key is the lookup: a query finds an instant's day by (set, date).
        b.HasKey(p => new { p.Set, p.Date });
        b.Property(p => p.Set).HasMaxLength(32);
        b.HasOne<CalendarPositionSet>().WithMany().HasForeignKey(p => p.Set).OnDelete(DeleteBehavior.Cascade);
    }
}
