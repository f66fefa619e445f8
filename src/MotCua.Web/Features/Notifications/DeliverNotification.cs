using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Notifications;

/// <summary>The job that sends one notification and records the outcome on it. The notification's id is the SMS
/// request id and the e-mail's Message-ID, so an attempt that reached the provider but was not recorded here (a lost
/// reply, a crash) is recognised as the same message when it is retried.</summary>
public sealed class DeliverNotification(AppDbContext db, SmtpEmailSender email, HttpSmsGatewayClient sms, TimeProvider clock) : IJobHandler
{
    public const string EmailKind = "notification.email";
    public const string SmsKind = "notification.sms";

    public sealed record Payload(Guid NotificationId);

    public static string KindOf(NotificationChannel channel) => channel == NotificationChannel.Email ? EmailKind : SmsKind;

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var notification = await LoadAsync(job, ct)
                           ?? throw new JobPermanentFailureException($"Notification of job {job.Id} no longer exists.");
        if (notification.State == NotificationState.Sent) return;
        var providerId = notification.Channel switch
        {
            NotificationChannel.Email => await email.SendAsync(notification.Recipient, notification.Subject ?? "", notification.Body, notification.Id, ct),
            _ => await sms.SendAsync(notification.Recipient, notification.Body, notification.RequestId, ct),
        };
        notification.MarkSent(clock.GetUtcNow().UtcDateTime, job.Attempt, providerId);
    }

    public async Task OnFailedAsync(JobContext job, JobFailure failure, CancellationToken ct)
    {
        var notification = await LoadAsync(job, ct);
        notification?.MarkFailed(failure.Attempts, failure.Error, failure.Dead);
    }

    private async Task<Notification?> LoadAsync(JobContext job, CancellationToken ct)
    {
        var id = job.ReadPayload<Payload>().NotificationId;
        return await db.Notifications.SingleOrDefaultAsync(n => n.Id == id, ct);
    }
}
