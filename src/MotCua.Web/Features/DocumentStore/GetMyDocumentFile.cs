using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DocumentStore;

/// <summary>The bytes of a document of the citizen's store, under the rule that decides what the store shows.</summary>
public static class GetMyDocumentFile
{
    public sealed class Handler(CitizenDossiers citizens, AppDbContext db)
    {
        public async Task<GetMyFile.Download?> HandleAsync(Guid documentId, CancellationToken ct)
        {
            var account = await citizens.AccountAsync(ct);
            var document = await CitizenStore.VisibleTo(db, account).AsNoTracking().Where(d => d.Id == documentId)
                .Select(d => new { d.StoredFileId, d.FileName }).SingleOrDefaultAsync(ct);
            if (document is null) return null;
            var stored = await db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == document.StoredFileId, ct);
            return new GetMyFile.Download(stored, document.FileName);
        }
    }
}
