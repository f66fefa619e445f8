using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Features.Notifications;

/// <summary>A notification may be about any record, not only a dossier: queued with its delivery job in the caller's
/// save, delivered by the same jobs, and kept apart from the dossiers' lists.</summary>
public sealed class NotificationSubjectTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Notification_AboutAFeedbackItem_IsStoredWithItsSubjectAndDelivered()
    {
        var (phone, _) = NotificationsApp.NewContact();
        var feedback = new NotificationSubject("Feedback", Guid.NewGuid());
        var answer = Guid.NewGuid();
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var id = await app.WithDbAsync(async db =>
        {
            var n = Notification.Create(feedback, answer, "FeedbackAnswered", NotificationChannel.Sms, phone, null,
                "Phan anh PA-0001 cua ban da duoc tra loi. Xem tai Cong dich vu cong.", now);
            Notification.Queue(db, n, now);
            await db.SaveChangesAsync(Ct);
            return n.Id;
        });
        await app.RunJobsAsync();

        var stored = await app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id, Ct));
        (stored.About, stored.EventId, stored.Trigger, stored.State, stored.Attempts).ShouldBe((feedback, answer, "FeedbackAnswered", NotificationState.Sent, 1));
        (await app.JobOfAsync(stored)).State.ShouldBe(JobState.Succeeded);
        app.Sms.Simulator.Sent.Where(s => s.Phone == NotificationsApp.GatewayPhone(phone)).ShouldHaveSingleItem()
            .Message.ShouldBe("Phan anh PA-0001 cua ban da duoc tra loi. Xem tai Cong dich vu cong.");
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.SubjectKind == NotificationSubject.DossierKind && n.SubjectId == feedback.Id, Ct))).ShouldBe(0);
    }
}
