using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DocumentStore;

/// <summary>Which documents of the store keyed by a personal ID number an account may see (ADR 0013). Anyone can
/// type someone else's ID number when registering, so the number alone opens the whole store only to an account
/// verified with the national e-ID; an unverified account sees what came from the dossiers it submitted itself.</summary>
public static class CitizenStore
{
    public static IQueryable<CitizenDocument> VisibleTo(AppDbContext db, CitizenAccount account)
    {
        var idNumber = account.PersonalIdNumber;
        var accountId = account.Id;
        var documents = db.CitizenDocuments.Where(doc => doc.OwnerIdNumber == idNumber);
        if (!account.OwnsIdNumber)
            documents = documents.Where(doc => db.Dossiers.Any(d => d.Id == doc.SourceDossierId && d.CitizenAccountId == accountId));
        // A result is filed when it is issued, but it is the applicant's only once returned: before that it may still
        // wait for fees, and returning it electronically is what puts it into the store.
        return documents.Where(doc => doc.Kind != CitizenDocumentKind.Result || doc.SourceDossierId == null
                                      || db.Dossiers.Any(d => d.Id == doc.SourceDossierId && d.Status == DossierStatus.Returned));
    }
}
