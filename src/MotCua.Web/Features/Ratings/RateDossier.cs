using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Ratings;

/// <summary>Đánh giá mức độ hài lòng: the applicant rates their returned dossier on the portal, and may change the
/// rating later (the latest counts in indicator 5.4).</summary>
public static class RateDossier
{
    public sealed record Request(bool? Liked, int? Score, string? Comment);

    public sealed class Handler(CitizenDossiers citizens, AppDbContext db, TimeProvider clock)
    {
        public async Task<SatisfactionRating> HandleAsync(string code, Request request, CancellationToken ct)
        {
            if (request.Liked is not { } liked) throw new DomainException("Hãy chọn Hài lòng hoặc Không hài lòng.");
            if (request.Score is not { } score) throw new DomainException("Hãy chọn mức đánh giá từ 1 đến 5 sao.");
            var account = await citizens.AccountAsync(ct);
            var id = await citizens.FindIdAsync(code, ct) ?? throw DossierActions.NotFound();
            var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == id, ct);
            var existing = await db.SatisfactionRatings.SingleOrDefaultAsync(r => r.DossierId == id, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var rating = SatisfactionRating.Rate(existing, dossier, account.Id, liked, score, request.Comment, now);
            if (existing is not null)
            {
                await db.SaveChangesAsync(ct);
                return rating;
            }
            db.SatisfactionRatings.Add(rating);
            try
            {
                await db.SaveChangesAsync(ct);
                return rating;
            }
            catch (DbUpdateException)
            {
                // The form posted twice at once (a double click): the other request made the row; this one changes it.
                db.ChangeTracker.Clear();
                existing = await db.SatisfactionRatings.SingleOrDefaultAsync(r => r.DossierId == id, ct);
                if (existing is null) throw;
                rating = SatisfactionRating.Rate(existing, dossier, account.Id, liked, score, request.Comment, now);
                await db.SaveChangesAsync(ct);
                return rating;
            }
        }
    }
}
