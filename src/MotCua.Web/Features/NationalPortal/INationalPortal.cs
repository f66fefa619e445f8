using MotCua.Web.Features.Exchange;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>The national portal's answer to one sync record: acknowledged (now or already, for a key it has seen), or
/// rejected with the national side's reasons. A portal that cannot be reached or fails (5xx, timeout) throws
/// <see cref="HttpRequestException"/> or <see cref="TaskCanceledException"/>: that is a retry, not an answer.</summary>
public sealed record SyncAnswer(bool Accepted, bool Duplicate, IReadOnlyList<string> Errors, string? ReceiptId);

/// <summary>The national public-service portal's exchange (Circular 04/2025/TT-VPCP), as this system uses it.</summary>
public interface INationalPortal
{
    /// <summary>Sends one record. <paramref name="idempotencyKey"/> names this record of this dossier: sent again (a retry
    /// after a lost answer) the portal keeps it once and acknowledges again.</summary>
    Task<SyncAnswer> SendAsync(SyncRecord record, string idempotencyKey, CancellationToken ct);

    /// <summary>Sends the applicant's satisfaction rating of a settled dossier, under the same rules.</summary>
    Task<SyncAnswer> SendRatingAsync(RatingRecord rating, string idempotencyKey, CancellationToken ct);
}

/// <summary>A satisfaction rating as the national portal receives it: a message of its own beside the dossier's record,
/// since the §8 record has no rating. The applicant rates on whichever portal they use; the national portal counts
/// dislikes in indicator 5.4 of the 766 scorecard. Field names follow the exchange's style; [to confirm] against the
/// annex of Circular 04/2025/TT-VPCP (the annex's rating service and its code list).</summary>
public sealed class RatingRecord
{
    /// <summary>The dossier's code, as in its sync record.</summary>
    public string? MaHoSo { get; set; }
    public string? MaTTHC { get; set; }
    /// <summary>1 satisfied, 0 not satisfied (the like or dislike counted in 766 indicator 5.4).</summary>
    public int? HaiLong { get; set; }
    /// <summary>1–5 stars.</summary>
    public int? DiemDanhGia { get; set; }
    public string? NoiDungGopY { get; set; }
    /// <summary>When the rating was given, or last changed (the latest counts).</summary>
    public string? NgayDanhGia { get; set; }
    /// <summary>1 the first rating, 2 a changed one.</summary>
    public int? LoaiDanhGia { get; set; }
}
