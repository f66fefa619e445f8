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
/// inside a query: the calendar's position of an instant (working seconds since the start of its first year) as a
/// SQL expression, so that an aggregate over millions of dossiers (the scorecard's average settling time, 2.2) runs in
/// the database instead of reading a row per dossier. Positions are whole seconds: the in-memory calendar counts ticks,
/// so a figure may differ from it by under a second per instant.
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

    /// <summary>The position, in working seconds, of the UTC instant <paramref name="instant"/> yields, clamped to the
    /// calendar's years (as the scorecard measures bad imported dates at the calendar's edge). Meant to be inlined
    /// with <see cref="Inline"/>: EF translates it to a correlated scalar subquery on the set's primary key.</summary>
    public static Expression<Func<DateTime, long>> Position(IQueryable<CalendarPosition> days, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var first = VietnamTime.ToUtc(new DateTime(calendar.FirstYear, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var last = VietnamTime.ToUtc(new DateTime(calendar.LastYear, 12, 31, 23, 59, 0, DateTimeKind.Unspecified));
        var hours = calendar.OfficeHours;
        var day = (long)hours.DayLength.TotalSeconds;
        long morningStart = (long)hours.MorningStart.ToTimeSpan().TotalSeconds, morningEnd = (long)hours.MorningEnd.ToTimeSpan().TotalSeconds;
        long afternoonStart = (long)hours.AfternoonStart.ToTimeSpan().TotalSeconds, afternoonEnd = (long)hours.AfternoonEnd.ToTimeSpan().TotalSeconds;
        var offset = VietnamTime.Offset.TotalHours;
        Expression<Func<DateTime, long>> position = t => days
            .Where(p => p.Date == DateOnly.FromDateTime((t < first ? first : t > last ? last : t).AddHours(offset)))
            .Select(p => p.WorkingDaysBefore * day + (p.IsWorking
                ? Clamp(SecondOfDay((t < first ? first : t > last ? last : t).AddHours(offset)), morningStart, morningEnd) - morningStart
                  + Clamp(SecondOfDay((t < first ? first : t > last ? last : t).AddHours(offset)), afternoonStart, afternoonEnd) - afternoonStart
                : 0))
            .FirstOrDefault();
        return Inline(position);
    }

    /// <summary>Marks where <see cref="Inline"/> puts a position expression: <c>At(t)</c> in a query lambda.</summary>
    public static long At(DateTime instant) => throw new InvalidOperationException($"{nameof(At)} is only a marker inside a query; inline it first.");

    // Clamp and SecondOfDay are expanded before EF sees them.
    private static long Clamp(long value, long low, long high) => value < low ? low : value > high ? high : value;
    private static long SecondOfDay(DateTime local) => local.Hour * 3600 + local.Minute * 60 + local.Second;

    /// <summary>Replaces calls of <see cref="At"/>, <see cref="Clamp"/> and <see cref="SecondOfDay"/> in
    /// <paramref name="lambda"/> by their bodies (EF cannot call methods); <paramref name="position"/> is what
    /// <c>At</c> stands for.</summary>
    public static Expression<T> Inline<T>(Expression<T> lambda, Expression<Func<DateTime, long>>? position = null) =>
        (Expression<T>)new Inliner(position).Visit(lambda);

    private sealed class Inliner(Expression<Func<DateTime, long>>? position) : ExpressionVisitor
    {
        private static readonly Expression<Func<long, long, long, long>> ClampBody = (v, l, h) => v < l ? l : v > h ? h : v;
        private static readonly Expression<Func<DateTime, long>> SecondBody = t => t.Hour * 3600 + t.Minute * 60 + t.Second;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(CalendarPositions)) return base.VisitMethodCall(node);
            var args = node.Arguments.Select(Visit).ToArray();
            LambdaExpression body = node.Method.Name switch
            {
                nameof(At) => position ?? throw new InvalidOperationException("No position expression to inline."),
                nameof(Clamp) => ClampBody,
                nameof(SecondOfDay) => SecondBody,
                _ => throw new InvalidOperationException(node.Method.Name),
            };
            return new Substitute(body.Parameters, args!).Visit(body.Body);
        }
    }

    private sealed class Substitute(IReadOnlyList<ParameterExpression> parameters, IReadOnlyList<Expression> values) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            for (var i = 0; i < parameters.Count; i++)
                if (node == parameters[i]) return values[i];
            return base.VisitParameter(node);
        }
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
