using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DocumentStore;

/// <summary>The bytes of a document of the citizen's store, under the rule that decides what the store shows.</summary>
public static class GetMyDocumentFile
{
    public sealed class Handler(CitizenDossiers citizens, AppDbContext db, AuditLog audit)
    {
        public async Task<GetMyFile.Download?> HandleAsync(Guid documentId, CancellationToken ct)
        {
            var account = await citizens.AccountAsync(ct);
            var document = await CitizenStore.VisibleTo(db, account).AsNoTracking().Where(d => d.Id == documentId)
                .Select(d => new { d.StoredFileId, d.FileName, d.OwnerIdNumber, d.Kind, d.SourceDossierId }).SingleOrDefaultAsync(ct);
            if (document is null) return null;
            var stored = await db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == document.StoredFileId, ct);
            await audit.RecordDownloadAsync(AuditKind.CitizenDocumentDownloaded, nameof(CitizenDocument), documentId.ToString(),
                $"Tải giấy tờ \"{document.FileName}\" trong kho dữ liệu.",
                new { document.OwnerIdNumber, document.FileName, document.Kind, document.SourceDossierId }, ct);
            return new GetMyFile.Download(stored, document.FileName);
        }
    }
}
