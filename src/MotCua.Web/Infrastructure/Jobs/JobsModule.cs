using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MotCua.Web.Features.Identity;

using MotCua.Web.Infrastructure.Jobs;

// In the namespace Program.cs already imports: its one line for jobs needs no using of its own.
namespace MotCua.Web.Infrastructure;

/// <summary>Registers the jobs runner, its hosted loop and the recurring jobs; maps the administrators' view of failed and recurring jobs.
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
        services.AddSingleton<RecurringJobs>();
        services.AddHostedService<RecurringJobsStartup>();
        services.AddHostedService<JobWorker>();
        services.AddRecurringJob<PurgeSucceededJobs>(PurgeSucceededJobs.Name, "@hourly");
        return services;
    }

    /// <summary><typeparamref name="TJob"/> runs on <paramref name="defaultSchedule"/> (a cron expression read in Vietnam
    /// time, or a macro such as <c>@hourly</c>), which <c>Jobs:Recurring:&lt;name&gt;</c> replaces. Each occurrence runs
    /// once across all nodes (<see cref="RecurringJobs"/>). <typeparamref name="TJob"/> is scoped unless registered before.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, string defaultSchedule)
        where TJob : class, IRecurringJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultSchedule);
        services.TryAddScoped<TJob>();
        services.AddSingleton(new RecurringJobDefinition(name, defaultSchedule));
        return services.AddKeyedScoped<IJobHandler, RecurringJobHandler<TJob>>(RecurringJobs.KindOf(name));
    }

    /// <summary>Jobs of <paramref name="kind"/> are run by <typeparamref name="THandler"/>, resolved per attempt in its own scope.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string kind) where THandler : class, IJobHandler =>
        services.AddKeyedScoped<IJobHandler, THandler>(kind);

    /// <summary>Jobs of <paramref name="kind"/> are retried until they succeed or fail permanently, never given up after
    /// Jobs:MaxAttempts; the back-off is capped at what <paramref name="maxDelay"/> says when asked (configuration may change).</summary>
    public static IServiceCollection AddJobRetryPolicy(this IServiceCollection services, string kind, Func<IServiceProvider, TimeSpan> maxDelay)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(maxDelay);
        return services.AddSingleton(sp => new JobRetryPolicy(kind, () => maxDelay(sp)));
    }

    public sealed record JobView(Guid Id, string Kind, JobState State, int Attempts, DateTime CreatedAtUtc, DateTime RunAfterUtc,
        DateTime? CompletedAtUtc, string? LockedBy, string? LastError, string IdempotencyKey);

    /// <param name="Schedule">In force: <c>Jobs:Recurring:&lt;Name&gt;</c>, else <paramref name="DefaultSchedule"/>; <c>off</c> when stopped.</param>
    /// <param name="Failing">Occurrences waiting for a retry or dead (see <c>GET /api/jobs</c>).</param>
    public sealed record RecurringJobView(string Name, string Schedule, string DefaultSchedule, DateTime? NextDueUtc,
        DateTime? LastCompletedAtUtc, JobState? LastState, string? LastError, int Failing);

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

        group.MapGet("/recurring", async Task<Ok<List<RecurringJobView>>> (RecurringJobs recurring, AppDbContext db, CancellationToken ct) =>
            {
                var views = new List<RecurringJobView>();
                foreach (var definition in recurring.Definitions.OrderBy(d => d.Name, StringComparer.Ordinal))
                {
                    var kind = RecurringJobs.KindOf(definition.Name);
                    var next = await db.Jobs.AsNoTracking().Where(j => j.Kind == kind && j.State == JobState.Pending && j.Attempts == 0)
                        .OrderBy(j => j.RunAfterUtc).Select(j => (DateTime?)j.RunAfterUtc).FirstOrDefaultAsync(ct);
                    var last = await db.Jobs.AsNoTracking().Where(j => j.Kind == kind && j.CompletedAtUtc != null)
                        .OrderByDescending(j => j.CompletedAtUtc).Select(j => new { j.CompletedAtUtc, j.State, j.LastError }).FirstOrDefaultAsync(ct);
                    var failing = await db.Jobs.AsNoTracking().CountAsync(j => j.Kind == kind && (j.State == JobState.Dead || (j.State == JobState.Pending && j.Attempts > 0)), ct);
                    views.Add(new RecurringJobView(definition.Name, recurring.ScheduleOf(definition), definition.DefaultSchedule, next,
                        last?.CompletedAtUtc, last?.State, last?.LastError, failing));
                }
                return TypedResults.Ok(views);
            })
            .WithSummary("Tác vụ định kỳ: lịch đang áp dụng (cấu hình Jobs:Recurring:<tên> hoặc mặc định), lần chạy tới, lần chạy gần nhất và số lần đang lỗi.");
        return app;
    }
}
