namespace MotCua.Web.Infrastructure;

/// <summary>Deletes the bytes a killed process wrote without committing their row (<see cref="FileStore.SweepAsync"/>):
/// once when the web app starts, before it serves requests, then every <c>Storage:SweepInterval</c> (default one hour).
/// <c>Storage:PendingFileGracePeriod</c> is how long another process's write may stay uncommitted before it counts as
/// abandoned: zero by default on SQLite (one process owns the database and its folder), ten minutes on PostgreSQL,
/// where several nodes may share the folder. This process's own writes in progress are never swept.</summary>
public sealed class PendingFileSweep(IServiceScopeFactory scopes, FileStore store, IConfiguration configuration, ILogger<PendingFileSweep> logger)
    : BackgroundService
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await store.SweepAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Grace(), ct);
        if (result.Deleted > 0)
            logger.LogWarning("Deleted the bytes of {Deleted} files that were written but never committed (a crash or a failed undo).", result.Deleted);
    }

    private TimeSpan Grace() =>
        configuration.GetValue<TimeSpan?>("Storage:PendingFileGracePeriod")
        ?? (configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite) == DatabaseProvider.Sqlite ? TimeSpan.Zero : TimeSpan.FromMinutes(10));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("Storage:SweepInterval", TimeSpan.FromHours(1)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunAsync(stoppingToken);
                }
#pragma warning disable CA1031 // The database or the folder may be unavailable for a while: log it and try at the next tick.
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "The sweep of uncommitted files failed; it runs again at the next interval.");
                }
#pragma warning restore CA1031
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
