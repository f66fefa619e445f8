using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Forms;

/// <summary>A form for the page, or why there is none. No form and no reason means "not found": the dossier does
/// not exist or is outside the official's units, and the two must look the same from outside.</summary>
public sealed record FormResult<T>(T? Form, string? Unavailable) where T : class;

public static class FormResult
{
    public static FormResult<T> Of<T>(T form) where T : class => new(form, null);

    public static FormResult<T> NotFound<T>() where T : class => new(null, null);

    /// <summary>The dossier is the official's, but this form does not apply to it (yet).</summary>
    public static FormResult<T> Unavailable<T>(string reason) where T : class => new(null, reason);
}

/// <summary>What every form reads about its dossier.</summary>
public sealed record DossierHead(
    Guid Id, string? Code, string LookupCode, Guid ProcedureId, Guid ProcedureVersionId, DossierStatus Status, Channel Channel,
    ApplicantKind ApplicantKind, string ApplicantName, string ApplicantIdNumber, string? Phone, string? Email, string? Address,
    string Summary, int Sets, Guid ReceivingUnitId, Guid CompetentUnitId, Guid CurrentUnitId,
    DateTime? SubmittedAtUtc, DateTime? ReceivedAtUtc, DateTime? OriginalDueAtUtc, DateTime? DueAtUtc,
    DateTime? ProcessingEndedAtUtc, DateTime? ReturnedAtUtc, string? ReceivedResultBy);

/// <summary>One history entry as the forms read it.</summary>
public sealed record HistoryEntry(
    int Sequence, DateTime AtUtc, Guid? ActorId, string ActorName, string ActorRole, Guid? UnitId, string? UnitName, DossierEventKind Kind,
    DossierStatus? FromStatus, DossierStatus ToStatus, string Description, string? Reason);

/// <summary>A signer: name and printed title.</summary>
public sealed record Signer(string Name, string Title);

/// <summary>Reads for the forms: no tracking, projections only, and only dossiers of the official's units (the
/// same rule as the office lists: received, competent for, or holding the dossier).</summary>
public sealed class FormAccess(AppDbContext db, DossierActions actions, CurrentUser user)
{
    /// <summary>Set by the job that files a dossier's forms (<see cref="ProduceForm"/>): it acts for no official,
    /// and reads the dossier the event it files for belongs to. Never set on a request's path.</summary>
    internal bool AllUnits { get; set; }

    public async Task<IQueryable<Dossier>> ScopedAsync(CancellationToken ct)
    {
        if (AllUnits) return db.Dossiers.AsNoTracking();
        var scope = (await actions.ScopeAsync(ct)).ToList();
        return db.Dossiers.AsNoTracking()
            .Where(d => scope.Contains(d.ReceivingUnitId) || scope.Contains(d.CompetentUnitId) || scope.Contains(d.CurrentUnitId));
    }

    public async Task<DossierHead?> HeadAsync(Guid id, CancellationToken ct) =>
        await (await ScopedAsync(ct)).Where(d => d.Id == id)
            .Select(d => new DossierHead(
                d.Id, d.Code, d.LookupCode, d.ProcedureId, d.ProcedureVersionId, d.Status, d.Channel,
                d.Applicant.Kind, d.Applicant.FullName, d.Applicant.IdNumber, d.Applicant.Phone, d.Applicant.Email, d.Applicant.Address,
                d.Summary, d.Sets, d.ReceivingUnitId, d.CompetentUnitId, d.CurrentUnitId,
                d.SubmittedAtUtc, d.ReceivedAtUtc, d.OriginalDueAtUtc, d.DueAtUtc, d.ProcessingEndedAtUtc, d.ReturnedAtUtc, d.ReceivedResultBy))
            .SingleOrDefaultAsync(ct);

    /// <summary>The procedure version the dossier is pinned to: its name, time and components are what the
    /// applicant was told at reception.</summary>
    public Task<ProcedureContent> ContentAsync(Guid versionId, CancellationToken ct) =>
        db.ProcedureVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.Content).SingleAsync(ct);

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid dossierId, CancellationToken ct) =>
        await Project(Events(dossierId).OrderBy(e => e.Sequence)).ToListAsync(ct);

    /// <summary>The latest entry of a kind, e.g. the refusal that Form 03 quotes.</summary>
    public Task<HistoryEntry?> LastAsync(Guid dossierId, DossierEventKind kind, CancellationToken ct) =>
        Project(Events(dossierId).Where(e => e.Kind == kind).OrderByDescending(e => e.Sequence)).FirstOrDefaultAsync(ct);

    public Task<HistoryEntry?> FirstAsync(Guid dossierId, DossierEventKind kind, CancellationToken ct) =>
        Project(Events(dossierId).Where(e => e.Kind == kind).OrderBy(e => e.Sequence)).FirstOrDefaultAsync(ct);

    private IQueryable<DossierEvent> Events(Guid dossierId) => db.DossierEvents.AsNoTracking().Where(e => e.DossierId == dossierId);

    // Filters and ordering go before this projection: EF cannot translate a filter on a constructed record.
    private static IQueryable<HistoryEntry> Project(IQueryable<DossierEvent> events) =>
        events.Select(e => new HistoryEntry(e.Sequence, e.AtUtc, e.ActorId, e.ActorName, e.ActorRole, e.UnitId, e.UnitName, e.Kind,
            e.FromStatus, e.ToStatus, e.Description, e.Reason));

    /// <summary>The printed title of an official who acted; the role name from the history when the account has none.</summary>
    public async Task<Signer> SignerAsync(Guid? officialId, string name, string role, CancellationToken ct)
    {
        var title = officialId is { } id
            ? await db.Officials.AsNoTracking().Where(o => o.Id == id).Select(o => o.Title).SingleOrDefaultAsync(ct)
            : null;
        return new Signer(name, Text.NormalizeOrNull(title) ?? role);
    }

    /// <summary>The head who signs for an administrative unit: a leader of the unit itself, the one who acted if
    /// they are one, else the first by title ("Chủ tịch" sorts before "Phó Chủ tịch").</summary>
    public async Task<Signer?> HeadOfAsync(Guid administrativeUnitId, string? preferredName, CancellationToken ct)
    {
        var leaderRole = nameof(OfficialRole.Leader);
        var leaders = await (
                from o in db.Officials.AsNoTracking()
                where o.UnitId == administrativeUnitId
                      && db.UserRoles.Any(ur => ur.UserId == o.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == leaderRole))
                orderby o.Title, o.FullName
                select new { o.FullName, o.Title })
            .ToListAsync(ct);
        var head = leaders.FirstOrDefault(l => l.FullName == preferredName) ?? leaders.FirstOrDefault();
        return head is null ? null : new Signer(head.FullName, Text.NormalizeOrNull(head.Title) ?? "Thủ trưởng cơ quan");
    }

    /// <summary>The signed-in official, for forms printed without a dossier.</summary>
    public async Task<(Guid UnitId, Signer Official)> CurrentOfficialAsync(CancellationToken ct)
    {
        var me = user.Id;
        var official = await db.Officials.AsNoTracking().Where(o => o.Id == me)
            .Select(o => new { o.UnitId, o.FullName, o.Title }).SingleAsync(ct);
        return (official.UnitId, new Signer(official.FullName, Text.NormalizeOrNull(official.Title) ?? ""));
    }
}
