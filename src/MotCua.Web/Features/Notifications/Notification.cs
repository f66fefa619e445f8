using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;

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

/// <summary>One message to the applicant about one event of their dossier, on one channel: the exact text, written
/// when the event happened, and how its delivery went. The dossier page lists them.</summary>
public sealed class Notification
{
    private Notification() { Trigger = null!; Recipient = null!; Body = null!; }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    /// <summary>The history entry it tells about; one notification per entry and channel.</summary>
    public Guid DossierEventId { get; private set; }
    /// <summary>The entry's kind (Receive, RequestSupplement, Apologize...).</summary>
    public string Trigger { get; private set; }
    public NotificationChannel Channel { get; private set; }
    /// <summary>An e-mail address or a phone number as the applicant gave it.</summary>
    public string Recipient { get; private set; }
    public string? Subject { get; private set; }
    public string Body { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public NotificationState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    /// <summary>The gateway's message id, or the e-mail's Message-ID.</summary>
    public string? ProviderMessageId { get; private set; }
    public string? LastError { get; private set; }

    public static Notification Create(Guid dossierId, Guid dossierEventId, string trigger, NotificationChannel channel, string recipient,
        string? subject, string body, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        DossierId = dossierId,
        DossierEventId = dossierEventId,
        Trigger = trigger,
        Channel = channel,
        Recipient = recipient,
        Subject = subject,
        Body = body,
        CreatedAtUtc = nowUtc,
        State = NotificationState.Pending,
    };

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
        b.HasOne<Dossier>().WithMany().HasForeignKey(n => n.DossierId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.DossierId, n.CreatedAtUtc });
        // A retried save, or a second path that tells the same event, cannot make a second message.
        b.HasIndex(n => new { n.DossierEventId, n.Channel }).IsUnique();
        b.Property(n => n.Trigger).HasMaxLength(40);
        b.Property(n => n.Recipient).HasMaxLength(200);
        b.Property(n => n.Subject).HasMaxLength(300);
        b.Property(n => n.ProviderMessageId).HasMaxLength(200);
        b.Property(n => n.LastError).HasMaxLength(1000);
        b.Ignore(n => n.RequestId);
    }
}
