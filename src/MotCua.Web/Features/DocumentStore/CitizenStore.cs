using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DocumentStore;

/// <summary>Which documents of the store keyed by a personal ID number an account may see (ADR 0013). Anyone can
/// type someone else's ID number when registering, so the number alone opens the whole store only to an account
/// verified with the national e-ID; an unverified account sees what came from the dossiers it submitted itself.
/// Every reader of the store goes through here: the store page, its downloads, and the draft's "take from the store".</summary>
public static class CitizenStore
{
    public static IQueryable<CitizenDocument> VisibleTo(AppDbContext db, CitizenAccount account)
    {
        var idNumber = account.PersonalIdNumber;
        var accountId = account.Id;
        var verified = account.OwnsIdNumber;
        // A LEFT JOIN to the source dossier, not EXISTS: PostgreSQL planned the EXISTS as a hashed sub-plan over every
        // returned dossier of the database (docs/benchmarks.md, "The citizen portal's reads").
        return from doc in db.CitizenDocuments
               where doc.OwnerIdNumber == idNumber
               join d in db.Dossiers on doc.SourceDossierId equals (Guid?)d.Id into sources
               from d in sources.DefaultIfEmpty()
               where verified || (d != null && d.CitizenAccountId == accountId)
               // A result is filed when it is issued, but it is the applicant's only once returned: before that it may
               // still wait for fees, and returning it electronically is what puts it into the store.
               where doc.Kind != CitizenDocumentKind.Result || doc.SourceDossierId == null || (d != null && d.Status == DossierStatus.Returned)
               select doc;
    }

    /// <summary>How many documents <see cref="VisibleTo"/> gives, counted in two parts so that only the owner's results
    /// meet the dossiers table (by primary key): counted over the join, PostgreSQL read the whole dossiers index.</summary>
    public static async Task<int> CountVisibleAsync(AppDbContext db, CitizenAccount account, CitizenDocumentKind? kind, CancellationToken ct)
    {
        if (!account.OwnsIdNumber)
        {
            var visible = VisibleTo(db, account);
            return await (kind is { } only ? visible.Where(doc => doc.Kind == only) : visible).CountAsync(ct);
        }
        var idNumber = account.PersonalIdNumber;
        var owned = db.CitizenDocuments.AsNoTracking().Where(doc => doc.OwnerIdNumber == idNumber && (kind == null || doc.Kind == kind));
        var plain = await owned.CountAsync(doc => doc.Kind != CitizenDocumentKind.Result || doc.SourceDossierId == null, ct);
        var returned = await (from doc in owned
                              where doc.Kind == CitizenDocumentKind.Result && doc.SourceDossierId != null
                              join d in db.Dossiers on doc.SourceDossierId equals (Guid?)d.Id
                              where d.Status == DossierStatus.Returned
                              select doc.Id).CountAsync(ct);
        return plain + returned;
    }
}
