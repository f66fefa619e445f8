using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;

using MotCua.Web.Infrastructure.Jobs;

// In the namespace Program.cs already imports: its one line for jobs needs no using of its own.
namespace MotCua.Web.Infrastructure;

/// <summary>Registers the jobs runner and its hosted loop; maps the administrators' view of failed jobs.
/// Idempotent: every feature that queues jobs may call <see cref="AddJobs"/>.</summary>
public static class JobsModule
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(JobRunner))) return services;
        services.AddOptions<JobOptions>()
            .Bind(configuration.GetSection(JobOptions.SectionName))
            .Validate(o => !o.Problems().Any(), "Invalid Jobs configuration: check BatchSize, Concurrency, MaxAttempts, PollInterval, HandlerTimeout and Lease.")
            .ValidateOnStart();
        services.AddSingleton<JobRunner>();
        services.AddHostedService<JobWorker>();
        return services;
    }

    /// <summary>Jobs of <paramref name="kind"/> are run by <typeparamref name="THandler"/>, resolved per attempt in its own scope.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string kind) where THandler : class, IJobHandler =>
        services.AddKeyedScoped<IJobHandler, THandler>(kind);

    public sealed record JobView(Guid Id, string Kind, JobState State, int Attempts, DateTime CreatedAtUtc, DateTime RunAfterUtc,
        DateTime? CompletedAtUtc, string? LockedBy, string? LastError, string IdempotencyKey);

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(nameof(OfficialRole.Administrator));

        group.MapGet("/", async Task<Ok<List<JobView>>> (JobState? state, AppDbContext db, CancellationToken ct) =>
            {
                var query = db.Jobs.AsNoTracking();
                query = state is { } s ? query.Where(j => j.State == s) : query.Where(j => j.State != JobState.Succeeded);
                var jobs = await query.OrderByDescending(j => j.CreatedAtUtc).Take(200)
                    .Select(j => new JobView(j.Id, j.Kind, j.State, j.Attempts, j.CreatedAtUtc, j.RunAfterUtc, j.CompletedAtUtc, j.LockedBy, j.LastError, j.IdempotencyKey))
                    .ToListAsync(ct);
                return TypedResults.Ok(jobs);
            })
            .WithSummary("Tác vụ nền chưa hoàn thành hoặc đã dừng vì lỗi (mặc định: mọi tác vụ chưa thành công), mới nhất trước; tối đa 200.");

        group.MapPost("/{id:guid}/retry", async Task<Results<Ok<JobView>, ProblemHttpResult>> (Guid id, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == id, ct);
                if (job is null)
                    return TypedResults.Problem("Không tìm thấy tác vụ.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy");
                job.Revive(clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new JobView(job.Id, job.Kind, job.State, job.Attempts, job.CreatedAtUtc, job.RunAfterUtc, job.CompletedAtUtc, job.LockedBy, job.LastError, job.IdempotencyKey));
            })
            .WithSummary("Chạy lại một tác vụ đã dừng vì lỗi (sau khi đã khắc phục nguyên nhân), với đủ số lần thử.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
