using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>The files uploaded to a draft belong to it alone until it is submitted (then the dossier points to them
/// too). When a file leaves a draft that was never submitted — removed, or the draft deleted or abandoned — its row
/// goes in the same SaveChanges and its bytes right after the commit, so no row ever points to missing bytes.
/// Files taken from the data store are the store's, and stay.</summary>
public sealed class DraftFiles(AppDbContext db, FileStore store, ILogger<DraftFiles> logger)
{
    /// <summary>Marks <paramref name="leaving"/> for deletion with the stored files that nothing else points to, and
    /// returns those: pass them to <see cref="DeleteBytesAsync"/> once the change is committed.</summary>
    public async Task<IReadOnlyList<StoredFile>> ReleaseAsync(IReadOnlyCollection<DossierDraftFile> leaving, CancellationToken ct)
    {
        // The draft files go first: a stored file cannot be deleted while a tracked row still points to it.
        db.RemoveRange(leaving);
        var ids = leaving.Where(f => f.FromDocumentId is null).Select(f => f.StoredFileId).Distinct().ToList();
        if (ids.Count == 0) return [];
        var leavingIds = leaving.Select(f => f.Id).ToList();
        var kept = await db.Set<DossierDraftFile>().Where(f => ids.Contains(f.StoredFileId) && !leavingIds.Contains(f.Id)).Select(f => f.StoredFileId)
            .Concat(db.Set<DossierFile>().Where(f => f.StoredFileId != null && ids.Contains(f.StoredFileId.Value)).Select(f => f.StoredFileId!.Value))
            .Concat(db.CitizenDocuments.Where(d => ids.Contains(d.StoredFileId)).Select(d => d.StoredFileId))
            .Distinct()
            .ToListAsync(ct);
        var released = await db.StoredFiles.Where(f => ids.Contains(f.Id) && !kept.Contains(f.Id)).ToListAsync(ct);
        db.StoredFiles.RemoveRange(released);
        return released;
    }

    /// <summary>After the commit. Bytes that cannot be deleted now are only wasted space (no row points to them), so a
    /// failure is logged, not shown to the citizen.</summary>
    public async Task DeleteBytesAsync(IEnumerable<StoredFile> files)
    {
        foreach (var file in files)
        {
            try
            {
                await store.DeleteAsync(file);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not delete the bytes of released draft file {StoredFileId} ({StorageKey}).", file.Id, file.StorageKey);
            }
            catch (UnauthorizedAccessException e)
            {
                logger.LogWarning(e, "Could not delete the bytes of released draft file {StoredFileId} ({StorageKey}).", file.Id, file.StorageKey);
            }
        }
    }
}

internal static class DraftQueries
{
    /// <summary>A draft is only ever seen by the account that writes it; anyone else gets "not found".</summary>
    public static IQueryable<DossierDraft> OwnedBy(this IQueryable<DossierDraft> drafts, Guid accountId) =>
        drafts.Where(d => d.AccountId == accountId);
}
