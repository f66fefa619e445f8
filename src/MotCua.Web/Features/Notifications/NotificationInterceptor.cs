using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Notifications;

/// <summary>Queues the applicant's notifications in the very SaveChanges that records a status change or an apology:
/// the history entries being added are the one place every use case passes through, so none has to remember to
/// notify, and a save that fails (a conflict, a broken rule at the database) queues nothing.</summary>
public sealed class NotificationInterceptor(IOptionsMonitor<NotificationOptions> options, TimeProvider clock) : SaveChangesInterceptor
{
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

    private void Enqueue(DbContext db)
    {
        var o = options.CurrentValue;
        if (!o.EmailEnabled && !o.SmsEnabled) return;
        var tracker = db.ChangeTracker;
        // An entry appended to a loaded dossier's history is only seen as added once changes are detected, which EF
        // does after this interceptor; detecting here is cheap (EF skips it later when nothing moved).
        tracker.DetectChanges();
        var events = tracker.Entries<DossierEvent>()
            .Where(e => e.State == EntityState.Added && NotificationTemplates.IsNotified(e.Entity))
            .Select(e => e.Entity)
            .OrderBy(e => e.Sequence)
            .ToList();
        if (events.Count == 0) return;

        var now = clock.GetUtcNow().UtcDateTime;
        var dossiers = tracker.Entries<Dossier>().Select(e => e.Entity).ToDictionary(d => d.Id);
        // A save retried on the same context after a failure still holds the first attempt's notifications.
        var queued = tracker.Entries<Notification>().Select(e => (e.Entity.EventId, e.Entity.Channel)).ToHashSet();
        foreach (var e in events)
        {
            if (now - e.AtUtc > o.MaxEventAge) continue;
            if (!dossiers.TryGetValue(e.DossierId, out var dossier)) continue;
            var applicant = dossier.Applicant;
            var email = o.EmailEnabled ? applicant.Email : null;
            var phone = o.SmsEnabled ? applicant.Phone : null;
            if (email is null && phone is null) continue;

            var text = NotificationTemplates.Render(Facts(e, dossier), o);
            if (email is not null && !queued.Contains((e.Id, NotificationChannel.Email)))
                Notification.Queue(db, Notification.Create(NotificationSubject.Dossier(dossier.Id), e.Id, e.Kind.ToString(), NotificationChannel.Email, email, text.EmailSubject, text.EmailBody, now), now);
            if (phone is not null && !queued.Contains((e.Id, NotificationChannel.Sms)))
                Notification.Queue(db, Notification.Create(NotificationSubject.Dossier(dossier.Id), e.Id, e.Kind.ToString(), NotificationChannel.Sms, phone, null, text.Sms, now), now);
        }
    }

    private static NotificationFacts Facts(DossierEvent e, Dossier d)
    {
        var apology = e.Kind == DossierEventKind.Apologize ? d.Apology : null;
        var missing = e.Kind == DossierEventKind.RequestSupplement
            ? d.Supplements.Where(s => s.State == SupplementState.Open).MaxBy(s => s.Number)?.MissingItems ?? []
            : [];
        return new NotificationFacts(
            e.Kind.ToString(), e.ToStatus, d.Code ?? d.LookupCode, d.LookupCode, d.Summary, d.Applicant.FullName, d.Applicant.Kind,
            apology?.NewDueUtc ?? d.PromisedDueAtUtc, apology?.PreviousDueUtc, apology?.Reason ?? e.Reason, missing, e.UnitName,
            d.CitizenAccountId is not null);
    }
}
