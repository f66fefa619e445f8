using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.DemoData;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;
using Npgsql;

namespace MotCua.Tests.Features.Notifications;

/// <summary>Several nodes drain one jobs table: two runners at once never run a job twice, and on PostgreSQL a row
/// another node is claiming is skipped rather than waited for.</summary>
public sealed class JobRunnerTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoRunners_AtOnce_DeliverEveryMessageExactlyOnce()
    {
        await app.SeedWorldAsync();
        await app.RunJobsAsync();
        var desk = await app.ClientAsAsync("desk");
        var contacts = Enumerable.Range(0, 20).Select(_ => NotificationsApp.NewContact()).ToList();
        var dossiers = new List<Guid>();
        foreach (var (phone, email) in contacts)
            dossiers.Add((await NotificationsApp.ReceiveAsync(desk, phone, email)).Id);

        // Two nodes: two runners with their own identity over the same database.
        var first = ActivatorUtilities.CreateInstance<JobRunner>(app.Services);
        var second = ActivatorUtilities.CreateInstance<JobRunner>(app.Services);
        var runs = await Task.WhenAll(Task.Run(() => first.RunDueAsync(Ct), Ct), Task.Run(() => second.RunDueAsync(Ct), Ct));

        // Per dossier: the SMS and the e-mail of the reception, and the job that files its receipt (Form 01) as a PDF.
        runs.Sum(r => r.Claimed).ShouldBe(3 * contacts.Count);
        runs.Sum(r => r.Succeeded).ShouldBe(3 * contacts.Count);
        var notifications = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => dossiers.Contains(n.SubjectId)).ToListAsync(Ct));
        notifications.Count.ShouldBe(2 * contacts.Count);
        notifications.ShouldAllBe(n => n.State == NotificationState.Sent && n.Attempts == 1);
        var phones = contacts.Select(c => NotificationsApp.GatewayPhone(c.Phone)).ToHashSet();
        var requests = app.Sms.Simulator.Requests.Where(r => phones.Contains(r.Phone)).ToList();
        requests.Count.ShouldBe(contacts.Count);
        requests.Select(r => r.RequestId).Distinct().Count().ShouldBe(contacts.Count);
        var emails = contacts.Select(c => c.Email).ToHashSet();
        var mails = app.Smtp.Messages.Where(m => m.To.Any(emails.Contains)).ToList();
        mails.Count.ShouldBe(contacts.Count);
        mails.Select(m => m.MessageId).Distinct().Count().ShouldBe(contacts.Count);
        var owners = await app.WithDbAsync(db => db.Jobs.Where(j => j.State == JobState.Succeeded).Select(j => j.LockedBy).Distinct().ToListAsync(Ct));
        owners.ShouldBeSubsetOf([first.NodeId, second.NodeId, app.Services.GetRequiredService<JobRunner>().NodeId]);
    }

    [Fact]
    public async Task JobBeingClaimedByAnotherNode_IsSkippedNotWaitedFor_OnPostgres()
    {
        Assert.SkipUnless(app.Database.Provider == DatabaseProvider.Postgres, "Row locks and SKIP LOCKED are PostgreSQL's; SQLite has one writer.");
        await app.SeedWorldAsync();
        await app.RunJobsAsync();
        var desk = await app.ClientAsAsync("desk");
        var (phone, email) = NotificationsApp.NewContact();
        var received = await NotificationsApp.ReceiveAsync(desk, phone, email);
        var notifications = await app.NotificationsOfAsync(received.Id);
        var locked = await app.JobOfAsync(notifications.Single(n => n.Channel == NotificationChannel.Sms));

        // Another node's claim statement, caught holding the row lock.
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await using (var claim = new NpgsqlCommand("""SELECT 1 FROM "Jobs" WHERE "Id" = @id FOR UPDATE""", connection, transaction))
        {
            claim.Parameters.AddWithValue("id", locked.Id);
            await claim.ExecuteScalarAsync(Ct);
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(20));
        var run = await app.Services.GetRequiredService<JobRunner>().RunDueAsync(patience.Token);

        run.Succeeded.ShouldBeGreaterThanOrEqualTo(1);
        (await app.JobOfAsync(notifications.Single(n => n.Channel == NotificationChannel.Email))).State.ShouldBe(JobState.Succeeded);
        var skipped = await app.JobOfAsync(notifications.Single(n => n.Channel == NotificationChannel.Sms));
        (skipped.State, skipped.Attempts).ShouldBe((JobState.Pending, 0));

        await transaction.RollbackAsync(Ct);
        await app.RunJobsAsync();
        (await app.JobOfAsync(notifications.Single(n => n.Channel == NotificationChannel.Sms))).State.ShouldBe(JobState.Succeeded);
    }

    [Fact]
    public async Task ClaimThatRanOut_IsTakenOverByAnotherRunner()
    {
        await app.SeedWorldAsync();
        await app.RunJobsAsync();
        var desk = await app.ClientAsAsync("desk");
        var phone = NotificationsApp.NewContact().Phone;
        var received = await NotificationsApp.ReceiveAsync(desk, phone, null);
        var notification = (await app.NotificationsOfAsync(received.Id)).ShouldHaveSingleItem();
        var job = await app.JobOfAsync(notification);
        // A node claimed it and died: the row says Running with a lease, and nothing else happens.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db => db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobState.Running).SetProperty(j => j.Attempts, 1)
            .SetProperty(j => j.LockedUntilUtc, now.AddMinutes(5)).SetProperty(j => j.LockToken, Guid.NewGuid()).SetProperty(j => j.LockedBy, "node-that-died"), Ct));

        await app.RunJobsAsync();
        (await app.JobOfAsync(notification)).State.ShouldBe(JobState.Running, "the claim still holds");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.RunJobsAsync();

        var taken = await app.JobOfAsync(notification);
        (taken.State, taken.Attempts).ShouldBe((JobState.Succeeded, 2));
        taken.LockedBy.ShouldBe(app.Services.GetRequiredService<JobRunner>().NodeId);
        app.Sms.Simulator.Sent.Count(s => s.Phone == NotificationsApp.GatewayPhone(phone)).ShouldBe(1);
    }
}

/// <summary>The demo generator writes months of history through the same SaveChanges: none of that past is news.</summary>
public sealed class DemoDataNotificationTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoData_PastHistory_IsNotToldToItsApplicants()
    {
        await app.WithServiceAsync<DemoDataGenerator, string>(g => g.SeedAsync(new DemoOptions { Dossiers = 40, Days = 30 }, Ct));

        var since = app.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(1);
        var told = await app.WithDbAsync(db => db.Notifications
            .Join(db.DossierEvents, n => n.EventId, e => e.Id, (n, e) => e.AtUtc).ToListAsync(Ct));
        told.ShouldAllBe(at => at >= since);
        var pastChanges = await app.WithDbAsync(db => db.DossierEvents.CountAsync(e => e.AtUtc < since && e.FromStatus != e.ToStatus, Ct));
        pastChanges.ShouldBeGreaterThan(40);
    }
}
