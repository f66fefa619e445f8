using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Infrastructure;

/// <summary>Deletes the bytes a killed process wrote without committing their row (<see cref="FileStore.SweepAsync"/>):
/// once when the web app starts, before it serves requests, then as the recurring job <see cref="Name"/> (hourly unless
/// <c>Jobs:Recurring:files.sweep-pending</c> says otherwise), once per occurrence across all nodes.
/// <c>Storage:PendingFileGracePeriod</c> is how long another process's write may stay uncommitted before it counts as
/// abandoned: zero by default on SQLite (one process owns the database and its folder), ten minutes on PostgreSQL,
/// where several nodes may share the folder. This process's own writes in progress are never swept.</summary>
public sealed class PendingFileSweep(IServiceScopeFactory scopes, FileStore store, IConfiguration configuration, ILogger<PendingFileSweep> logger)
    : IRecurringJob
{
    public const string Name = "files.sweep-pending";

    public async Task RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await store.SweepAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Grace(), ct);
        if (result.Deleted > 0)
            logger.LogWarning("Deleted the bytes of {Deleted} files that were written but never committed (a crash or a failed undo).", result.Deleted);
    }

    // A failure is the jobs runner's to record and retry.
    public Task RunAsync(RecurringOccurrence occurrence, CancellationToken ct) => RunAsync(ct);

    private TimeSpan Grace() =>
        configuration.GetValue<TimeSpan?>("Storage:PendingFileGracePeriod")
        ?? (configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite) == DatabaseProvider.Sqlite ? TimeSpan.Zero : TimeSpan.FromMinutes(10));
}
