using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Ratings;

/// <summary>The one way a rating is saved, whoever gives it (the citizen's account, the link, the desk's screen): one
/// row per dossier (its unique index), the latest counting. Two posts at once (a double click, two devices) both see no
/// row and both insert; the index keeps one, and the other is then read as a change of that row — or refused, for a
/// way of rating that may only give the first rating.</summary>
public static class RatingWrites
{
    public static string AlreadyRated => "Hồ sơ này đã được đánh giá. Người nộp có thể thay đổi đánh giá qua đường dẫn trong tin nhắn trả kết quả hoặc tài khoản trên Cổng dịch vụ công.";

    /// <param name="mayReplace">False when this way of rating gives the first rating only (the desk's screen).</param>
    /// <param name="record">Adds what is saved with the rating (an audit entry); called again if the save is retried.</param>
    public static async Task<SatisfactionRating> SaveAsync(AppDbContext db, Guid dossierId, Guid? accountId, bool liked, int score, string? comment,
        bool mayReplace, DateTime nowUtc, Action? record, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var dossier = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dossierId, ct) ?? throw DossierActions.NotFound();
            var existing = await db.SatisfactionRatings.SingleOrDefaultAsync(r => r.DossierId == dossierId, ct);
            if (existing is not null && !mayReplace) throw new DomainException(AlreadyRated);
            var rating = SatisfactionRating.Rate(existing, dossier, accountId, liked, score, comment, nowUtc);
            if (existing is null) db.SatisfactionRatings.Add(rating);
            record?.Invoke();
            try
            {
                await db.SaveChangesAsync(ct);
                return rating;
            }
            catch (DbUpdateException) when (existing is null && attempt == 0)
            {
                // The other request made the row first: read it, and change it or refuse.
                db.ChangeTracker.Clear();
            }
        }
    }
}
