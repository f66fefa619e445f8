using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>What the sender is told, by e-mail and SMS, of their item's steps: its reception (with the link to follow
/// it), a request for information, a refusal, a transfer, the answer. Queued in the save that makes the step
/// (<see cref="Notification.Queue"/>), so a step that fails tells nothing.</summary>
public sealed class FeedbackNotices(IOptionsMonitor<NotificationOptions> notifications, IOptionsMonitor<FormsOptions> forms)
{
    public const string SubjectKind = "Feedback";

    public static NotificationSubject Subject(Guid id) => new(SubjectKind, id);

    /// <summary>The portal's page of an item for its sender; with the key, it opens without an account.</summary>
    public string FollowUrl(string code, string? key, string? requestBase)
    {
        var baseUrl = (forms.CurrentValue.PublicBaseUrl?.ToString() ?? requestBase ?? "").TrimEnd('/');
        return $"{baseUrl}/phan-anh/{code}" + (key is null ? "" : "?key=" + Uri.EscapeDataString(key));
    }

    public void QueueReceipt(DbContext db, FeedbackItem item, string followUrl, DateTime nowUtc) =>
        Send(db, item, item.Events[^1].Id, "FeedbackReceived",
            $"Đã tiếp nhận phản ánh, kiến nghị {item.Code} ({item.UnitName}); hạn trả lời {VietnamTime.FormatDate(item.AnswerDueUtc)}. Theo dõi và đánh giá kết quả trả lời tại {followUrl}",
            nowUtc);

    public void Queue(DbContext db, FeedbackItem item, FeedbackOperation operation, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = operation switch
        {
            FeedbackOperation.RequestInfo => $"Phản ánh, kiến nghị {item.Code}: đề nghị bổ sung thông tin: {item.InfoRequest}",
            FeedbackOperation.Refuse => $"Phản ánh, kiến nghị {item.Code} không được tiếp nhận: {item.RefusalReason}",
            FeedbackOperation.Transfer => $"Phản ánh, kiến nghị {item.Code} đã được chuyển đến {item.UnitName} để xử lý; hạn trả lời {VietnamTime.FormatDate(item.AnswerDueUtc)}.",
            // The portal opens an item to its account, or to the key of the link sent at reception (only its hash is
            // kept, so it cannot be sent again): a sender without an account is pointed back to that link.
            FeedbackOperation.Answer => item.CitizenAccountId is not null
                ? $"Phản ánh, kiến nghị {item.Code} đã có kết quả trả lời. Xem và đánh giá mức độ hài lòng trên Cổng dịch vụ công, mục Phản ánh, kiến nghị (đăng nhập tài khoản của bạn)."
                : $"Phản ánh, kiến nghị {item.Code} đã có kết quả trả lời. Xem và đánh giá mức độ hài lòng theo đường dẫn trong tin nhắn, thư xác nhận tiếp nhận phản ánh {item.Code}.",
            _ => null,
        };
        if (text is not null) Send(db, item, item.Events[^1].Id, "Feedback" + operation, text, nowUtc);
    }

    private void Send(DbContext db, FeedbackItem item, Guid eventId, string trigger, string text, DateTime nowUtc)
    {
        var o = notifications.CurrentValue;
        var subject = Subject(item.Id);
        if (o.EmailEnabled && item.SenderEmail is { } email)
            Notification.Queue(db, Notification.Create(subject, eventId, trigger, NotificationChannel.Email, email,
                $"Phản ánh, kiến nghị {item.Code}", text, nowUtc), nowUtc);
        if (o.SmsEnabled && item.SenderPhone is { } phone)
            Notification.Queue(db, Notification.Create(subject, eventId, trigger, NotificationChannel.Sms, phone,
                null, o.Sms.Unaccented ? SmsText.Unaccent(text) : text, nowUtc), nowUtc);
    }
}
