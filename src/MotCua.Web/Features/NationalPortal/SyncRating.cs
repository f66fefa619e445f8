using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Exchange;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>Sends an applicant's satisfaction rating to the national portal (<see cref="RatingRecord"/>): one job per
/// rating given or changed, queued by <see cref="NationalSyncInterceptor"/> in the save that records it. Like a dossier's
/// record it sends the rating as it is now, under a key naming that version (dossier + instant of the rating), so a retry
/// is kept once and an older job finding a newer rating sends the newer one (the portal counts the latest). A rating is
/// of a dossier the portal must already hold as settled: it waits until the dossier's own record is acknowledged.</summary>
public sealed class SyncRating(AppDbContext db, INationalPortal portal) : IJobHandler
{
    public const string Kind = "dvcqg-rating";

    public sealed record Payload(Guid DossierId, DateTime RatedAtUtc);

    /// <summary>One job per save that rated: two saves at the same instant (a double click) are two jobs sending one record.</summary>
    public static string KeyOf(Guid dossierId, DateTime ratedAtUtc) => $"{Kind}:{dossierId:N}:{ratedAtUtc.Ticks:D19}:{Guid.NewGuid():N}";

    public static string RecordKeyOf(Guid dossierId, DateTime ratedAtUtc) => $"{dossierId:N}-dg-{ratedAtUtc.Ticks}";

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var payload = job.ReadPayload<Payload>();
        var rating = await db.SatisfactionRatings.AsNoTracking().SingleOrDefaultAsync(r => r.DossierId == payload.DossierId, ct);
        if (rating is null) return; // the dossier was deleted since
        var dossier = await (from d in db.Dossiers.AsNoTracking()
                             join v in db.ProcedureVersions.AsNoTracking() on d.ProcedureVersionId equals v.Id
                             join p in db.Procedures.AsNoTracking() on v.ProcedureId equals p.Id
                             where d.Id == payload.DossierId
                             select new { d.Code, d.SyncState, ProcedureCode = p.Code }).SingleAsync(ct);
        // The portal rates a dossier it knows to be settled; a record still on its way (or refused) goes first.
        if (dossier.SyncState != SyncState.Synced)
            throw new InvalidOperationException("Đang chờ Cổng DVCQG xác nhận bản đồng bộ của hồ sơ trước khi gửi đánh giá.");
        var at = Stamp(rating);
        var answer = await portal.SendRatingAsync(new RatingRecord
        {
            MaHoSo = dossier.Code,
            MaTTHC = dossier.ProcedureCode,
            HaiLong = rating.Liked ? 1 : 0,
            DiemDanhGia = rating.Score,
            NoiDungGopY = rating.Comment,
            NgayDanhGia = SyncRecordJson.Format(at),
            LoaiDanhGia = rating.ChangedAtUtc is null ? 1 : 2,
        }, RecordKeyOf(payload.DossierId, at), ct);
        if (!answer.Accepted)
            throw new JobPermanentFailureException(SyncDossier.RejectedHeading + "\n" + string.Join("\n", answer.Errors));
    }

    /// <summary>Which version of the rating this is: when it was given, or last changed.</summary>
    public static DateTime Stamp(SatisfactionRating rating)
    {
        ArgumentNullException.ThrowIfNull(rating);
        return rating.ChangedAtUtc ?? rating.RatedAtUtc;
    }
}
