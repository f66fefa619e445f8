using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Deletes a draft nobody has saved for <see cref="OnlineSubmissionOptions.KeepUnsubmittedDraftsFor"/>, with
/// the files uploaded to it: a citizen's papers are not kept for a dossier that never came. Queued when the draft
/// starts; a draft still in use when the job comes due gets a later one, counted from its last save. Submitted
/// drafts stay (their files are the dossier's now; the draft lets a late retry find the dossier).</summary>
public sealed class PurgeAbandonedDraft(AppDbContext db, DraftFiles files, TimeProvider clock, IOptions<OnlineSubmissionOptions> options) : IJobHandler
{
    public const string Kind = "online-submission.purge-abandoned-draft";

    public sealed record Payload(Guid DraftId);

    /// <summary>Who marks the refund of a purged draft's payment: nobody acted but the rule.</summary>
    public const string PurgedBy = "Hệ thống (tự động xóa bản nháp quá hạn)";

    public static Job Schedule(Guid draftId, DateTime nowUtc, DateTime runAfterUtc) =>
        // The due instant is part of the key: each re-check of the same draft is a new job.
        Job.Create(Kind, new Payload(draftId), $"{Kind}:{draftId:N}:{runAfterUtc.Ticks}", nowUtc, runAfterUtc);

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var draftId = job.ReadPayload<Payload>().DraftId;
        var draft = await db.DossierDrafts.Include(d => d.Files).SingleOrDefaultAsync(d => d.Id == draftId, ct);
        if (draft is null || draft.SubmittedDossierId is not null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = draft.UpdatedAtUtc + options.Value.KeepUnsubmittedDraftsFor;
        if (expires > now)
        {
            db.Jobs.Add(Schedule(draft.Id, now, expires));
            return;
        }
        // Paid before submission and never submitted: the money goes back with the draft (docs/adr/0032c).
        await PayDraft.RefundOnDraftGoneAsync(db, draft.Id, PurgedBy,
            $"Bản nháp hồ sơ đã nộp phí, lệ phí nhưng không được nộp, tự động xóa sau {options.Value.KeepUnsubmittedDraftsFor.TotalDays:0} ngày không cập nhật",
            now, ct);
        var released = await files.ReleaseAsync([.. draft.Files], ct);
        db.DossierDrafts.Remove(draft);
        // Saved here rather than with the job's outcome, so that the bytes go only once their rows are gone.
        await db.SaveChangesAsync(ct);
        await files.DeleteBytesAsync(released);
    }
}
