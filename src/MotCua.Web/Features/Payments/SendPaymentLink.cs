using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>An applicant without a portal account (received at the desk or by post) is sent the payment link when
/// the dossier is asked for its financial obligation, by e-mail and SMS, in the very save that asks (docs/adr/0029):
/// whoever asks, by the page or the API, the link goes out; a save that fails sends nothing. Applicants with an
/// account pay from "my dossiers" and are told by the usual status notice.</summary>
public sealed class SendPaymentLink(IEnumerable<IPaymentProvider> providers, PaymentLinks links, SelfAddress self, IOptionsMonitor<NotificationOptions> notifications, IOptionsMonitor<FormsOptions> forms,
    IOptionsMonitor<PaymentOptions> payments, TimeProvider clock) : SaveChangesInterceptor
{
    public const string Trigger = "PaymentLink";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Enqueue(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Enqueue(db);
        return ValueTask.FromResult(result);
    }

    /// <summary>The link's message is keyed apart from the status notice of the same history entry (one message per
    /// entry and channel), and the same for the same entry, so a retried save cannot send it twice.</summary>
    public static Guid LinkEventId(Guid eventId) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Trigger}:{eventId:N}")).AsSpan(0, 16));

    private void Enqueue(DbContext db)
    {
        var o = notifications.CurrentValue;
        if (!o.EmailEnabled && !o.SmsEnabled) return;
        var tracker = db.ChangeTracker;
        tracker.DetectChanges();
        var asked = tracker.Entries<DossierEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.Kind == DossierEventKind.RequestFinancialObligation).Select(e => e.Entity).ToList();
        if (asked.Count == 0) return;
        var dossiers = tracker.Entries<Dossier>().Select(e => e.Entity).ToDictionary(d => d.Id);
        var provider = providers.First();
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = tracker.Entries<Notification>().Where(n => n.Entity.Trigger == Trigger).Select(n => (n.Entity.SubjectId, n.Entity.Channel)).ToHashSet();
        foreach (var e in asked)
        {
            if (!dossiers.TryGetValue(e.DossierId, out var dossier) || dossier.CitizenAccountId is not null) continue;
            var owed = dossier.FeesOwed - dossier.AmountPaid;
            if (owed <= 0 || !provider.IsAvailableFor(dossier.CompetentUnitId)) continue;
            var baseUrl = forms.CurrentValue.PublicBaseUrl is { } configured ? configured.ToString().TrimEnd('/') : self.Resolve("");
            var url = baseUrl + links.PathFor(dossier.Id);
            var until = VietnamTime.FormatDate(now + payments.CurrentValue.LinkLifetime);
            var code = dossier.Code ?? dossier.LookupCode;
            var text = $"Hồ sơ {code}: vui lòng nộp {FeeCalculator.Money(owed)} phí, lệ phí. Thanh toán trực tuyến tại {url} (hiệu lực đến {until}), hoặc nộp tại Bộ phận Một cửa.";
            var subject = NotificationSubject.Dossier(dossier.Id);
            if (o.EmailEnabled && dossier.Applicant.Email is { } email && !queued.Contains((dossier.Id, NotificationChannel.Email)))
                Notification.Queue(db, Notification.Create(subject, LinkEventId(e.Id), Trigger, NotificationChannel.Email, email,
                    $"Thanh toán phí, lệ phí hồ sơ {code}", text, now), now);
            if (o.SmsEnabled && dossier.Applicant.Phone is { } phone && !queued.Contains((dossier.Id, NotificationChannel.Sms)))
                Notification.Queue(db, Notification.Create(subject, LinkEventId(e.Id), Trigger, NotificationChannel.Sms, phone,
                    null, o.Sms.Unaccented ? SmsText.Unaccent(text) : text, now), now);
        }
    }
}
