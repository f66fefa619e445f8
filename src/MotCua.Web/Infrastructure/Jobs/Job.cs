using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Infrastructure.Jobs;

public enum JobState
{
    /// <summary>Waiting for its <see cref="Job.RunAfterUtc"/>, first time or after a failed attempt.</summary>
    Pending,
    /// <summary>Claimed by a node until <see cref="Job.LockedUntilUtc"/>; past that instant any node may take it again.</summary>
    Running,
    Succeeded,
    /// <summary>Gave up: kept with its last error so that an administrator sees it and can retry it.</summary>
    Dead,
}

/// <summary>A side effect (an e-mail, an SMS, a sync call) recorded in the same transaction as the change that
/// causes it, and carried out later by <see cref="JobRunner"/>. If the change rolls back, so does the job; if the
/// side effect fails, the change stays and the job is retried.</summary>
public sealed class Job
{
    private Job() { Kind = null!; Payload = null!; IdempotencyKey = null!; }

    public Guid Id { get; private set; }
    /// <summary>Which <see cref="IJobHandler"/> runs it (the handler's DI key).</summary>
    public string Kind { get; private set; }
    /// <summary>JSON read by the handler; small: ids, not copies of the data.</summary>
    public string Payload { get; private set; }
    /// <summary>Unique: the same side effect cannot be queued twice, whichever code path asks for it.</summary>
    public string IdempotencyKey { get; private set; }
    public JobState State { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime RunAfterUtc { get; private set; }
    /// <summary>Counted when the job is claimed, so an attempt that kills the process still counts.</summary>
    public int Attempts { get; private set; }
    public DateTime? LockedUntilUtc { get; private set; }
    /// <summary>Changes with every claim: a node whose lease ran out and whose job was claimed again cannot
    /// save its outcome over the new owner's (it is the concurrency token).</summary>
    public Guid? LockToken { get; private set; }
    /// <summary>Which node holds or last held it, for the operator.</summary>
    public string? LockedBy { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }

    public static Job Create(string kind, string payloadJson, string idempotencyKey, DateTime nowUtc, DateTime? runAfterUtc = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(payloadJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return new Job
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Payload = payloadJson,
            IdempotencyKey = idempotencyKey,
            State = JobState.Pending,
            CreatedAtUtc = nowUtc,
            RunAfterUtc = runAfterUtc ?? nowUtc,
        };
    }

    public static Job Create<TPayload>(string kind, TPayload payload, string idempotencyKey, DateTime nowUtc, DateTime? runAfterUtc = null) =>
        Create(kind, JsonSerializer.Serialize(payload, JobJson.Options), idempotencyKey, nowUtc, runAfterUtc);

    internal void Succeed(DateTime nowUtc)
    {
        State = JobState.Succeeded;
        CompletedAtUtc = nowUtc;
        LockedUntilUtc = null;
    }

    /// <summary>Another attempt after the back-off, or dead when attempts are used up or the failure is final.</summary>
    internal void Fail(string error, bool permanent, DateTime nowUtc, int maxAttempts, TimeSpan backOff)
    {
        LastError = error.Length > 2000 ? error[..2000] : error;
        LockedUntilUtc = null;
        if (permanent || Attempts >= maxAttempts)
        {
            State = JobState.Dead;
            CompletedAtUtc = nowUtc;
            return;
        }
        State = JobState.Pending;
        RunAfterUtc = nowUtc + backOff;
    }

    /// <summary>An administrator gives a dead job a new full series of attempts (after fixing the cause).</summary>
    public void Revive(DateTime nowUtc)
    {
        if (State != JobState.Dead) throw new DomainException("Chỉ chạy lại được tác vụ đã dừng vì lỗi.");
        State = JobState.Pending;
        Attempts = 0;
        RunAfterUtc = nowUtc;
        CompletedAtUtc = null;
        LockToken = null;
    }
}

public static class JobJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> b)
    {
        b.Property(j => j.Kind).HasMaxLength(100);
        b.Property(j => j.IdempotencyKey).HasMaxLength(200);
        b.HasIndex(j => j.IdempotencyKey).IsUnique();
        b.Property(j => j.LockedBy).HasMaxLength(200);
        b.Property(j => j.LastError).HasMaxLength(2000);
        b.Property(j => j.LockToken).IsConcurrencyToken();
        // The claim looks for due pending jobs and for running jobs whose lease ran out.
        b.HasIndex(j => new { j.State, j.RunAfterUtc });
        b.HasIndex(j => new { j.State, j.LockedUntilUtc });
    }
}
