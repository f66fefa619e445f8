using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Exchange;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>Sends a dossier's sync record to the national portal (one job per change, queued by
/// <see cref="NationalSyncInterceptor"/>, retried with back-off by the jobs runner). The record is the dossier as it is
/// when the job runs, under the key <c>dossier id + revision</c>: a retry after a lost answer is the same key, which the
/// portal keeps once; changes made while an earlier job waited are in the same record (their steps are in its
/// QuaTrinhXuLy), and the earlier job, finding its revision acknowledged, has nothing left to send. Order: a job does not
/// send while an older job of the same dossier is on the wire, so the portal never receives an older revision after a
/// newer one. <see cref="SyncState.Synced"/> is set only by the portal's acknowledgement of the current revision; a
/// rejection leaves the dossier <see cref="SyncState.Failed"/> with the portal's reasons in the job, for the officials.</summary>
public sealed class SyncDossier(AppDbContext db, INationalPortal portal, NationalFileLinks links, TimeProvider clock) : IJobHandler
{
    public const string Kind = "dvcqg-sync";
    private const string KeyPrefix = Kind + ":";

    /// <param name="Force">Sent even when the current revision was acknowledged or rejected already (the officials'
    /// "send again", the re-sync of a unit).</param>
    public sealed record Payload(Guid DossierId, int Revision, DateTime ChangedAtUtc, bool Force = false);

    /// <summary>The job key of one change: fixed widths, so that one dossier's keys sort by revision.</summary>
    public static string KeyOf(Guid dossierId, int revision) => $"{KeyPrefix}{dossierId:N}:{revision:D6}";

    /// <summary>A re-send asked by an official: a key of its own, after the change it re-sends.</summary>
    public static string ResendKeyOf(Guid dossierId, int revision) => $"{KeyOf(dossierId, revision)}:r:{Guid.NewGuid():N}";

    /// <summary>Every sync job of the dossier starts with this.</summary>
    public static string PrefixOf(Guid dossierId) => $"{KeyPrefix}{dossierId:N}:";

    /// <summary>What the portal receives as the record's idempotency key.</summary>
    public static string RecordKeyOf(Guid dossierId, int revision) => $"{dossierId:N}-{revision}";

    /// <summary>How a rejection is written in the job's error: this line, then one reason per line.</summary>
    public const string RejectedHeading = "Cổng Dịch vụ công quốc gia từ chối bản đồng bộ:";

    private int? _sentRevision;

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var payload = job.ReadPayload<Payload>();
        var dossier = await db.Dossiers.AsSplitQuery()
            .Include(d => d.History).Include(d => d.Components).Include(d => d.Files).Include(d => d.Supplements).Include(d => d.Results)
            .SingleOrDefaultAsync(d => d.Id == payload.DossierId, ct);
        if (dossier is null) return; // deleted since (a test database, a purge): nothing to tell
        if (!payload.Force && dossier.Revision >= payload.Revision && dossier.SyncState is SyncState.Synced or SyncState.Failed) return;

        var prefix = PrefixOf(dossier.Id);
        var onTheWire = await db.Jobs.AsNoTracking()
            .Where(j => j.Kind == Kind && j.Id != job.Id && j.State == JobState.Running && j.IdempotencyKey.StartsWith(prefix))
            .Select(j => j.IdempotencyKey).ToListAsync(ct);
        if (onTheWire.Any(k => string.CompareOrdinal(k, job.IdempotencyKey) < 0))
            throw new InvalidOperationException("Đang chờ bản đồng bộ trước của cùng hồ sơ được Cổng DVCQG trả lời.");

        var context = await ContextAsync(dossier, ct);
        var record = SyncRecordMapping.From(dossier, context, links.For);
        _sentRevision = dossier.Revision;
        var answer = await portal.SendAsync(record, RecordKeyOf(dossier.Id, dossier.Revision), ct);
        if (!answer.Accepted)
            throw new JobPermanentFailureException(RejectedHeading + "\n" + string.Join("\n", answer.Errors));
        dossier.MarkSynced(clock.GetUtcNow().UtcDateTime, _sentRevision.Value);
    }

    /// <summary>Given up (a rejection, or every attempt failed): the dossier shows it, if nothing changed since.</summary>
    public async Task OnFailedAsync(JobContext job, JobFailure failure, CancellationToken ct)
    {
        if (!failure.Dead) return;
        var payload = job.ReadPayload<Payload>();
        var dossier = await db.Dossiers.SingleOrDefaultAsync(d => d.Id == payload.DossierId, ct);
        // A job that never sent (it waited for an older one) says nothing of a dossier another job brought up to date.
        if (dossier is null || (_sentRevision is null && dossier.SyncState == SyncState.Synced)) return;
        dossier.MarkSyncFailed(_sentRevision ?? dossier.Revision);
    }

    private async Task<SyncRecordContext> ContextAsync(Dossier d, CancellationToken ct)
    {
        var procedure = await (from v in db.ProcedureVersions.AsNoTracking()
                               join p in db.Procedures.AsNoTracking() on v.ProcedureId equals p.Id
                               where v.Id == d.ProcedureVersionId
                               select new { p.Code, v.Content }).SingleAsync(ct);
        var ids = new[] { d.CompetentUnitId, d.ReceivingUnitId };
        var codes = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.AgencyCode }).ToListAsync(ct);
        string? Code(Guid id) => codes.FirstOrDefault(c => c.Id == id)?.AgencyCode;
        return new SyncRecordContext(procedure.Code, procedure.Content.Name, procedure.Content.FieldCode, procedure.Content.FieldName,
            Code(d.CompetentUnitId) ?? "", Code(d.ReceivingUnitId));
    }
}
