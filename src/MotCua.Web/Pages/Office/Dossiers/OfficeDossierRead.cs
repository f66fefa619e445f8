using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Features.Reception;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Dossiers;

/// <summary>Everything the office dossier page shows, in one read: the dossier as the API gives it, and what the
/// page shows beside it from other features (the e-form's labels, the rating, what was sent). It lives with the page,
/// not in the dossier feature, so the dossier depends on none of those features (docs/adr/0025).</summary>
/// <param name="Ours">The official's units hold the dossier (receiving, competent or current unit), rather than
/// being consulted about it: only they are offered its actions and forms and see what the applicant was sent.</param>
/// <param name="AssistedByName">The community digital team member who submitted on the applicant's behalf.</param>
/// <param name="EForm">The e-form as submitted, read with the labels of the dossier's procedure version.</param>
/// <param name="MadeFromEForm">Components the e-form is (FilledByEForm in the dossier's version, online dossiers only): no file is expected.</param>
/// <param name="Rating">The applicant's satisfaction rating, once the result is returned (a dislike counts in the 766 index).</param>
/// <param name="Notifications">What the applicant was sent about the dossier (e-mail, SMS).</param>
public sealed record OfficeDossierRead(GetDossier.View Dossier, bool Ours, string? AssistedByName, IReadOnlyList<GetOnlineReception.FormValue> EForm,
    IReadOnlySet<string> MadeFromEForm, OfficeDossierRead.RatingView? Rating, IReadOnlyList<ListNotifications.Item> Notifications)
{
    public sealed record RatingView(bool Liked, int Score, string? Comment, DateTime RatedAtUtc, DateTime? ChangedAtUtc);

    public static async Task<OfficeDossierRead?> LoadAsync(GetDossier.Handler get, AppDbContext db, Guid id, CancellationToken ct)
    {
        if (await get.LoadAsync(id, ct) is not { } found) return null;
        var d = found.Dossier;
        var ours = DossierActions.InScope(d, found.Scope);
        // The dossier's component carries no "made from the e-form" mark (it would be a new column); its pinned version says it.
        var content = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == d.ProcedureVersionId).Select(v => v.Content).SingleAsync(ct);
        var rating = await db.SatisfactionRatings.AsNoTracking().Where(r => r.DossierId == id)
            .Select(r => new RatingView(r.Liked, r.Score, r.Comment, r.RatedAtUtc, r.ChangedAtUtc)).SingleOrDefaultAsync(ct);
        return new OfficeDossierRead(await get.ViewOfAsync(d, ct), ours, d.AssistedByName,
            GetOnlineReception.ReadForm(d.FormData, content.FormFields),
            d.Channel == Channel.Online
                ? content.Components.Where(c => c.FilledByEForm).Select(c => c.Code).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(),
            rating,
            // As GET /api/dossiers/{id}/notifications answers: the dossier's own units, not a consulted one.
            ours ? await ListNotifications.ForDossierAsync(db, id, ct) : []);
    }
}
