using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Xóa bản nháp: the draft and the files uploaded to it go; documents taken from the data store stay there. A fee
/// paid for the draft before submission is owed back, in the same save (<see cref="PayDraft.RefundOnDraftGoneAsync"/>).</summary>
public static class DeleteDraft
{
    /// <param name="RefundDue">What had been paid for the draft and is now owed back to the citizen, in đồng.</param>
    public sealed record Deleted(long RefundDue);

    public sealed class Handler(AppDbContext db, CurrentUser user, DraftFiles files, TimeProvider clock)
    {
        /// <returns>Null when the draft is not the signed-in account's (or is already gone).</returns>
        public async Task<Deleted?> HandleAsync(Guid draftId, CancellationToken ct)
        {
            var draft = await db.DossierDrafts.Include(d => d.Files).OwnedBy(user.Id).SingleOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null) return null;
            if (draft.SubmittedDossierId is not null)
                throw new DomainException("Hồ sơ này đã được nộp nên không xóa được; nếu không muốn tiếp tục, hãy yêu cầu rút hồ sơ tại trang Hồ sơ của tôi.");
            var refund = await PayDraft.RefundOnDraftGoneAsync(db, draft.Id, $"{user.Name} ({Actor.ApplicantRole})",
                "Người nộp xóa bản nháp hồ sơ đã nộp phí, lệ phí trước khi nộp hồ sơ", clock.GetUtcNow().UtcDateTime, ct);
            var released = await files.ReleaseAsync([.. draft.Files], ct);
            db.DossierDrafts.Remove(draft);
            await db.SaveChangesAsync(ct);
            await files.DeleteBytesAsync(released);
            return new Deleted(refund);
        }
    }
}
