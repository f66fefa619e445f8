using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Tracking;

/// <summary>One of the citizen's dossiers as they follow it: where it stands, who holds it, what happened, what is
/// asked of them, the result, what they were sent, and their rating.</summary>
public static class GetMyDossier
{
    public sealed record FileItem(Guid Id, string FileName, DateTime AddedAtUtc);
    /// <param name="FromEForm">Filed online through the e-form (the declaration), so it has no file of its own.</param>
    public sealed record ComponentItem(Guid Id, string Name, IReadOnlyList<FileItem> Files, bool FromEForm = false);
    public sealed record SupplementItem(int Number, DateTime RequestedAtUtc, string Reason, IReadOnlyList<string> MissingItems);
    /// <summary>A paper sent on a supplement request that is none of the components, with the request's number.</summary>
    public sealed record SupplementFileItem(Guid Id, string FileName, DateTime AddedAtUtc, int? RequestNumber);
    public sealed record ResultItem(string Name, string? Number, bool IsElectronic, DateTime IssuedAtUtc, IReadOnlyList<FileItem> Files);
    public sealed record ApologyItem(DateTime IssuedAtUtc, string Reason, DateTime PreviousDueUtc, DateTime NewDueUtc);
    public sealed record NotificationItem(string Channel, DateTime AtUtc, string? Subject, string Text, string State);
    public sealed record RatingItem(bool Liked, int Score, string? Comment, DateTime RatedAtUtc, DateTime? ChangedAtUtc);

    /// <param name="DueAtUtc">The date the applicant is told: after an apology, its new date.</param>
    /// <param name="IsLate">Late against the legal due date (<see cref="Timeliness"/>), even after an apology.</param>
    public sealed record View(
        Guid Id, string Code, string Procedure, string ProcedureCode, string Summary, DossierStatus Status, Channel Channel,
        string? AssistedByName, DateTime? SubmittedAtUtc, DateTime? ReceivedAtUtc, DateTime? OriginalDueAtUtc, DateTime? DueAtUtc,
        DateTime? ProcessingEndedAtUtc, DateTime? ReturnedAtUtc, ReturnMethod? ReturnMethod, bool IsLate, ApologyItem? Apology,
        string CurrentUnit, string? AssigneeName, int Revision,
        IReadOnlyList<TimelineEntry> Timeline, SupplementItem? OpenSupplement, IReadOnlyList<ComponentItem> Components,
        IReadOnlyList<SupplementFileItem> SupplementFiles, IReadOnlyList<ResultItem> Results, IReadOnlyList<NotificationItem> Notifications, RatingItem? Rating,
        IReadOnlySet<DossierOperation> Available)
    {
        public bool CanAnswerSupplement => Available.Contains(DossierOperation.AnswerSupplement) && OpenSupplement is not null;
        public bool CanWithdraw => Available.Contains(DossierOperation.Withdraw);
        public bool CanRate => Status == DossierStatus.Returned;
        /// <summary>The result is handed over at the return, after any fee is paid; until then it is not downloadable.</summary>
        public bool ResultAvailable => Status == DossierStatus.Returned;
    }

    public sealed class Handler(CitizenDossiers citizens, AppDbContext db, UnitTree units, TimeProvider clock)
    {
        private static readonly WorkflowActor ApplicantActor = new(new HashSet<WorkflowRole> { WorkflowRole.Applicant });

        public async Task<View?> HandleAsync(string? code, CancellationToken ct)
        {
            if (await citizens.FindIdAsync(code, ct) is not { } id) return null;
            var d = await db.Dossiers.AsNoTracking().AsSplitQuery()
                .Include(x => x.History).Include(x => x.Components).Include(x => x.Files).Include(x => x.Supplements).Include(x => x.Results)
                .SingleAsync(x => x.Id == id, ct);
            var procedure = await db.Procedures.AsNoTracking().Where(p => p.Id == d.ProcedureId).Select(p => new { p.Code, p.Name }).SingleAsync(ct);
            // Components in the order the procedure lists them, as the applicant saw them when submitting.
            var content = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == d.ProcedureVersionId).Select(v => v.Content).SingleAsync(ct);
            var order = content.Components.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i);
            var fromEForm = d.Channel == Channel.Online
                ? content.Components.Where(c => c.FilledByEForm).Select(c => c.Code).ToHashSet()
                : [];
            var notifications = await db.Notifications.AsNoTracking().Where(n => n.SubjectKind == NotificationSubject.DossierKind && n.SubjectId == id)
                .OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Channel).ToListAsync(ct);
            var rating = await db.SatisfactionRatings.AsNoTracking().Where(r => r.DossierId == id)
                .Select(r => new RatingItem(r.Liked, r.Score, r.Comment, r.RatedAtUtc, r.ChangedAtUtc)).SingleOrDefaultAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;

            static FileItem File(DossierFile f) => new(f.Id, f.FileName, f.AddedAtUtc);
            var open = d.Supplements.SingleOrDefault(s => s.State == SupplementState.Open);
            return new View(
                d.Id, d.Code ?? "", procedure.Name, procedure.Code, d.Summary, d.Status, d.Channel, d.AssistedByName,
                d.SubmittedAtUtc, d.ReceivedAtUtc, d.OriginalDueAtUtc, d.PromisedDueAtUtc, d.ProcessingEndedAtUtc, d.ReturnedAtUtc, d.ReturnMethod,
                d.IsLate(now),
                d.Apology is { } a ? new ApologyItem(a.IssuedAtUtc, a.Reason, a.PreviousDueUtc, a.NewDueUtc) : null,
                (await units.FindAsync(d.CurrentUnitId, ct))?.Name ?? "", d.AssigneeName, d.Revision,
                [.. d.History.OrderBy(e => e.Sequence).Select(CitizenTimeline.ForOwner)],
                open is null ? null : new SupplementItem(open.Number, open.RequestedAtUtc, open.Reason, open.MissingItems),
                [.. d.Components.OrderBy(c => order.GetValueOrDefault(c.RequirementCode, int.MaxValue)).ThenBy(c => c.Name).Select(c => new ComponentItem(c.Id, c.Name,
                    [.. d.Files.Where(f => f.Purpose == DossierFilePurpose.Component && f.ComponentId == c.Id).OrderBy(f => f.AddedAtUtc).Select(File)],
                    fromEForm.Contains(c.RequirementCode)))],
                [.. d.Files.Where(f => f.Purpose == DossierFilePurpose.Supplement).OrderBy(f => f.AddedAtUtc)
                    .Select(f => new SupplementFileItem(f.Id, f.FileName, f.AddedAtUtc, d.SupplementRequestOf(f)?.Number))],
                [.. d.Results.OrderBy(r => r.IssuedAtUtc).Select(r => new ResultItem(r.Name, r.Number, r.IsElectronic, r.IssuedAtUtc,
                    [.. d.Files.Where(f => f.Purpose == DossierFilePurpose.Result && f.ResultId == r.Id).OrderBy(f => f.AddedAtUtc).Select(File)]))],
                [.. notifications.Select(n => new NotificationItem(n.Channel.DisplayName(), n.SentAtUtc ?? n.CreatedAtUtc, n.Subject, n.Body, n.State.DisplayName()))],
                rating,
                // The applicant's buttons come from the workflow table, as the office's panel does (docs/adr/0023).
                d.AvailableOperations(ApplicantActor));
        }
    }
}
