using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Infrastructure;

/// <summary>The app with three recurring jobs of its own besides the real ones: one that notes each run, one that fails
/// while told to, one whose schedule the tests change. The jobs loop is off (Testing): the tests run it by hand.</summary>
public sealed class RecurringJobsApp : AppFactory
{
    public const string Tick = "test.tick";
    public const string Flaky = "test.flaky";
    public const string Configurable = "test.configurable";

    /// <summary>Each run, across every app instance of the test: (job, occurrence due).</summary>
    public static ConcurrentQueue<(string Name, DateTime DueUtc)> Runs { get; } = new();

    internal static int FailuresLeft;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:BaseDelay", "00:00:10");
        builder.UseSetting("Jobs:MaxDelay", "00:01:00");
        builder.ConfigureServices(services => services
            .AddRecurringJob<NoteRun>(Tick, "*/10 * * * *")
            .AddRecurringJob<FailWhileTold>(Flaky, "0 * * * *")
            .AddRecurringJob<NoteRun>(Configurable, "0 6 * * *"));
    }

    public JobRunner Runner => Services.GetRequiredService<JobRunner>();

    public Task<List<Job>> JobsOfAsync(string name)
    {
        var kind = RecurringJobs.KindOf(name);
        return WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == kind).OrderBy(j => j.RunAfterUtc).ToListAsync());
    }

    /// <summary>The one occurrence waiting for its time (not a retry).</summary>
    public async Task<Job> NextOfAsync(string name) =>
        (await JobsOfAsync(name)).Where(j => j.State == JobState.Pending && j.Attempts == 0).ShouldHaveSingleItem();

    private sealed class NoteRun : IRecurringJob
    {
        public Task RunAsync(RecurringOccurrence occurrence, CancellationToken ct)
        {
            Runs.Enqueue((occurrence.Name, occurrence.DueUtc));
            return Task.CompletedTask;
        }
    }

    private sealed class FailWhileTold : IRecurringJob
    {
        public Task RunAsync(RecurringOccurrence occurrence, CancellationToken ct)
        {
            if (Interlocked.Decrement(ref FailuresLeft) >= 0) throw new InvalidOperationException("The remote system is down.");
            Runs.Enqueue((occurrence.Name, occurrence.DueUtc));
            return Task.CompletedTask;
        }
    }
}

/// <summary>Recurring jobs are rows of the jobs table: each occurrence is one row keyed by name and due instant, run
/// once however many nodes poll, and the node that takes it queues the next.</summary>
public sealed class RecurringJobsTests(RecurringJobsApp app) : IClassFixture<RecurringJobsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int RunsOf(string name, DateTime due) => RecurringJobsApp.Runs.Count(r => r.Name == name && r.DueUtc == due);

    [Fact]
    public async Task Occurrence_RunsWhenDue_AndQueuesTheNext()
    {
        await app.Runner.RunDueAsync(Ct);
        var next = await app.NextOfAsync(RecurringJobsApp.Tick);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        next.RunAfterUtc.ShouldBeGreaterThan(now);
        next.RunAfterUtc.ShouldBeLessThanOrEqualTo(now.AddMinutes(10));
        (next.RunAfterUtc.Minute % 10, next.RunAfterUtc.Second).ShouldBe((0, 0));
        next.IdempotencyKey.ShouldBe(RecurringJobs.KeyOf(RecurringJobsApp.Tick, next.RunAfterUtc));

        // Not yet due: nothing runs.
        app.Clock.Set(next.RunAfterUtc.AddSeconds(-1));
        await app.Runner.RunDueAsync(Ct);
        RunsOf(RecurringJobsApp.Tick, next.RunAfterUtc).ShouldBe(0);

        app.Clock.Set(next.RunAfterUtc);
        await app.Runner.RunDueAsync(Ct);
        RunsOf(RecurringJobsApp.Tick, next.RunAfterUtc).ShouldBe(1);
        var jobs = await app.JobsOfAsync(RecurringJobsApp.Tick);
        jobs.Single(j => j.Id == next.Id).State.ShouldBe(JobState.Succeeded);
        var after = await app.NextOfAsync(RecurringJobsApp.Tick);
        after.RunAfterUtc.ShouldBe(next.RunAfterUtc.AddMinutes(10));

        // The next one runs in its turn, once.
        app.Clock.Set(after.RunAfterUtc.AddMinutes(1));
        await app.Runner.RunDueAsync(Ct);
        await app.Runner.RunDueAsync(Ct);
        RunsOf(RecurringJobsApp.Tick, after.RunAfterUtc).ShouldBe(1);
        (await app.NextOfAsync(RecurringJobsApp.Tick)).RunAfterUtc.ShouldBe(after.RunAfterUtc.AddMinutes(10));
    }

    [Fact]
    public async Task TwoAppInstancesOnOneDatabase_RunEachOccurrenceOnce()
    {
        await app.Runner.RunDueAsync(Ct);
        // A second node: another host with its own runner, same database and clock; its start finds the occurrence queued.
        await using var other = app.WithWebHostBuilder(_ => { });
        var otherRunner = other.Services.GetRequiredService<JobRunner>();
        var next = await app.NextOfAsync(RecurringJobsApp.Tick);

        for (var round = 0; round < 3; round++)
        {
            var due = (await app.NextOfAsync(RecurringJobsApp.Tick)).RunAfterUtc;
            app.Clock.Set(due);
            var runs = await Task.WhenAll(
                Task.Run(() => app.Runner.RunDueAsync(Ct), Ct), Task.Run(() => otherRunner.RunDueAsync(Ct), Ct),
                Task.Run(() => app.Runner.RunDueAsync(Ct), Ct), Task.Run(() => otherRunner.RunDueAsync(Ct), Ct));
            runs.Sum(r => r.Lost).ShouldBe(0);
            RunsOf(RecurringJobsApp.Tick, due).ShouldBe(1);
            var jobs = await app.JobsOfAsync(RecurringJobsApp.Tick);
            jobs.Count(j => j.RunAfterUtc == due).ShouldBe(1);
            jobs.Single(j => j.RunAfterUtc == due).State.ShouldBe(JobState.Succeeded);
            (await app.NextOfAsync(RecurringJobsApp.Tick)).RunAfterUtc.ShouldBe(due.AddMinutes(10));
        }
        next.RunAfterUtc.ShouldBeLessThan((await app.NextOfAsync(RecurringJobsApp.Tick)).RunAfterUtc);
    }

    [Fact]
    public async Task FailingOccurrence_IsRetried_AndTheScheduleGoesOn()
    {
        await app.Runner.RunDueAsync(Ct);
        var occurrence = await app.NextOfAsync(RecurringJobsApp.Flaky);
        Interlocked.Exchange(ref RecurringJobsApp.FailuresLeft, 1);

        app.Clock.Set(occurrence.RunAfterUtc);
        var run = await app.Runner.RunDueAsync(Ct);
        run.Retrying.ShouldBeGreaterThanOrEqualTo(1);
        var failed = (await app.JobsOfAsync(RecurringJobsApp.Flaky)).Single(j => j.Id == occurrence.Id);
        (failed.State, failed.Attempts, failed.LastError).ShouldBe((JobState.Pending, 1, "The remote system is down."));
        RunsOf(RecurringJobsApp.Flaky, occurrence.RunAfterUtc).ShouldBe(0);
        // The schedule did not wait for the outcome.
        (await app.NextOfAsync(RecurringJobsApp.Flaky)).RunAfterUtc.ShouldBe(occurrence.RunAfterUtc.AddHours(1));

        app.Clock.Set(occurrence.RunAfterUtc.AddSeconds(10));
        await app.Runner.RunDueAsync(Ct);
        RunsOf(RecurringJobsApp.Flaky, occurrence.RunAfterUtc).ShouldBe(1);
        var jobs = await app.JobsOfAsync(RecurringJobsApp.Flaky);
        jobs.Single(j => j.Id == occurrence.Id).State.ShouldBe(JobState.Succeeded);
        // The retry did not queue a second next occurrence.
        (await app.NextOfAsync(RecurringJobsApp.Flaky)).RunAfterUtc.ShouldBe(occurrence.RunAfterUtc.AddHours(1));

        app.Clock.Set(occurrence.RunAfterUtc.AddHours(1));
        await app.Runner.RunDueAsync(Ct);
        RunsOf(RecurringJobsApp.Flaky, occurrence.RunAfterUtc.AddHours(1)).ShouldBe(1);
    }

    [Fact]
    public async Task ScheduleChangedInConfiguration_TakesEffectOnStart_AndOffStopsTheJob()
    {
        var before = await app.NextOfAsync(RecurringJobsApp.Configurable);
        // 06:00 Vietnam time is 23:00 UTC.
        before.RunAfterUtc.Hour.ShouldBe(23);

        await using (var restarted = app.WithWebHostBuilder(b => b.UseSetting($"Jobs:Recurring:{RecurringJobsApp.Configurable}", "30 14 * * 1-5")))
        {
            _ = restarted.Server;
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var next = await app.NextOfAsync(RecurringJobsApp.Configurable);
            next.Id.ShouldNotBe(before.Id);
            (next.RunAfterUtc.Hour, next.RunAfterUtc.Minute).ShouldBe((7, 30));
            next.RunAfterUtc.ShouldBeGreaterThan(now);
            next.RunAfterUtc.ShouldBeLessThanOrEqualTo(now.AddDays(3));
            new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }.ShouldNotContain(next.RunAfterUtc.DayOfWeek);

            // Administrators see the recurring jobs (each node answers with its own configuration).
            await app.SeedWorldAsync();
            var admin = await app.ClientAsAsync("admin");
            var views = await admin.GetFromJsonAsync<List<JobsModule.RecurringJobView>>("/api/jobs/recurring", TestJson.Options, Ct);
            var view = views.ShouldNotBeNull().Single(v => v.Name == RecurringJobsApp.Configurable);
            (view.Schedule, view.NextDueUtc).ShouldBe(("0 6 * * *", next.RunAfterUtc));
            views.Select(v => v.Name).ShouldContain(PendingFileSweep.Name);
        }

        await using var stopped = app.WithWebHostBuilder(b => b.UseSetting($"Jobs:Recurring:{RecurringJobsApp.Configurable}", "off"));
        _ = stopped.Server;
        (await app.JobsOfAsync(RecurringJobsApp.Configurable)).ShouldNotContain(j => j.State == JobState.Pending);
    }

    [Fact]
    public async Task ScheduleThatIsNotCron_StopsTheStart_NamingTheKey()
    {
        await using var broken = app.WithWebHostBuilder(b => b.UseSetting($"Jobs:Recurring:{RecurringJobsApp.Tick}", "every ten minutes"));
        var error = Should.Throw<Exception>(() => { _ = broken.Server; });
        error.ToString().ShouldContain($"Jobs:Recurring:{RecurringJobsApp.Tick}");
    }

    [Fact]
    public async Task PendingFileSweep_RunsAsARecurringJob_AndDeletesBytesNoRowPointsTo()
    {
        await app.Runner.RunDueAsync(Ct);
        var sweep = await app.NextOfAsync(PendingFileSweep.Name);
        // What a process killed between writing the bytes and committing their row leaves behind.
        var id = Guid.CreateVersion7();
        var files = Path.Combine(app.Database.DataDirectory, "files");
        var bytes = Path.Combine(files, "2026", "11", id.ToString("N"));
        var mark = Path.Combine(files, "pending", id.ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(bytes)!);
        await File.WriteAllTextAsync(bytes, "giấy tờ của công dân", Ct);
        await File.WriteAllTextAsync(mark, $"2026/11/{id:N}", Ct);
        File.SetLastWriteTimeUtc(mark, DateTime.UtcNow.AddHours(-1));

        app.Clock.Set(sweep.RunAfterUtc);
        await app.Runner.RunDueAsync(Ct);

        File.Exists(bytes).ShouldBeFalse();
        File.Exists(mark).ShouldBeFalse();
        (await app.JobsOfAsync(PendingFileSweep.Name)).Single(j => j.Id == sweep.Id).State.ShouldBe(JobState.Succeeded);
        (await app.NextOfAsync(PendingFileSweep.Name)).RunAfterUtc.ShouldBe(sweep.RunAfterUtc.AddHours(1));
    }
}
