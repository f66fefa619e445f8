using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Takes a file out of a draft. An uploaded file is deleted with it (nothing else points to it before
/// submission); a file taken from the data store only leaves the draft.</summary>
public static class RemoveDraftFile
{
    public sealed class Handler(AppDbContext db, CurrentUser user, DraftFiles files, TimeProvider clock)
    {
        /// <returns>False when the draft is not the signed-in account's (or does not exist).</returns>
        public async Task<bool> HandleAsync(Guid draftId, Guid fileId, CancellationToken ct)
        {
            var draft = await db.DossierDrafts.Include(d => d.Files).OwnedBy(user.Id).SingleOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null) return false;
            if (draft.SubmittedDossierId is not null) throw new DomainException("Hồ sơ đã được nộp; không thể sửa bản nháp.");
            // Already gone (a second click on the same button): the citizen's wish is met.
            if (draft.Files.SingleOrDefault(f => f.Id == fileId) is not { } file) return true;
            var released = await files.ReleaseAsync([file], ct);
            draft.RemoveFile(file.Id);
            draft.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await files.DeleteBytesAsync(released);
            return true;
        }
    }
}
