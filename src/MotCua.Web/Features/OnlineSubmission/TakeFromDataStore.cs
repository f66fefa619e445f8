using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Lấy từ kho dữ liệu: a valid document of the citizen's own data store stands for a component, so the same
/// paper is not uploaded twice. The draft points to the stored file the document already has; at submission the
/// component is marked re-used from the store.</summary>
public static class TakeFromDataStore
{
    public sealed class Handler(AppDbContext db, CurrentUser user, CitizenDossiers citizens, TimeProvider clock)
    {
        /// <returns>False when the draft is not the signed-in account's (or does not exist).</returns>
        public async Task<bool> HandleAsync(Guid draftId, string componentCode, Guid documentId, CancellationToken ct)
        {
            var draft = await db.DossierDrafts.Include(d => d.Files).OwnedBy(user.Id).SingleOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null) return false;
            if (draft.SubmittedDossierId is not null) throw new DomainException("Hồ sơ đã được nộp; không thể sửa bản nháp.");
            if (draft.Assisted)
                throw new DomainException("Khi nộp thay người khác, không dùng được kho dữ liệu; hãy tải lên bản điện tử của giấy tờ.");
            var content = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == draft.ProcedureVersionId).Select(v => v.Content).SingleAsync(ct);
            var requirement = content.Components.SingleOrDefault(c => c.Code == componentCode && c.Form != ComponentForm.OriginalToShow)
                              ?? throw new DomainException("Thành phần hồ sơ không thuộc thủ tục.");
            if (requirement.FilledByEForm) throw new DomainException(SaveDraft.EFormMadeMessage(requirement));

            var account = await citizens.AccountAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            // Another person's document, one this account may not see (ADR 0013), or one for another component is
            // "not found" to this citizen.
            var document = await CitizenStore.VisibleTo(db, account).AsNoTracking()
                               .SingleOrDefaultAsync(d => d.Id == documentId && (d.ComponentCode == componentCode
                               || (requirement.Form == ComponentForm.CertifiedCopy && d.Kind == CitizenDocumentKind.CertifiedCopy)), ct)
                           ?? throw new DomainException("Không tìm thấy giấy tờ này trong kho dữ liệu của bạn.");
            if (!document.IsValidAt(now))
                throw new DomainException($"\"{document.Name}\" đã hết hiệu lực; hãy tải lên giấy tờ còn hiệu lực cho \"{requirement.Name}\".");
            if (draft.Files.Any(f => f.ComponentCode == componentCode && f.FromDocumentId == document.Id)) return true;

            draft.AddFile(new DossierDraftFile(componentCode, document.StoredFileId, document.FileName, document.Id, now));
            draft.UpdatedAtUtc = now;
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
