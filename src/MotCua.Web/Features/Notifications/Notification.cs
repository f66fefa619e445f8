using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Notifications;

public enum NotificationChannel { Email, Sms }

public enum NotificationState
{
    /// <summary>Queued, not tried yet.</summary>
    Pending,
    /// <summary>An attempt failed; another is scheduled.</summary>
    Retrying,
    Sent,
    /// <summary>Every attempt failed, or the provider refused it for good.</summary>
    Failed,
}

/// <summary>What a notification is about: a dossier (its applicant is told of its events), or any other record that has
/// someone to tell — a feedback item, a payment. <paramref name="Kind"/> is a stable English name, like the audit log's
/// subject types.</summary>
public sealed record NotificationSubject(string Kind, Guid Id)
{
    public const string DossierKind = "Dossier";

    public static NotificationSubject Dossier(Guid dossierId) => new(DossierKind, dossierId);
}

/// <summary>One message to a person about one event of a subject (the applicant about their dossier), on one channel:
/// the exact text, written when the event happened, and how its delivery went. The dossier page lists its own.</summary>
public sealed class Notification
{
    private Notification() { SubjectKind = null!; Trigger = null!; Recipient = null!; Body = null!; }

    public Guid Id { get; private set; }
    /// <summary>The kind of record it is about (<see cref="NotificationSubject.DossierKind"/>...).</summary>
    public string SubjectKind { get; private set; }
    /// <summary>The id of the record it is about (the dossier's id for a dossier).</summary>
    public Guid SubjectId { get; private set; }
    /// <summary>The event it tells about (a dossier's history entry); one notification per event and channel.</summary>
    public Guid EventId { get; private set; }
    /// <summary>The event's kind (Receive, RequestSupplement, Apologize...).</summary>
    public string Trigger { get; private set; }
    public NotificationChannel Channel { get; private set; }
    /// <summary>An e-mail address or a phone number as the applicant gave it.</summary>
    public string Recipient { get; private set; }
    /// <summary>The e-mail's subject line (none for an SMS).</summary>
    public string? Subject { get; private set; }
    public string Body { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public NotificationState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    /// <summary>The gateway's message id, or the e-mail's Message-ID.</summary>
    public string? ProviderMessageId { get; private set; }
    public string? LastError { get; private set; }

    public static Notification Create(NotificationSubject about, Guid eventId, string trigger, NotificationChannel channel, string recipient,
        string? subject, string body, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        SubjectKind = about.Kind,
        SubjectId = about.Id,
        EventId = eventId,
        Trigger = trigger,
        Channel = channel,
        Recipient = recipient,
        Subject = subject,
        Body = body,
        CreatedAtUtc = nowUtc,
        State = NotificationState.Pending,
    };

    public NotificationSubject About => new(SubjectKind, SubjectId);

    /// <summary>Adds the notification and the job that delivers it to the unit of work: the caller's one
    /// <c>SaveChanges</c> writes both with the change they tell about, or neither. The job's key makes a second
    /// notification of the same event and channel impossible.</summary>
    public static void Queue(DbContext db, Notification notification, DateTime nowUtc)
    {
        db.Add(notification);
        db.Add(Job.Create(DeliverNotification.KindOf(notification.Channel), new DeliverNotification.Payload(notification.Id),
            $"notification:{notification.EventId:N}:{notification.Channel}", nowUtc));
    }

    /// <summary>Also the SMS gateway's request id: the same on every attempt, so the gateway sends it once.</summary>
    public string RequestId => Id.ToString("N");

    internal void MarkSent(DateTime nowUtc, int attempts, string? providerMessageId)
    {
        State = NotificationState.Sent;
        SentAtUtc = nowUtc;
        Attempts = attempts;
        ProviderMessageId = providerMessageId is { Length: > 200 } ? providerMessageId[..200] : providerMessageId;
    }

    internal void MarkFailed(int attempts, string error, bool final)
    {
        State = final ? NotificationState.Failed : NotificationState.Retrying;
        Attempts = attempts;
        LastError = error.Length > 1000 ? error[..1000] : error;
    }
}

public static class NotificationText
{
    public static string DisplayName(this NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => "Thư điện tử",
        NotificationChannel.Sms => "Tin nhắn SMS",
        _ => channel.ToString(),
    };

    public static string DisplayName(this NotificationState state) => state switch
    {
        NotificationState.Pending => "Đang chờ gửi",
        NotificationState.Retrying => "Gửi lỗi, đang thử lại",
        NotificationState.Sent => "Đã gửi",
        NotificationState.Failed => "Gửi không thành công",
        _ => state.ToString(),
    };
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        // Any kind of record can be the subject, so there is no foreign key; dossiers are never deleted.
        b.Property(n => n.SubjectKind).HasMaxLength(40);
        b.HasIndex(n => new { n.SubjectKind, n.SubjectId, n.CreatedAtUtc });
        // A retried save, or a second path that tells the same event, cannot make a second message.
        b.HasIndex(n => new { n.EventId, n.Channel }).IsUnique();
        b.Property(n => n.Trigger).HasMaxLength(40);
        b.Property(n => n.Recipient).HasMaxLength(200);
        b.Property(n => n.Subject).HasMaxLength(300);
        b.Property(n => n.ProviderMessageId).HasMaxLength(200);
        b.Property(n => n.LastError).HasMaxLength(1000);
        b.Ignore(n => n.RequestId);
        b.Ignore(n => n.About);
    }
}
