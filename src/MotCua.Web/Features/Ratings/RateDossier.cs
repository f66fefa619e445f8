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
            return await RatingWrites.SaveAsync(db, id, account.Id, liked, score, request.Comment, mayReplace: true,
                clock.GetUtcNow().UtcDateTime, record: null, ct);
        }
    }
}
