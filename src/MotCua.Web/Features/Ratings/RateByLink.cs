using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Ratings;

/// <summary>An applicant without an account rates their returned dossier through the link sent with the return
/// (<see cref="RatingLinks"/>): no sign-in; the token names the dossier. The holder of the link is the applicant, so, as
/// on the citizen's page, they may change their rating while the link is valid, and the latest counts. A forged,
/// altered or expired link is refused with the same 404 and changes nothing.</summary>
public static class RateByLink
{
    public sealed record Request(int? Score, string? Comment);

    /// <summary>What the link's page shows: the dossier's code and summary, and the rating given so far.</summary>
    public sealed record View(string Code, string Summary, bool Returned, int? Score, string? Comment, DateTime? RatedAtUtc);

    public sealed class Handler(RatingLinks links, AppDbContext db, TimeProvider clock)
    {
        public async Task<View> GetAsync(string? token, CancellationToken ct)
        {
            var id = links.Read(token) ?? throw RatingLinks.Invalid();
            var d = await db.Dossiers.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new { x.Code, x.LookupCode, x.Summary, x.Status }).SingleOrDefaultAsync(ct) ?? throw RatingLinks.Invalid();
            var r = await db.SatisfactionRatings.AsNoTracking().Where(x => x.DossierId == id)
                .Select(x => new { x.Score, x.Comment, At = x.ChangedAtUtc ?? x.RatedAtUtc }).SingleOrDefaultAsync(ct);
            return new View(d.Code ?? d.LookupCode, d.Summary, d.Status == DossierStatus.Returned, r?.Score, r?.Comment, r?.At);
        }

        public async Task<SatisfactionRating> HandleAsync(string? token, Request request, CancellationToken ct)
        {
            var id = links.Read(token) ?? throw RatingLinks.Invalid();
            if (request.Score is not { } score) throw new DomainException("Hãy chọn mức đánh giá từ 1 đến 5 sao.");
            if (!await db.Dossiers.AnyAsync(d => d.Id == id, ct)) throw RatingLinks.Invalid();
            return await RatingWrites.SaveAsync(db, id, accountId: null, SatisfactionRating.IsLiked(score), score, request.Comment,
                mayReplace: true, clock.GetUtcNow().UtcDateTime, record: null, ct);
        }
    }
}
