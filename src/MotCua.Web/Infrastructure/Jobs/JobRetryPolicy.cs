namespace MotCua.Web.Infrastructure.Jobs;

/// <summary>Jobs of <see cref="Kind"/> are never given up for a failure that may pass (an outage, a timeout, a wait for
/// another job): they are retried, the back-off capped at <see cref="MaxDelay"/>, until they succeed or throw
/// <see cref="JobPermanentFailureException"/> (the other side judged the work and refused it). For side effects that
/// must never be lost, such as the national portal's sync (docs/adr/0032d). Registered with
/// <see cref="JobsModule.AddJobRetryPolicy"/>; other kinds keep <see cref="JobOptions.MaxAttempts"/>.</summary>
public sealed record JobRetryPolicy(string Kind, Func<TimeSpan> MaxDelay)
{
    /// <summary>Jobs:BaseDelay doubling, capped by the smaller of this policy's cap and Jobs:MaxDelay.</summary>
    public TimeSpan BackOff(JobOptions options, int attempts)
    {
        ArgumentNullException.ThrowIfNull(options);
        var delay = options.BackOff(attempts);
        var cap = MaxDelay();
        return cap > TimeSpan.Zero && delay > cap ? cap : delay;
    }
}
