using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Notifications;

/// <summary>What the applicant was sent about a dossier, oldest first, with how each delivery went: the dossier page's
/// "Thông báo đã gửi" section and <c>GET /api/dossiers/{id}/notifications</c>.</summary>
public static class ListNotifications
{
    public sealed record Item(
        Guid Id, NotificationChannel Channel, string ChannelName, string Recipient, string? Subject, string Text, string Trigger,
        DateTime CreatedAtUtc, NotificationState State, string StateName, int Attempts, DateTime? SentAtUtc, string? LastError);

    public sealed class Handler(AppDbContext db, DossierActions actions)
    {
        /// <returns>Null when the dossier does not exist or is outside the signed-in official's units.</returns>
        public async Task<IReadOnlyList<Item>?> HandleAsync(Guid dossierId, CancellationToken ct)
        {
            var units = await db.Dossiers.AsNoTracking().Where(d => d.Id == dossierId)
                .Select(d => new { d.ReceivingUnitId, d.CompetentUnitId, d.CurrentUnitId })
                .SingleOrDefaultAsync(ct);
            if (units is null) return null;
            var scope = await actions.ScopeAsync(ct);
            if (!scope.Contains(units.ReceivingUnitId) && !scope.Contains(units.CompetentUnitId) && !scope.Contains(units.CurrentUnitId)) return null;
            return await ForDossierAsync(db, dossierId, ct);
        }
    }

    /// <summary>What was sent about one dossier; the caller has checked that the dossier is the official's.</summary>
    public static async Task<IReadOnlyList<Item>> ForDossierAsync(AppDbContext db, Guid dossierId, CancellationToken ct)
    {
        var rows = await db.Notifications.AsNoTracking().Where(n => n.SubjectKind == NotificationSubject.DossierKind && n.SubjectId == dossierId)
            .OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Channel)
            .ToListAsync(ct);
        return [.. rows.Select(n => new Item(n.Id, n.Channel, n.Channel.DisplayName(), n.Recipient, n.Subject, n.Body, n.Trigger,
            n.CreatedAtUtc, n.State, n.State.DisplayName(), n.Attempts, n.SentAtUtc, n.LastError))];
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/dossiers/{id:guid}/notifications", async Task<Results<Ok<IReadOnlyList<Item>>, ProblemHttpResult>> (Guid id, Handler handler, CancellationToken ct) =>
                await handler.HandleAsync(id, ct) is { } items
                    ? TypedResults.Ok(items)
                    : TypedResults.Problem("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy"))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Dossiers")
            .WithSummary("Thông báo đã gửi cho người nộp về hồ sơ (thư điện tử, SMS) và kết quả gửi.");
}
