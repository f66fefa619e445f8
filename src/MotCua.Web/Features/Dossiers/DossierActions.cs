using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Who acts, and whether they may act on this dossier: the one part of an action that depends on the kind of
/// actor. An official acts within their units, a citizen on their own dossiers, an integration on the dossier it was
/// given.</summary>
public abstract class DossierAccess(Actor actor)
{
    public Actor Actor { get; } = actor;

    /// <summary>Throws <see cref="NotFoundException"/> when the dossier is not this actor's to see (answered as if it
    /// did not exist), or <see cref="ForbiddenException"/> when they see it but may not act on it.</summary>
    public abstract Task AuthorizeAsync(Dossier dossier, CancellationToken ct);

    /// <summary>What changed since the revision the actor saw, as the 409 tells it: by default who, when and what.</summary>
    public virtual string DescribeChanges(IReadOnlyList<DossierActions.Change> changes)
    {
        var lines = changes.Select(c => $"{c.ActorName} lúc {VietnamTime.Format(c.AtUtc)}: {c.Description}");
        return $"Hồ sơ vừa được cập nhật sau khi bạn mở: {string.Join("; ", lines)}. Vui lòng xem lại hồ sơ rồi thực hiện lại nếu vẫn cần.";
    }
}

/// <summary>The one path of every change to an existing dossier, whoever makes it: load it with what its rules need,
/// authorize the actor (<see cref="DossierAccess"/>), check the revision they saw, act, save in one transaction. Thin
/// wrappers give each kind of actor its rule: officials here, citizens in <c>Tracking/CitizenDossiers</c>,
/// integrations here with <see cref="Integration"/>.</summary>
public sealed class DossierActions(AppDbContext db, CurrentUser user, UnitTree units, CalendarService calendars, TimeProvider clock)
{
    public sealed record Context(Dossier Dossier, Actor Actor, DateTime Now, Func<Task<WorkingCalendar>> Calendar);

    /// <summary>One history entry made after the revision the actor saw.</summary>
    public sealed record Change(string ActorName, DateTime AtUtc, string Description);

    /// <summary>The 404 of every dossier path: absent, or not the user's (the same words for both).</summary>
    public static NotFoundException NotFound() => new("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn.");

    /// <summary>The units the signed-in official may see and act on.</summary>
    public async Task<HashSet<Guid>> ScopeAsync(CancellationToken ct) =>
        user.UnitId is { } unitId ? await units.ScopeOfAsync(unitId, ct) : [];

    /// <summary>An official sees a dossier their unit received, is competent for, or holds now.</summary>
    public static bool InScope(Dossier d, HashSet<Guid> scope) => InScope(d.ReceivingUnitId, d.CompetentUnitId, d.CurrentUnitId, scope);

    public static bool InScope(Guid receivingUnitId, Guid competentUnitId, Guid currentUnitId, HashSet<Guid> scope) =>
        scope.Contains(receivingUnitId) || scope.Contains(competentUnitId) || scope.Contains(currentUnitId);

    /// <summary>A unit asked for its opinion reads the dossier (while it waits for them, and afterwards), but that
    /// gives it no other right on it.</summary>
    public static bool Consulted(Dossier d, HashSet<Guid> scope) => d.Coordinations.Any(c => scope.Contains(c.UnitId));

    /// <summary>An action of the dossier's own units (any other official is refused).</summary>
    public Task<Dossier> ActAsync(Guid id, int? seenRevision, OfficialRole role, Func<Context, Task> act, CancellationToken ct) =>
        ActAsync(id, seenRevision, new OfficialAccess(this, user.As(role), consultedMayAct: null), act, ct);

    /// <summary>The one action open to a unit outside the dossier's: answering its own coordination request, while
    /// it is open. The asked unit itself, not the rest of its commune, as the dossier's rule says.</summary>
    public Task<Dossier> AnswerCoordinationAsync(Guid id, Guid coordinationId, int? seenRevision, OfficialRole role, Func<Context, Task> act, CancellationToken ct) =>
        ActAsync(id, seenRevision, new OfficialAccess(this, user.As(role),
            d => user.UnitId is { } unitId && d.Coordinations.Any(c => c.Id == coordinationId && c.AnsweredAtUtc is null && c.UnitId == unitId)), act, ct);

    /// <summary>An integration (a payment gateway's notice, a national-portal sync, a scheduled job) acts on the dossier
    /// it was given: no user and no unit scope — the integration was trusted when it was configured and authenticated —
    /// but the same revision check, the aggregate's rules and a history entry in its name.</summary>
    public Task<Dossier> ActAsync(Integration integration, Guid id, int? seenRevision, Func<Context, Task> act, CancellationToken ct) =>
        ActAsync(id, seenRevision, new SystemAccess(integration), act, ct);

    /// <summary>The core: load, authorize, check the revision the actor saw, act, save once.</summary>
    public async Task<Dossier> ActAsync(Guid id, int? seenRevision, DossierAccess access, Func<Context, Task> act, CancellationToken ct)
    {
        var dossier = await LoadAsync(id, ct) ?? throw NotFound();
        await access.AuthorizeAsync(dossier, ct);
        if (seenRevision is { } seen && seen != dossier.Revision)
            throw new ChangedException("Hồ sơ", access.DescribeChanges(await ChangesSinceAsync(dossier.Id, seen, ct)));

        var now = clock.GetUtcNow().UtcDateTime;
        WorkingCalendar? calendar = null;
        var year = VietnamTime.ToLocal(now).Year;
        await act(new Context(dossier, access.Actor, now, async () => calendar ??= await calendars.GetAsync(year - 1, year + 1, ct)));
        await db.SaveChangesAsync(ct);
        return dossier;
    }

    public Task<Dossier?> LoadAsync(Guid id, CancellationToken ct) =>
        db.Dossiers.AsSplitQuery()
            .Include(d => d.Components).Include(d => d.Files).Include(d => d.Supplements).Include(d => d.Results)
            .Include(d => d.Steps).Include(d => d.Coordinations)
            .SingleOrDefaultAsync(d => d.Id == id, ct);

    private Task<List<Change>> ChangesSinceAsync(Guid id, int seen, CancellationToken ct) =>
        db.DossierEvents.AsNoTracking().Where(e => e.DossierId == id && e.Sequence > seen)
            .OrderBy(e => e.Sequence).Select(e => new Change(e.ActorName, e.AtUtc, e.Description)).ToListAsync(ct);

    /// <summary>An official: the dossier's own units act (ADR 0010); a consulted unit only as
    /// <paramref name="consultedMayAct"/> allows (ADR 0015).</summary>
    private sealed class OfficialAccess(DossierActions actions, Actor actor, Func<Dossier, bool>? consultedMayAct) : DossierAccess(actor)
    {
        public override async Task AuthorizeAsync(Dossier dossier, CancellationToken ct)
        {
            var scope = await actions.ScopeAsync(ct);
            if (InScope(dossier, scope) || consultedMayAct?.Invoke(dossier) == true) return;
            // A consulted unit already sees the dossier, so it is told why it may not act; anyone else learns nothing.
            if (Consulted(dossier, scope))
                throw new ForbiddenException("Đơn vị của bạn được lấy ý kiến phối hợp về hồ sơ này: chỉ được xem hồ sơ và trả lời đề nghị phối hợp đang chờ, không thực hiện thao tác khác.");
            throw NotFound();
        }
    }

    private sealed class SystemAccess(Integration integration) : DossierAccess(integration.Actor)
    {
        public override Task AuthorizeAsync(Dossier dossier, CancellationToken ct) => Task.CompletedTask;
    }
}
