using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Bench;

/// <summary>Copies of a handler's query with one change each, measured beside the app's own query (<c>--rewrites true</c>).
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
