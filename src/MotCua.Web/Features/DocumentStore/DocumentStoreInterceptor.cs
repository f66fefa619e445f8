using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.DocumentStore;

/// <summary>Files the applicant's documents into their data store in the very SaveChanges that attaches them to a
/// dossier: a component uploaded online or digitized at the desk, a paper sent on a supplement request, a result
/// issued. Every path that attaches a file (desk, portal, supplement, issuance, demo data) goes through here, so none
/// has to remember it.</summary>
public sealed class DocumentStoreInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Added(db) is { Count: > 0 } added)
        {
            var stored = Stored(db, added).ToList();
            var versions = added.Select(f => f.Dossier.ProcedureVersionId).Distinct().Select(id => db.Set<ProcedureVersion>().Find(id)).OfType<ProcedureVersion>().ToList();
            File(db, added, stored, versions);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Added(db) is { Count: > 0 } added)
        {
            var stored = await Stored(db, added).ToListAsync(cancellationToken);
            var versions = new List<ProcedureVersion>();
            foreach (var id in added.Where(f => f.File.Purpose == DossierFilePurpose.Result).Select(f => f.Dossier.ProcedureVersionId).Distinct())
                if (await db.Set<ProcedureVersion>().FindAsync([id], cancellationToken) is { } version) versions.Add(version);
            File(db, added, stored, versions);
        }
        return result;
    }

    private sealed record AddedFile(DossierFile File, Dossier Dossier);

    private static List<AddedFile> Added(DbContext db)
    {
        var tracker = db.ChangeTracker;
        // A file appended to a loaded dossier is only seen as added once changes are detected.
        tracker.DetectChanges();
        var dossiers = tracker.Entries<Dossier>().Select(e => e.Entity).ToDictionary(d => d.Id);
        return tracker.Entries<DossierFile>()
            // A file another system keeps (an imported record's address) has no bytes here to file.
            .Where(e => e.State == EntityState.Added && e.Entity.StoredFileId is not null
                        && e.Entity.Purpose is DossierFilePurpose.Component or DossierFilePurpose.Supplement or DossierFilePurpose.Result)
            .Select(e => dossiers.TryGetValue(e.Entity.DossierId, out var d) ? new AddedFile(e.Entity, d) : null)
            .OfType<AddedFile>()
            .ToList();
    }

    /// <summary>What is already in the owners' stores: a document taken from the store and attached again stays one document.</summary>
    private static IQueryable<StoredKey> Stored(DbContext db, List<AddedFile> added)
    {
        var fileIds = added.Select(f => f.File.StoredFileId!.Value).Distinct().ToList();
        var owners = added.Select(f => f.Dossier.Applicant.IdNumber).Distinct().ToList();
        return db.Set<CitizenDocument>().AsNoTracking()
            .Where(d => owners.Contains(d.OwnerIdNumber) && fileIds.Contains(d.StoredFileId))
            .Select(d => new StoredKey(d.OwnerIdNumber, d.StoredFileId));
    }

    private sealed record StoredKey(string OwnerIdNumber, Guid StoredFileId);

    private void File(DbContext db, List<AddedFile> added, List<StoredKey> stored, List<ProcedureVersion> versions)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var known = db.ChangeTracker.Entries<CitizenDocument>().Select(e => new StoredKey(e.Entity.OwnerIdNumber, e.Entity.StoredFileId)).ToHashSet();
        known.UnionWith(stored);
        foreach (var (file, dossier) in added)
        {
            var owner = dossier.Applicant.IdNumber;
            if (!known.Add(new StoredKey(owner, file.StoredFileId!.Value))) continue;
            if (file.Purpose == DossierFilePurpose.Component && dossier.Components.SingleOrDefault(c => c.Id == file.ComponentId) is { } component)
            {
                db.Add(new CitizenDocument(owner, CitizenDocumentKind.Component, component.Name, component.RequirementCode, file.StoredFileId!.Value, file.FileName,
                    dossier.Id, dossier.Code, null, null, null, now));
            }
            else if (file.Purpose == DossierFilePurpose.Supplement)
            {
                // The applicant's own paper, so it is theirs to keep and download like any other; with no component code
                // it is never offered for re-use in a later submission (that matches on the code), and its name is the
                // only name it has: the file's.
                db.Add(new CitizenDocument(owner, CitizenDocumentKind.Component, file.FileName, null, file.StoredFileId!.Value, file.FileName,
                    dossier.Id, dossier.Code, null, null, null, now));
            }
            else if (file.Purpose == DossierFilePurpose.Result && dossier.Results.SingleOrDefault(r => r.Id == file.ResultId) is { } result)
            {
                var content = versions.SingleOrDefault(v => v.Id == dossier.ProcedureVersionId)?.Content;
                var validUntil = content?.ResultValidityMonths is { } months ? result.IssuedAtUtc.AddMonths(months) : (DateTime?)null;
                db.Add(new CitizenDocument(owner, CitizenDocumentKind.Result, result.Name, content?.ResultDocumentCode, file.StoredFileId!.Value, file.FileName,
                    dossier.Id, dossier.Code, result.Number, result.IssuedAtUtc, validUntil, now));
            }
        }
    }
}
