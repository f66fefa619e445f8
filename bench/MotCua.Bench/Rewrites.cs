using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Bench;

/// <summary>Copies of a handler's query with one change each, measured beside the app's own query (<c>--rewrites true</c>;
/// the portal's <c>[rewrite]</c> cases always run).
/// Everything else (scope, projection, procedure names) is as in <see cref="ListDossiers.Handler"/>, so the times compare.</summary>
internal static class Rewrites
{
    public static List<Case> All() =>
    [
        new("MyActions (desk) [rewrite]", Cases.Desk, (services, _) => DeskActionsAsync(services)),
    ];

    /// <summary>The desk's MyActions (statuses Submitted, Received, Decided by due date) as one query per status,
    /// merged (<c>UNION ALL ... ORDER BY DueAtUtc LIMIT</c>). SQLite then walks (Status, DueAtUtc) in each branch and
    /// merges up to the page (it otherwise picks another (Status, ...) index and sorts every such dossier); PostgreSQL
    /// does not (it appends and sorts), and is flat with the app's own query and IX_Dossiers_DueAtUtc_DeskActions.
    /// Kept as a measured alternative, not recommended (docs/benchmarks.md). Cutting each branch to the page
    /// (OrderBy + Take inside) was measured too: 2 ms on PostgreSQL without the partial index, 23 ms on SQLite.</summary>
    private static async Task<int> DeskActionsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var scope = (await services.GetRequiredService<DossierActions>().ScopeAsync(CancellationToken.None)).ToList();
        var dossiers = db.Dossiers.AsNoTracking()
            .Where(d => scope.Contains(d.CurrentUnitId) || scope.Contains(d.ReceivingUnitId) || scope.Contains(d.CompetentUnitId));
        // Anonymous types: EF translates a set operation only over a projection it can put in SQL.
        var submitted = dossiers.Where(d => d.Status == DossierStatus.Submitted);
        var received = dossiers.Where(d => d.Status == DossierStatus.Received);
        var decided = dossiers.Where(d => d.Status == DossierStatus.Decided);
        var rows = await submitted.Select(d => new { d.Id, d.Code, d.ProcedureId, d.Applicant.FullName, d.Status, d.Stage, d.DueAtUtc, d.SubmittedAtUtc, d.ProcessingEndedAtUtc, d.AssigneeName, d.CurrentUnitId, d.Revision })
            .Concat(received.Select(d => new { d.Id, d.Code, d.ProcedureId, d.Applicant.FullName, d.Status, d.Stage, d.DueAtUtc, d.SubmittedAtUtc, d.ProcessingEndedAtUtc, d.AssigneeName, d.CurrentUnitId, d.Revision }))
            .Concat(decided.Select(d => new { d.Id, d.Code, d.ProcedureId, d.Applicant.FullName, d.Status, d.Stage, d.DueAtUtc, d.SubmittedAtUtc, d.ProcessingEndedAtUtc, d.AssigneeName, d.CurrentUnitId, d.Revision }))
            .OrderBy(r => r.DueAtUtc).ThenBy(r => r.Id).Skip(0).Take(21).ToListAsync();
        var procedureIds = rows.Select(r => r.ProcedureId).Distinct().ToList();
        var names = await db.Procedures.AsNoTracking().Where(p => procedureIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        return rows.Take(20).Count(r => names.ContainsKey(r.ProcedureId));
    }

    /// <summary>ListMyDossiers with the ownership test split (<c>UNION ALL</c>): the account's dossiers, then those
    /// carrying the verified ID number that the account did not submit. Each branch is an index seek
    /// (IX_Dossiers_CitizenAccountId_SubmittedAtUtc, IX_Dossiers_Applicant_IdNumber) and only the citizen's own rows are
    /// sorted. With <c>CitizenAccountId = @a OR Applicant_IdNumber = @p</c> SQLite instead walks IX_Dossiers_SubmittedAtUtc_Id
    /// over every dossier, newest first, until it has the page. Same page, same count, same columns as the handler;
    /// the procedure names and ratings of the page's 20 rows come in a second query.</summary>
    public static async Task<int> MyDossiersAsync(IServiceProvider services, int pageNumber)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var account = await services.GetRequiredService<CitizenDossiers>().AccountAsync(CancellationToken.None);
        var (accountId, idNumber) = (account.Id, account.PersonalIdNumber);
        var byAccount = db.Dossiers.AsNoTracking().Where(d => d.CitizenAccountId == accountId);
        var mine = account.OwnsIdNumber
            ? byAccount.Concat(db.Dossiers.AsNoTracking().Where(d => d.Applicant.IdNumber == idNumber && (d.CitizenAccountId == null || d.CitizenAccountId != accountId)))
            : byAccount;
        var rows = mine.Select(d => new { d.Id, d.Code, d.ProcedureId, d.Summary, d.Status, d.SubmittedAtUtc, d.DueAtUtc, d.ProcessingEndedAtUtc });
        var total = await rows.CountAsync();
        var pageCount = Math.Max(1, (total + ListMyDossiers.PageSize - 1) / ListMyDossiers.PageSize);
        var number = Math.Clamp(pageNumber, 1, pageCount);
        var page = await rows.OrderByDescending(d => d.SubmittedAtUtc).ThenByDescending(d => d.Id)
            .Skip((number - 1) * ListMyDossiers.PageSize).Take(ListMyDossiers.PageSize).ToListAsync();
        var ids = page.Select(r => r.Id).ToList();
        var procedureIds = page.Select(r => r.ProcedureId).Distinct().ToList();
        var names = await db.Procedures.AsNoTracking().Where(p => procedureIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        var rated = await db.SatisfactionRatings.AsNoTracking().Where(r => ids.Contains(r.DossierId)).Select(r => r.DossierId).ToListAsync();
        return page.Count(r => names.ContainsKey(r.ProcedureId));
    }

    /// <summary>ListMyDocuments with the "a result is yours once returned" test as a LEFT JOIN to the source dossier
    /// instead of <c>OR EXISTS (SELECT 1 FROM Dossiers WHERE Id = SourceDossierId AND Status = 'Returned')</c>.
    /// PostgreSQL runs that EXISTS, inside an OR, as a hashed SubPlan: it reads every returned dossier of the
    /// database (64,540 at 100,000 dossiers) into a hash table on every page and count, whoever asks. As a join it is
    /// one primary-key lookup per document read; the count is split (below). Same page and count as the handler (the demo citizen is verified, so
    /// the store is the ID number's).</summary>
    public static async Task<int> MyDocumentsAsync(IServiceProvider services, Web.Features.DocumentStore.CitizenDocumentKind? kind, int pageNumber)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var citizens = services.GetRequiredService<CitizenDossiers>();
        var account = await citizens.AccountAsync(CancellationToken.None);
        if (!account.OwnsIdNumber) throw new NotSupportedException("The rewrite covers a verified account.");
        var idNumber = account.PersonalIdNumber;
        var documents = from doc in db.CitizenDocuments.AsNoTracking()
                        where doc.OwnerIdNumber == idNumber
                        join d in db.Dossiers on doc.SourceDossierId equals (Guid?)d.Id into sources
                        from d in sources.DefaultIfEmpty()
                        where doc.Kind != Web.Features.DocumentStore.CitizenDocumentKind.Result || doc.SourceDossierId == null
                              || (d != null && d.Status == DossierStatus.Returned)
                        select doc;
        if (kind is { } k) documents = documents.Where(doc => doc.Kind == k);
        // The count in two parts, so that only the owner's results meet Dossiers (by primary key): as one LEFT JOIN,
        // PostgreSQL hashes the owner's documents and reads the whole Dossiers index for a store of a few thousand.
        var owned = db.CitizenDocuments.AsNoTracking().Where(doc => doc.OwnerIdNumber == idNumber && (kind == null || doc.Kind == kind));
        var plain = await owned.CountAsync(doc => doc.Kind != Web.Features.DocumentStore.CitizenDocumentKind.Result || doc.SourceDossierId == null);
        var returned = await (from doc in owned
                              where doc.Kind == Web.Features.DocumentStore.CitizenDocumentKind.Result && doc.SourceDossierId != null
                              join d in db.Dossiers on doc.SourceDossierId equals (Guid?)d.Id
                              where d.Status == DossierStatus.Returned
                              select doc.Id).CountAsync();
        var total = plain + returned;
        var pageCount = Math.Max(1, (total + Web.Features.DocumentStore.ListMyDocuments.PageSize - 1) / Web.Features.DocumentStore.ListMyDocuments.PageSize);
        var number = Math.Clamp(pageNumber, 1, pageCount);
        var rows = await documents.OrderByDescending(doc => doc.AddedAtUtc).ThenByDescending(doc => doc.Id)
            .Skip((number - 1) * Web.Features.DocumentStore.ListMyDocuments.PageSize).Take(Web.Features.DocumentStore.ListMyDocuments.PageSize)
            .ToListAsync();
        var sourceIds = rows.Select(r => r.SourceDossierId).OfType<Guid>().Distinct().ToList();
        // As the handler: the source dossier is linked only when the account may open it.
        _ = await (await citizens.MineAsync(CancellationToken.None)).Where(d => sourceIds.Contains(d.Id)).Select(d => d.Id).ToListAsync();
        return rows.Count;
    }

    /// <summary>Search by code prefix ordered by code, newest first (<c>ORDER BY Code DESC</c>): the code index then gives
    /// both the rows and their order. Codes are agency + day + daily number, so within the agency a prefix names this
    /// is the reception order. Ordered by SubmittedAtUtc, PostgreSQL walks IX_Dossiers_SubmittedAtUtc instead and
    /// filters every newer dossier on the way.</summary>
    public static Case CodeByCode(string prefix) => new("Search: code prefix (one day) [rewrite]", Cases.Desk, async (services, _) =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        var scope = (await services.GetRequiredService<DossierActions>().ScopeAsync(CancellationToken.None)).ToList();
        var code = prefix.ToUpperInvariant();
        var end = code + "\uffff";
        var rows = await db.Dossiers.AsNoTracking()
            .Where(d => scope.Contains(d.CurrentUnitId) || scope.Contains(d.ReceivingUnitId) || scope.Contains(d.CompetentUnitId))
            .Where(d => d.Code!.CompareTo(code) >= 0 && d.Code.CompareTo(end) < 0)
            .OrderByDescending(d => d.Code)
            .Skip(0).Take(21)
            .Select(d => new
            {
                d.Id, d.Code, d.ProcedureId, d.Applicant.FullName, d.Status, d.Stage, d.Channel, d.SubmittedAtUtc, d.ReceivedAtUtc,
                d.DueAtUtc, d.ProcessingEndedAtUtc, d.AssigneeName, d.CurrentUnitId, d.Revision,
            })
            .ToListAsync();
        var procedureIds = rows.Select(r => r.ProcedureId).Distinct().ToList();
        var names = await db.Procedures.AsNoTracking().Where(p => procedureIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        return rows.Take(20).Count(r => names.ContainsKey(r.ProcedureId));
    });
}
