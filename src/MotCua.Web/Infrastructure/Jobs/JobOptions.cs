namespace MotCua.Web.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Runs the background loop on this node. Unset: on, except in the Testing environment, where the
    /// tests call <see cref="JobRunner.RunDueAsync"/> themselves so that every step is deterministic.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How often an idle node looks for due jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Jobs claimed per statement; several nodes share the work batch by batch.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Jobs of one batch run at the same time, each in its own scope, so one slow gateway does not hold up the rest.</summary>
    public int Concurrency { get; set; } = 4;

    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles with each further failure, up to <see cref="MaxDelay"/>.
    /// With the defaults, 8 attempts span about 2 h, long enough to ride out a gateway outage or a redeployment.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>One attempt is cancelled after this; it must stay well below <see cref="Lease"/>, or a slow attempt
    /// could still be running when another node takes the job over.</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claim holds; a node that dies mid-job gives the job back when it runs out.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Succeeded jobs are deleted after this (their effects are recorded elsewhere, e.g. notifications); dead ones are kept.</summary>
    public TimeSpan KeepSucceeded { get; set; } = TimeSpan.FromDays(7);

    public bool IsEnabled(IHostEnvironment environment) => Enabled ?? !environment.IsEnvironment("Testing");

    public TimeSpan BackOff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    public IEnumerable<string> Problems()
    {
        if (BatchSize < 1) yield return "Jobs:BatchSize must be at least 1.";
        if (Concurrency < 1) yield return "Jobs:Concurrency must be at least 1.";
        if (MaxAttempts < 1) yield return "Jobs:MaxAttempts must be at least 1.";
        if (PollInterval <= TimeSpan.Zero) yield return "Jobs:PollInterval must be positive.";
        if (HandlerTimeout <= TimeSpan.Zero || Lease <= HandlerTimeout)
            yield return "Jobs:Lease must be longer than Jobs:HandlerTimeout, which must be positive.";
    }
}
