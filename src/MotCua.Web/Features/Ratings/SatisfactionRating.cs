using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Ratings;

/// <summary>Đánh giá mức độ hài lòng: the applicant's rating of one settled dossier (like or dislike, a score
/// from 1 to 5, a comment). A dislike counts against the unit in indicator 5.4 of the 766 scorecard.</summary>
public sealed class SatisfactionRating
{
    public const int MaxCommentLength = 1000;
    /// <summary>The forms ask one question, the 1–5 score; "Bình thường" (3) and above is not a dislike (indicator 5.4
    /// counts dislikes), below it is.</summary>
    public const int LikedFromScore = 3;

    public static bool IsLiked(int score) => score >= LikedFromScore;

    private SatisfactionRating() { }

    private SatisfactionRating(Guid dossierId, Guid? accountId) { Id = Guid.CreateVersion7(); DossierId = dossierId; AccountId = accountId; }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    public Guid? AccountId { get; private set; }
    public bool Liked { get; private set; }
    public int Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTime RatedAtUtc { get; private set; }
    /// <summary>Set when the applicant changed their rating; the latest one counts.</summary>
    public DateTime? ChangedAtUtc { get; private set; }

    /// <summary>Rates a dossier whose result has been returned; the applicant may change their mind later.</summary>
    public static SatisfactionRating Rate(SatisfactionRating? existing, Dossier dossier, Guid? accountId, bool liked, int score, string? comment, DateTime nowUtc)
    {
        if (dossier.Status != DossierStatus.Returned)
            throw new DomainException("Chỉ đánh giá được hồ sơ đã trả kết quả.");
        if (score is < 1 or > 5) throw new DomainException("Mức đánh giá phải từ 1 đến 5 sao.");
        var text = Text.NormalizeOrNull(comment);
        if (text?.Length > MaxCommentLength) throw new DomainException($"Ý kiến góp ý tối đa {MaxCommentLength} ký tự.");
        var rating = existing ?? new SatisfactionRating(dossier.Id, accountId);
        if (existing is null) rating.RatedAtUtc = nowUtc;
        else rating.ChangedAtUtc = nowUtc;
        rating.Liked = liked;
        rating.Score = score;
        rating.Comment = text;
        return rating;
    }
}

internal sealed class SatisfactionRatingConfiguration : IEntityTypeConfiguration<SatisfactionRating>
{
    public void Configure(EntityTypeBuilder<SatisfactionRating> b)
    {
        b.Property(r => r.Comment).HasMaxLength(SatisfactionRating.MaxCommentLength);
        b.HasOne<Dossier>().WithMany().HasForeignKey(r => r.DossierId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.DossierId).IsUnique();
    }
}
