using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Ratings;

/// <summary>An applicant without a portal account is sent the rating link when the result is returned, by e-mail and
/// SMS, in the very save that returns it (docs/adr/0029, as the payment link): whoever returns it, by the page or the
/// API, the link goes out; a save that fails sends nothing. Applicants with an account rate from "my dossiers", as the
/// return's status notice tells them.</summary>
public sealed class SendRatingLink(RatingLinks links, IOptionsMonitor<NotificationOptions> notifications, IOptionsMonitor<FormsOptions> forms,
    IOptionsMonitor<RatingOptions> ratings, IHttpContextAccessor http, IServer server, TimeProvider clock) : SaveChangesInterceptor
{
    public const string Trigger = "RatingLink";

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

    /// <summary>Keyed apart from the status notice of the same history entry (one message per entry and channel), and
    /// the same for the same entry, so a retried save cannot send it twice.</summary>
    public static Guid LinkEventId(Guid eventId) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Trigger}:{eventId:N}")).AsSpan(0, 16));

    /// <summary>The text of the message, e-mail and SMS alike (the SMS without diacritics when so configured).</summary>
    public static string Text(string code, string url, DateTime untilUtc) =>
        $"Hồ sơ {code} đã được trả kết quả. Mời Ông/Bà đánh giá mức độ hài lòng tại {url} (hiệu lực đến {VietnamTime.FormatDate(untilUtc)}).";

    private void Enqueue(DbContext db)
    {
        var o = notifications.CurrentValue;
        if (!o.EmailEnabled && !o.SmsEnabled) return;
        var tracker = db.ChangeTracker;
        tracker.DetectChanges();
        var returned = tracker.Entries<DossierEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.Kind == DossierEventKind.ReturnResult).Select(e => e.Entity).ToList();
        if (returned.Count == 0) return;
        var dossiers = tracker.Entries<Dossier>().Select(e => e.Entity).ToDictionary(d => d.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = tracker.Entries<Notification>().Where(n => n.Entity.Trigger == Trigger).Select(n => (n.Entity.SubjectId, n.Entity.Channel)).ToHashSet();
        foreach (var e in returned)
        {
            if (now - e.AtUtc > o.MaxEventAge) continue;
            if (!dossiers.TryGetValue(e.DossierId, out var dossier) || dossier.CitizenAccountId is not null) continue;
            var code = dossier.Code ?? dossier.LookupCode;
            var text = Text(code, BaseUrl() + links.PathFor(dossier.Id), now + ratings.CurrentValue.LinkLifetime);
            var subject = NotificationSubject.Dossier(dossier.Id);
            if (o.EmailEnabled && dossier.Applicant.Email is { } email && !queued.Contains((dossier.Id, NotificationChannel.Email)))
                Notification.Queue(db, Notification.Create(subject, LinkEventId(e.Id), Trigger, NotificationChannel.Email, email,
                    $"Đánh giá mức độ hài lòng về hồ sơ {code}", text, now), now);
            if (o.SmsEnabled && dossier.Applicant.Phone is { } phone && !queued.Contains((dossier.Id, NotificationChannel.Sms)))
                Notification.Queue(db, Notification.Create(subject, LinkEventId(e.Id), Trigger, NotificationChannel.Sms, phone,
                    null, o.Sms.Unaccented ? SmsText.Unaccent(text) : text, now), now);
        }
    }

    /// <summary>The portal's public address (Forms:PublicBaseUrl); else the address the request came to; else the
    /// address the server listens on (a wildcard binding is not an address a link can name).</summary>
    private string BaseUrl()
    {
        if (forms.CurrentValue.PublicBaseUrl is { } configured) return configured.ToString().TrimEnd('/');
        if (http.HttpContext?.Request is { Host.HasValue: true } request) return $"{request.Scheme}://{request.Host}";
        return OwnAddress.Root(server)?.ToString().TrimEnd('/') ?? "http://localhost";
    }
}
