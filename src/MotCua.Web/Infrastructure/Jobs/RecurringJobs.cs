using System.Globalization;
using Cronos;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Web.Infrastructure.Jobs;

/// <summary>Work a feature runs on a schedule (a sweep, a roll-up, a sync), registered with
/// <see cref="JobsModule.AddRecurringJob{TJob}"/>. Resolved in a fresh scope for each attempt, like any job handler:
/// what it changes in the scoped <see cref="AppDbContext"/> is saved with the occurrence's outcome.</summary>
public interface IRecurringJob
{
    /// <summary>Throwing retries this occurrence with the jobs' back-off; the next occurrence is already queued.</summary>
    Task RunAsync(RecurringOccurrence occurrence, CancellationToken ct);
}

/// <summary>One run of a recurring job: the payload of its row in the jobs table.</summary>
/// <param name="Schedule">The cron expression it was scheduled by: a start with another one replaces the row.</param>
public sealed record RecurringOccurrence(string Name, string Schedule, DateTime DueUtc);

/// <summary>A recurring job as registered in code; its schedule can be replaced by <c>Jobs:Recurring:&lt;Name&gt;</c>.</summary>
public sealed record RecurringJobDefinition(string Name, string DefaultSchedule);

/// <summary>Keeps each recurring job's next occurrence as one pending row of the jobs table, keyed by name and due
/// instant: the unique <see cref="Job.IdempotencyKey"/> makes every occurrence run once however many nodes there are,
/// and the node that takes an occurrence queues the one after it. Schedules are cron expressions (five fields or a
/// macro such as <c>@hourly</c>) read in Vietnam time; <c>off</c> stops a job.</summary>
public sealed class RecurringJobs(IEnumerable<RecurringJobDefinition> definitions, IConfiguration configuration, ILogger<RecurringJobs> logger)
{
    public const string SectionName = "Jobs:Recurring";
    public const string Off = "off";
    private const string KindPrefix = "recurring:";

    private static readonly TimeZoneInfo Vietnam =
        TimeZoneInfo.CreateCustomTimeZone("Vietnam", VietnamTime.Offset, "Việt Nam (UTC+07:00)", "Việt Nam");

    public IReadOnlyList<RecurringJobDefinition> Definitions { get; } = [.. definitions.DistinctBy(d => d.Name)];

    public static string KindOf(string name) => KindPrefix + name;

    public static string KeyOf(string name, DateTime dueUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"{KindPrefix}{name}:{dueUtc:yyyy-MM-ddTHH:mm:ss}Z");

    /// <summary>The schedule in force: configuration first, then the code's default.</summary>
    public string ScheduleOf(RecurringJobDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var configured = configuration[$"{SectionName}:{definition.Name}"];
        return string.IsNullOrWhiteSpace(configured) ? definition.DefaultSchedule : configured.Trim();
    }

    /// <summary>The first occurrence strictly after <paramref name="afterUtc"/>; null when the job is off.</summary>
    public static DateTime? Next(string schedule, DateTime afterUtc)
    {
        if (string.Equals(schedule, Off, StringComparison.OrdinalIgnoreCase)) return null;
        return Parse(schedule).GetNextOccurrence(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), Vietnam);
    }

    private static CronExpression Parse(string schedule) =>
        CronExpression.TryParse(schedule, CronFormat.Standard, out var cron)
            ? cron
            : throw new InvalidOperationException(
                $"'{schedule}' is not a schedule: write a cron expression of five fields (minute hour day month weekday) or a macro such as @hourly, or 'off'.");

    /// <summary>Every configured schedule parses; an error names the key, so a node does not start with a typo.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var definition in Definitions)
        {
            var schedule = ScheduleOf(definition);
            if (string.Equals(schedule, Off, StringComparison.OrdinalIgnoreCase)) continue;
            if (!CronExpression.TryParse(schedule, CronFormat.Standard, out _))
                yield return $"{SectionName}:{definition.Name}: '{schedule}' is not a cron expression of five fields, a macro such as @hourly, or 'off'.";
        }
    }

    /// <summary>On start: a queued occurrence scheduled by another expression (the configuration changed) or of a job
    /// now off is removed, and a job without a queued occurrence gets its next one. An occurrence being retried after a
    /// failure is left to finish.</summary>
    public async Task ScheduleAsync(AppDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var definition in Definitions)
        {
            var schedule = ScheduleOf(definition);
            var kind = KindOf(definition.Name);
            var queued = await db.Jobs.AsNoTracking()
                .Where(j => j.Kind == kind && j.State == JobState.Pending && j.Attempts == 0)
                .Select(j => new { j.Id, j.Payload })
                .ToListAsync(ct);
            var stale = queued
                .Where(j => !string.Equals(ReadSchedule(j.Payload), schedule, StringComparison.Ordinal) || Next(schedule, nowUtc) is null)
                .Select(j => j.Id).ToList();
            if (stale.Count > 0)
            {
                // Only rows still untouched: one another node claimed meanwhile runs as it was scheduled.
                await db.Jobs.Where(j => stale.Contains(j.Id) && j.State == JobState.Pending && j.Attempts == 0).ExecuteDeleteAsync(ct);
                logger.LogInformation("Recurring job {Name}: {Count} queued occurrence(s) of another schedule removed; schedule now '{Schedule}'.",
                    definition.Name, stale.Count, schedule);
            }
            if (queued.Count == stale.Count)
                await EnqueueAsync(db, definition.Name, schedule, nowUtc, ct);
        }
    }

    /// <summary>Queues the occurrence after <paramref name="afterUtc"/> unless one is queued already, and saves it at
    /// once. Two nodes doing this for the same instant compute the same key: one insert wins, the other is dropped.</summary>
    public async Task EnqueueNextAsync(AppDbContext db, string name, DateTime afterUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var definition = Definitions.SingleOrDefault(d => d.Name == name);
        if (definition is null) return;
        var kind = KindOf(name);
        if (await db.Jobs.AnyAsync(j => j.Kind == kind && j.State == JobState.Pending && j.Attempts == 0, ct)) return;
        await EnqueueAsync(db, name, ScheduleOf(definition), afterUtc, ct);
    }

    private static async Task EnqueueAsync(AppDbContext db, string name, string schedule, DateTime afterUtc, CancellationToken ct)
    {
        if (Next(schedule, afterUtc) is not { } due) return;
        var key = KeyOf(name, due);
        if (await db.Jobs.AnyAsync(j => j.IdempotencyKey == key, ct)) return;
        var job = Job.Create(KindOf(name), new RecurringOccurrence(name, schedule, due), key, afterUtc, due);
        db.Jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(job).State = EntityState.Detached;
            // Another node queued the same occurrence first; any other failure is the database's own.
            if (!await db.Jobs.AsNoTracking().AnyAsync(j => j.IdempotencyKey == key, ct)) throw;
        }
    }

    private static string? ReadSchedule(string payload)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<RecurringOccurrence>(payload, JobJson.Options)?.Schedule;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>Runs one occurrence of <typeparamref name="TJob"/>: queues the next occurrence first (saved on its own,
/// so that neither a failure nor a crash of this one stops the schedule), then does the work.</summary>
internal sealed class RecurringJobHandler<TJob>(TJob work, RecurringJobs recurring, AppDbContext db, TimeProvider clock) : IJobHandler
    where TJob : class, IRecurringJob
{
    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var occurrence = job.ReadPayload<RecurringOccurrence>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = DateTime.SpecifyKind(occurrence.DueUtc, DateTimeKind.Utc);
        // After a long stop the missed occurrences are not run one by one: the next is the first one after now.
        await recurring.EnqueueNextAsync(db, occurrence.Name, due > now ? due : now, ct);
        await work.RunAsync(occurrence, ct);
    }
}

/// <summary>Schedules the recurring jobs when the node starts (after the database is migrated), whether or not this
/// node runs jobs itself: a changed schedule takes effect at the next start.</summary>
internal sealed class RecurringJobsStartup(IServiceScopeFactory scopes, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var recurring = scope.ServiceProvider.GetRequiredService<RecurringJobs>();
        if (recurring.Problems().ToList() is [_, ..] problems)
            throw new InvalidOperationException("Invalid recurring job schedules: " + string.Join(" ", problems));
        await recurring.ScheduleAsync(
            scope.ServiceProvider.GetRequiredService<AppDbContext>(), clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Deletes succeeded jobs older than <see cref="JobOptions.KeepSucceeded"/> (formerly a timer in the worker).</summary>
internal sealed class PurgeSucceededJobs(JobRunner runner) : IRecurringJob
{
    public const string Name = "jobs.purge-succeeded";

    public Task RunAsync(RecurringOccurrence occurrence, CancellationToken ct) => runner.PurgeAsync(ct);
}
