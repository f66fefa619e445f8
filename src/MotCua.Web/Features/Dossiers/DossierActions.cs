using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Someone else changed the dossier after the user loaded it. The message says who did what and when,
/// so the user can decide what to do (409).</summary>
public sealed class DossierChangedException(string message) : Exception(message);

/// <summary>The common path of every official's action on a dossier: load it with what its rules need, check
/// the official's role and unit, check the revision the user saw, act, save in one transaction.</summary>
public sealed class DossierActions(AppDbContext db, CurrentUser user, UnitTree units, CalendarService calendars, TimeProvider clock)
{
    public sealed record Context(Dossier Dossier, Actor Actor, DateTime Now, Func<Task<WorkingCalendar>> Calendar);

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
        ActAsync(id, seenRevision, role, consultedMayAct: null, act, ct);

    /// <summary>The one action open to a unit outside the dossier's: answering its own coordination request, while
    /// it is open. The asked unit itself, not the rest of its commune, as the dossier's rule says.</summary>
    public Task<Dossier> AnswerCoordinationAsync(Guid id, Guid coordinationId, int? seenRevision, OfficialRole role, Func<Context, Task> act, CancellationToken ct) =>
        ActAsync(id, seenRevision, role,
            d => user.UnitId is { } unitId && d.Coordinations.Any(c => c.Id == coordinationId && c.AnsweredAtUtc is null && c.UnitId == unitId), act, ct);

    private async Task<Dossier> ActAsync(Guid id, int? seenRevision, OfficialRole role, Func<Dossier, bool>? consultedMayAct, Func<Context, Task> act, CancellationToken ct)
    {
        var actor = user.As(role);
        var dossier = await LoadAsync(id, ct) ?? throw new DossierNotFoundException();
        var scope = await ScopeAsync(ct);
        if (!InScope(dossier, scope) && consultedMayAct?.Invoke(dossier) != true)
        {
            // A consulted unit already sees the dossier, so it is told why it may not act; anyone else learns nothing.
            if (Consulted(dossier, scope))
                throw new ForbiddenException("Đơn vị của bạn được lấy ý kiến phối hợp về hồ sơ này: chỉ được xem hồ sơ và trả lời đề nghị phối hợp đang chờ, không thực hiện thao tác khác.");
            throw new DossierNotFoundException();
        }
        if (seenRevision is { } seen && seen != dossier.Revision)
            throw new DossierChangedException(await ChangedSinceAsync(dossier.Id, seen, ct));

        var now = clock.GetUtcNow().UtcDateTime;
        WorkingCalendar? calendar = null;
        var year = VietnamTime.ToLocal(now).Year;
        await act(new Context(dossier, actor, now, async () => calendar ??= await calendars.GetAsync(year - 1, year + 1, ct)));
        await db.SaveChangesAsync(ct);
        return dossier;
    }

    public Task<Dossier?> LoadAsync(Guid id, CancellationToken ct) =>
        db.Dossiers.AsSplitQuery()
            .Include(d => d.Components).Include(d => d.Files).Include(d => d.Supplements).Include(d => d.Results)
            .Include(d => d.Steps).Include(d => d.Coordinations)
            .SingleOrDefaultAsync(d => d.Id == id, ct);

    private async Task<string> ChangedSinceAsync(Guid id, int seen, CancellationToken ct)
    {
        var changes = await db.DossierEvents.AsNoTracking().Where(e => e.DossierId == id && e.Sequence > seen)
            .OrderBy(e => e.Sequence).Select(e => new { e.ActorName, e.AtUtc, e.Description }).ToListAsync(ct);
        var lines = changes.Select(c => $"{c.ActorName} lúc {VietnamTime.Format(c.AtUtc)}: {c.Description}");
        return $"Hồ sơ vừa được cập nhật sau khi bạn mở: {string.Join("; ", lines)}. Vui lòng xem lại hồ sơ rồi thực hiện lại nếu vẫn cần.";
    }
}

public sealed class DossierNotFoundException() : Exception("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn.");
