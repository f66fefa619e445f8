using Microsoft.Extensions.Options;

namespace MotCua.Web.Infrastructure.Jobs;

/// <summary>The one background service that drains the jobs table on this node: every <see cref="JobOptions.PollInterval"/>
/// it runs what is due, recurring occurrences included (<see cref="RecurringJobs"/>). Off when <c>Jobs:Enabled</c> is false (a node
/// that only serves pages) and, unless asked, in the Testing environment.</summary>
public sealed class JobWorker(JobRunner runner, IOptions<JobOptions> options, IHostEnvironment environment, ILogger<JobWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.IsEnabled(environment))
        {
            logger.LogInformation("Background jobs are off on this node (Jobs:Enabled).");
            return;
        }
        logger.LogInformation("Background jobs run on this node as {Node}, every {Interval}.", runner.NodeId, o.PollInterval);
        using var timer = new PeriodicTimer(o.PollInterval);
        try
        {
            // The first round one interval after the start: a restarted node answers its first pages before it takes
            // up a queue (docs/adr/0035a).
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await runner.RunDueAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The database may be unreachable for a while: log it and poll again, the loop must survive.
                catch (Exception e)
                {
                    logger.LogError(e, "The jobs runner failed; it tries again in {Interval}.", o.PollInterval);
                }
#pragma warning restore CA1031
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: claims held now run out and are taken over.
        }
    }
}
