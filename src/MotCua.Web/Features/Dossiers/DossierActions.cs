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
    public static bool InScope(Dossier d, HashSet<Guid> scope) =>
        scope.Contains(d.ReceivingUnitId) || scope.Contains(d.CompetentUnitId) || scope.Contains(d.CurrentUnitId);

    public async Task<Dossier> ActAsync(Guid id, int? seenRevision, OfficialRole role, Func<Context, Task> act, CancellationToken ct)
    {
        var actor = user.As(role);
        var dossier = await LoadAsync(id, ct) ?? throw new DossierNotFoundException();
        var scope = await ScopeAsync(ct);
        // Acting needs the dossier to be in one of the official's units; coordination answers come from the
        // consulted unit, which is checked by the dossier itself.
        if (!InScope(dossier, scope) && !dossier.Coordinations.Any(c => c.AnsweredAtUtc is null && scope.Contains(c.UnitId)))
            throw new DossierNotFoundException();
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
