using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Ratings;

/// <summary>Đánh giá tại quầy: the desk official who has just returned a result turns a screen (or hands a tablet) to
/// the applicant, who answers the one question without signing in. The screen is the official's, so it gives the first
/// rating only: it never replaces the applicant's own (given through their account or link), it closes once answered,
/// and it is open on the day of the return only, to a desk official of the dossier's units. Each rating given there is
/// in the audit log under the official who opened the screen.</summary>
public static class RateAtDesk
{
    public sealed record Request(int? Score, string? Comment);

    public sealed record View(Guid Id, string Code, string Summary, bool Rated);

    public sealed class Handler(AppDbContext db, DossierActions actions, CurrentUser user, AuditLog audit, TimeProvider clock)
    {
        public async Task<View> GetAsync(Guid id, CancellationToken ct)
        {
            var d = await OpenAsync(id, ct);
            return new View(d.Id, d.Code ?? d.LookupCode, d.Summary, await db.SatisfactionRatings.AnyAsync(r => r.DossierId == id, ct));
        }

        /// <summary>Whether the signed-in official may open the screen for the dossier now (for the office page's button).</summary>
        public static bool MayOpen(DossierStatus status, DateTime? returnedAtUtc, bool ours, bool desk, DateTime nowUtc) =>
            desk && ours && status == DossierStatus.Returned && returnedAtUtc is { } at
            && VietnamTime.ToLocal(at).Date == VietnamTime.ToLocal(nowUtc).Date;

        public async Task<SatisfactionRating> HandleAsync(Guid id, Request request, CancellationToken ct)
        {
            var d = await OpenAsync(id, ct);
            if (request.Score is not { } score) throw new DomainException("Hãy chọn mức đánh giá từ 1 đến 5 sao.");
            var code = d.Code ?? d.LookupCode;
            return await RatingWrites.SaveAsync(db, id, accountId: null, SatisfactionRating.IsLiked(score), score, request.Comment,
                mayReplace: false, clock.GetUtcNow().UtcDateTime,
                () => audit.Record(AuditKind.DeskRatingRecorded, "Dossier", id.ToString(),
                    $"Người nộp đánh giá hồ sơ {code} tại quầy: {score}/5.", after: new { code, score, liked = SatisfactionRating.IsLiked(score) }),
                ct);
        }

        private async Task<Dossier> OpenAsync(Guid id, CancellationToken ct)
        {
            if (!user.IsInRole(OfficialRole.DeskOfficial))
                throw new ForbiddenException("Chỉ cán bộ một cửa mời người nộp đánh giá tại quầy.");
            var d = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            // Another unit's dossier is answered as an absent one (a consulted unit does not return results either).
            if (d is null || !DossierActions.InScope(d, await actions.ScopeAsync(ct))) throw DossierActions.NotFound();
            if (d.Status != DossierStatus.Returned) throw new DomainException("Chỉ mời đánh giá hồ sơ đã trả kết quả.");
            if (!MayOpen(d.Status, d.ReturnedAtUtc, ours: true, desk: true, clock.GetUtcNow().UtcDateTime))
                throw new DomainException("Chỉ mời đánh giá tại quầy trong ngày trả kết quả. Người nộp vẫn đánh giá được qua đường dẫn trong tin nhắn trả kết quả hoặc tài khoản trên Cổng dịch vụ công.");
            return d;
        }
    }
}
