using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Xóa bản nháp: the draft and the files uploaded to it go; documents taken from the data store stay there.</summary>
public static class DeleteDraft
{
    public sealed class Handler(AppDbContext db, CurrentUser user, DraftFiles files)
    {
        /// <returns>False when the draft is not the signed-in account's (or is already gone).</returns>
        public async Task<bool> HandleAsync(Guid draftId, CancellationToken ct)
        {
            var draft = await db.DossierDrafts.Include(d => d.Files).OwnedBy(user.Id).SingleOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null) return false;
            if (draft.SubmittedDossierId is not null)
                throw new DomainException("Hồ sơ này đã được nộp nên không xóa được; nếu không muốn tiếp tục, hãy yêu cầu rút hồ sơ tại trang Hồ sơ của tôi.");
            var released = await files.ReleaseAsync([.. draft.Files], ct);
            db.DossierDrafts.Remove(draft);
            await db.SaveChangesAsync(ct);
            await files.DeleteBytesAsync(released);
            return true;
        }
    }
}
