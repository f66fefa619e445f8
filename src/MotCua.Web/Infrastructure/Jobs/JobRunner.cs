using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MotCua.Web.Infrastructure.Jobs;

/// <summary>What one <see cref="JobRunner.RunDueAsync"/> call did. <c>Lost</c>: jobs whose claim ran out before their
/// outcome could be saved (another node owns them now).</summary>
public sealed record JobRunSummary(int Claimed, int Succeeded, int Retrying, int Dead, int Lost);

/// <summary>Claims due jobs in batches and runs each in its own scope. Safe to run on several nodes at once: a claim
/// is one statement that marks the rows as taken (PostgreSQL skips rows another node is claiming, SQLite has one
/// writer), and a claim expires so that a dead node's jobs are taken over. The hosted <see cref="JobWorker"/> calls
/// it in a loop; tests call it directly.</summary>
public sealed class JobRunner(IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> options, TimeProvider clock, ILogger<JobRunner> logger,
    IEnumerable<JobRetryPolicy> policies)
{
    private readonly Dictionary<string, JobRetryPolicy> _policies = policies.ToDictionary(p => p.Kind, StringComparer.Ordinal);

    private enum Outcome { Succeeded, Retrying, Dead, Lost }

    /// <summary>Names this runner in <see cref="Job.LockedBy"/>; unique per instance, so two runners in one process are two nodes.</summary>
    public string NodeId { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>Runs every job due now, batch after batch, and returns when none is left. A failing job is recorded
    /// (retry later or dead) and never stops the others.</summary>
    public async Task<JobRunSummary> RunDueAsync(CancellationToken ct = default)
    {
        var o = options.CurrentValue;
        var counts = new int[4];
        var claimed = 0;
        while (true)
        {
            var (ids, token) = await ClaimAsync(o, ct);
            claimed += ids.Count;
            if (ids.Count == 0) break;
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = ct },
                async (id, jobCt) => Interlocked.Increment(ref counts[(int)await RunOneAsync(id, token, o, jobCt)]));
            // A short batch means nothing more was due when it was claimed; newer jobs wait for the next poll.
            if (ids.Count < o.BatchSize) break;
        }
        return new JobRunSummary(claimed, counts[(int)Outcome.Succeeded], counts[(int)Outcome.Retrying], counts[(int)Outcome.Dead], counts[(int)Outcome.Lost]);
    }

    /// <summary>Deletes succeeded jobs older than <see cref="JobOptions.KeepSucceeded"/>; dead jobs stay for the operator.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var before = Now() - options.CurrentValue.KeepSucceeded;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Jobs.Where(j => j.State == JobState.Succeeded && j.CompletedAtUtc < before).ExecuteDeleteAsync(ct);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private async Task<(List<Guid> Ids, Guid Token)> ClaimAsync(JobOptions o, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now();
        // A read first, so that an idle poll neither takes SQLite's write lock nor writes anything on PostgreSQL.
        var anyDue = await db.Jobs.AnyAsync(j => (j.State == JobState.Pending && j.RunAfterUtc <= now)
                                                 || (j.State == JobState.Running && j.LockedUntilUtc <= now), ct);
        if (!anyDue) return ([], Guid.Empty);

        // A claim that ran out on the last attempt means the process died or hung with the job: running it again
        // could take the next node down too, so it is dead now, with a note for the operator. Kinds that must never be
        // lost (JobRetryPolicy) have no last attempt: a node killed while sending is no reason to stop sending.
        var unending = _policies.Keys.ToList();
        await db.Jobs
            .Where(j => j.State == JobState.Running && j.LockedUntilUtc <= now && j.Attempts >= o.MaxAttempts && !unending.Contains(j.Kind))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Dead)
                .SetProperty(j => j.CompletedAtUtc, now)
                .SetProperty(j => j.LastError, "The last attempt never finished (the node stopped or the attempt hung past its claim)."), ct);

        var token = Guid.NewGuid();
        var leaseUntil = now + o.Lease;
        const string pending = nameof(JobState.Pending), running = nameof(JobState.Running);
        var node = NodeId;
        var batch = o.BatchSize;
        // PostgreSQL: rows another node is claiming at this instant are skipped, not waited for, so nodes never
        // take the same job and never queue behind each other. MATERIALIZED keeps the locked set to one evaluation.
        // SQLite: one statement is atomic and the database has a single writer, which is the whole claim.
        var sql = db.Database.IsNpgsql()
            ? (FormattableString)$"""
               WITH next AS MATERIALIZED (
                   SELECT "Id" FROM "Jobs"
                   WHERE ("State" = {pending} AND "RunAfterUtc" <= {now}) OR ("State" = {running} AND "LockedUntilUtc" <= {now})
                   ORDER BY "RunAfterUtc"
                   LIMIT {batch}
                   FOR UPDATE SKIP LOCKED)
               UPDATE "Jobs" AS j
               SET "State" = {running}, "Attempts" = j."Attempts" + 1, "LockedUntilUtc" = {leaseUntil}, "LockToken" = {token}, "LockedBy" = {node}
               FROM next WHERE j."Id" = next."Id"
               RETURNING j."Id" AS "Value"
               """
            : $"""
               UPDATE "Jobs"
               SET "State" = {running}, "Attempts" = "Attempts" + 1, "LockedUntilUtc" = {leaseUntil}, "LockToken" = {token}, "LockedBy" = {node}
               WHERE "Id" IN (
                   SELECT "Id" FROM "Jobs"
                   WHERE ("State" = {pending} AND "RunAfterUtc" <= {now}) OR ("State" = {running} AND "LockedUntilUtc" <= {now})
                   ORDER BY "RunAfterUtc"
                   LIMIT {batch})
               RETURNING "Id" AS "Value"
               """;
        var ids = await db.Database.SqlQuery<Guid>(sql).ToListAsync(ct);
        return (ids, token);
    }

    private async Task<Outcome> RunOneAsync(Guid id, Guid token, JobOptions o, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == id, ct);
        if (job is null || job.LockToken != token) return Outcome.Lost;
        var context = new JobContext(job.Id, job.Kind, job.Payload, job.IdempotencyKey, job.Attempts);
        var handler = scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Kind);
        try
        {
            if (handler is null) throw new InvalidOperationException($"No handler is registered for jobs of kind '{job.Kind}'.");
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attempt.CancelAfter(o.HandlerTimeout);
                await handler.HandleAsync(context, attempt.Token);
            }
            job.Succeed(Now());
            await db.SaveChangesAsync(ct);
            return Outcome.Succeeded;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the claim runs out and the job is tried again, here or on another node.
            throw;
        }
#pragma warning disable CA1031 // Any failure of one job is recorded against that job; none may stop the others.
        catch (Exception e)
        {
            return await RecordFailureAsync(db, handler, context, token, e, o, ct);
        }
#pragma warning restore CA1031
    }

    private async Task<Outcome> RecordFailureAsync(AppDbContext db, IJobHandler? handler, JobContext context, Guid token, Exception error, JobOptions o, CancellationToken ct)
    {
        try
        {
            // What the failed attempt changed in memory is not to be saved.
            db.ChangeTracker.Clear();
            var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == context.Id, ct);
            if (job is null || job.LockToken != token)
            {
                logger.LogWarning("Job {JobId} ({Kind}) ran past its claim and was taken over by another runner; its outcome here is dropped.", context.Id, context.Kind);
                return Outcome.Lost;
            }
            var message = Describe(error, o);
            var policy = _policies.GetValueOrDefault(job.Kind);
            job.Fail(message, error is JobPermanentFailureException, Now(), policy is null ? o.MaxAttempts : int.MaxValue,
                policy?.BackOff(o, job.Attempts) ?? o.BackOff(job.Attempts));
            var dead = job.State == JobState.Dead;
            if (handler is not null)
            {
                try
                {
                    await handler.OnFailedAsync(context, new JobFailure(message, job.Attempts, dead, dead ? null : job.RunAfterUtc), ct);
                }
#pragma warning disable CA1031 // The handler's bookkeeping must not keep the job's own failure from being saved.
                catch (Exception hookError) when (hookError is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    logger.LogError(hookError, "Job {JobId} ({Kind}): the handler could not record the failure.", context.Id, context.Kind);
                }
#pragma warning restore CA1031
            }
            await db.SaveChangesAsync(ct);
            if (dead)
                logger.LogError(error, "Job {JobId} ({Kind}) is dead after {Attempts} attempt(s): {Error}", context.Id, context.Kind, job.Attempts, message);
            else
                logger.LogWarning("Job {JobId} ({Kind}) failed attempt {Attempts}, next at {RetryAt:o}: {Error}", context.Id, context.Kind, job.Attempts, job.RunAfterUtc, message);
            return dead ? Outcome.Dead : Outcome.Retrying;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The database itself failing: the claim runs out and the job is retried then.
        catch (Exception e)
        {
            logger.LogError(e, "Could not record the failure of job {JobId} ({Kind}); it is retried when its claim runs out.", context.Id, context.Kind);
            return Outcome.Lost;
        }
#pragma warning restore CA1031
    }

    private static string Describe(Exception error, JobOptions o) => error switch
    {
        OperationCanceledException => $"Timed out after {o.HandlerTimeout.TotalSeconds:0} s.",
        HttpRequestException { StatusCode: null } h => $"{h.Message}{(h.InnerException is { } inner ? " " + inner.Message : "")}",
        _ => error.Message,
    };
}
