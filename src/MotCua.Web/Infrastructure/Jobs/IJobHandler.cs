using System.Text.Json;

namespace MotCua.Web.Infrastructure.Jobs;

/// <summary>Carries out one kind of job. Registered with <see cref="JobsModule.AddJobHandler{THandler}"/> under its
/// kind and resolved in a fresh scope per attempt, so it may use the scoped <see cref="AppDbContext"/>: what it
/// changes there is saved together with the job's outcome.</summary>
public interface IJobHandler
{
    /// <summary>Does the work; throwing means "try again later" (or never, for <see cref="JobPermanentFailureException"/>).
    /// Work that leaves the process should be idempotent on the other side (a request id, a Message-ID):
    /// an attempt can succeed remotely and still fail to be recorded here.</summary>
    Task HandleAsync(JobContext job, CancellationToken ct);

    /// <summary>After a failed attempt, with the tracked changes of that attempt discarded; changes made here are
    /// saved with the job's new state (e.g. the notification shows "retrying" or "failed").</summary>
    Task OnFailedAsync(JobContext job, JobFailure failure, CancellationToken ct) => Task.CompletedTask;
}

/// <param name="Attempt">1 for the first attempt; counts attempts cut short by a crash too.</param>
public sealed record JobContext(Guid Id, string Kind, string Payload, string IdempotencyKey, int Attempt)
{
    public T ReadPayload<T>()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Payload, JobJson.Options)
                   ?? throw new JobPermanentFailureException($"Job {Id} ({Kind}) has an empty payload.");
        }
        catch (JsonException e)
        {
            throw new JobPermanentFailureException($"Job {Id} ({Kind}) has an unreadable payload: {e.Message}");
        }
    }
}

/// <param name="Dead">No further attempt will be made.</param>
/// <param name="RetryAtUtc">When the next attempt is due, if there is one.</param>
public sealed record JobFailure(string Error, int Attempts, bool Dead, DateTime? RetryAtUtc);

/// <summary>The side effect can never succeed as asked (the gateway refuses the number, the payload is broken):
/// the job goes dead at once instead of using up its attempts.</summary>
public sealed class JobPermanentFailureException : Exception
{
    public JobPermanentFailureException() { }
    public JobPermanentFailureException(string message) : base(message) { }
    public JobPermanentFailureException(string message, Exception inner) : base(message, inner) { }
}
