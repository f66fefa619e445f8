using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Feedback;

/// <summary>Reminds the handling unit's office and leaders (by e-mail) of each deadline of an open item a few working
/// days before it (<see cref="FeedbackOptions.RemindWorkingDaysBefore"/>, capped below the deadline's own length), and
/// once when it is missed. Each reminder is keyed by item, deadline and due instant, so it goes out once however often
/// the job runs and however many nodes run it; a moved deadline (a transfer) is reminded again.</summary>
public sealed class FeedbackReminders(AppDbContext db, FeedbackActions actions, UnitTree units, IOptionsMonitor<NotificationOptions> notifications,
    IOptionsMonitor<FeedbackOptions> options, TimeProvider clock) : IRecurringJob
{
    public const string Name = "feedback-reminders";
    public const string Trigger = "FeedbackReminder";
    private const int Batch = 500;

    public async Task RunAsync(RecurringOccurrence occurrence, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deadlines = await actions.DeadlinesAsync(now, ct);
        var o = options.CurrentValue;
        var open = await db.Set<FeedbackItem>()
            .Where(f => f.Status == FeedbackStatus.Received || f.Status == FeedbackStatus.InfoRequested || f.Status == FeedbackStatus.Answered)
            .OrderBy(f => f.AnswerDueUtc).Take(Batch).AsNoTracking().ToListAsync(ct);
        var due = new List<(FeedbackItem Item, string What, DateTime DueUtc, bool Missed)>();
        foreach (var item in open)
            foreach (var (what, at, days) in Deadlines(item, o))
            {
                if (!deadlines.Covers(at)) continue;
                var missed = now > at;
                var remindFrom = deadlines.RemindFrom(at, Math.Min(o.RemindWorkingDaysBefore, days - 1));
                if (missed ? what == Answer || what == Publish : now >= remindFrom) due.Add((item, what, at, missed));
            }
        if (due.Count == 0) return;

        if (!notifications.CurrentValue.EmailEnabled) return;
        var recipients = new Dictionary<Guid, List<string>>();
        var messages = new List<(FeedbackItem Item, string What, DateTime DueUtc, bool Missed, string Email, Guid EventId)>();
        foreach (var (item, what, at, missed) in due)
        {
            if (!recipients.TryGetValue(item.UnitId, out var emails))
                recipients[item.UnitId] = emails = await RecipientsAsync(item.UnitId, ct);
            messages.AddRange(emails.Select(email => (item, what, at, missed, email, EventId(item.Id, what, at, missed, email))));
        }
        var ids = messages.Select(m => m.EventId).ToList();
        var sent = (await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.EventId)).Select(n => n.EventId).ToListAsync(ct)).ToHashSet();
        foreach (var (item, what, at, missed, email, eventId) in messages.Where(m => !sent.Contains(m.EventId)))
        {
            var text = missed
                ? $"Phản ánh, kiến nghị {item.Code} ({item.Title}) đã quá hạn {what} ({VietnamTime.Format(at)})."
                : $"Phản ánh, kiến nghị {item.Code} ({item.Title}): hạn {what} là {VietnamTime.Format(at)}.";
            Notification.Queue(db, Notification.Create(FeedbackNotices.Subject(item.Id), eventId, Trigger, NotificationChannel.Email, email,
                missed ? $"Quá hạn xử lý phản ánh, kiến nghị {item.Code}" : $"Sắp đến hạn xử lý phản ánh, kiến nghị {item.Code}", text, now), now);
        }
        await db.SaveChangesAsync(ct);
    }

    private const string Answer = "trả lời", Publish = "công khai";

    /// <summary>The deadlines still ahead of an open item, with their length in working days.</summary>
    public static IEnumerable<(string What, DateTime DueUtc, int Days)> Deadlines(FeedbackItem item, FeedbackOptions o)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(o);
        if (item.Status == FeedbackStatus.Received && item.FirstInfoRequestedAtUtc is null)
        {
            yield return ("từ chối tiếp nhận (nếu không thuộc phạm vi xử lý)", item.RefuseDueUtc, o.RefuseWithinWorkingDays);
            yield return ("đề nghị bổ sung thông tin lần đầu (nếu cần)", item.FirstInfoRequestDueUtc, o.FirstInfoRequestWithinWorkingDays);
        }
        if (item.Status is FeedbackStatus.Received or FeedbackStatus.InfoRequested)
            yield return (Answer, item.AnswerDueUtc, o.AnswerWithinWorkingDays);
        if (item.Status == FeedbackStatus.Answered && item.PublishDueUtc is { } publish)
            yield return (Publish, publish, o.PublishWithinWorkingDays);
    }

    /// <summary>One notification per reminder and recipient (the jobs' key is per event and channel), the same every run.</summary>
    public static Guid EventId(Guid itemId, string what, DateTime dueUtc, bool missed, string email) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{Trigger}:{itemId:N}:{what}:{dueUtc.Ticks}:{missed}:{email}")).AsSpan(0, 16));

    /// <summary>The e-mail addresses of the office (Văn phòng) and the leaders of the unit and the bodies under it.</summary>
    private async Task<List<string>> RecipientsAsync(Guid unitId, CancellationToken ct)
    {
        var scope = (await units.ScopeOfAsync(unitId, ct)).ToList();
        var roles = new[] { nameof(OfficialRole.StatisticsOffice), nameof(OfficialRole.Leader) };
        var roleIds = db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id);
        return await db.Officials.AsNoTracking()
            .Where(o => scope.Contains(o.UnitId) && o.Email != null && db.UserRoles.Any(ur => ur.UserId == o.Id && roleIds.Contains(ur.RoleId)))
            .Select(o => o.Email!).Distinct().ToListAsync(ct);
    }
}
