using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>The one path of every official's change to an item, as <see cref="DossierActions"/> is the dossier's: the
/// role the workflow row asks for (403 without it), the item within the official's units (404 otherwise, the same words
/// as an absent one), the revision they saw (409), the aggregate's rules (422), one save with the history row and the
/// sender's notice — and a second official acting on the same revision at the same time is refused (409).</summary>
public sealed class FeedbackActions(
    AppDbContext db, CurrentUser user, UnitTree units, CalendarService calendars, IOptionsMonitor<FeedbackOptions> options, FeedbackNotices notices,
    TimeProvider clock)
{
    public sealed record Context(FeedbackItem Item, Actor Actor, FeedbackDeadlines Deadlines, DateTime Now);

    public static NotFoundException NotFound() => new("Không tìm thấy phản ánh, kiến nghị, hoặc phản ánh, kiến nghị không thuộc đơn vị của bạn.");

    public static ChangedException Changed() =>
        new("Phản ánh, kiến nghị", "Phản ánh, kiến nghị vừa được người khác cập nhật sau khi bạn mở. Vui lòng tải lại trang, xem lại rồi thực hiện lại nếu vẫn cần.");

    /// <summary>The units the signed-in official may see and act on: their administrative unit and all below it.</summary>
    public async Task<HashSet<Guid>> ScopeAsync(CancellationToken ct) =>
        user.IsOfficial && user.UnitId is { } unitId ? await units.ScopeOfAsync(unitId, ct) : [];

    /// <summary>The deadlines' calendar around <paramref name="nowUtc"/>. Loaded before anything is written: pre-filling
    /// a year writes through a connection of its own.</summary>
    public async Task<FeedbackDeadlines> DeadlinesAsync(DateTime nowUtc, CancellationToken ct)
    {
        var year = VietnamTime.ToLocal(nowUtc).Year;
        return new FeedbackDeadlines(await calendars.GetAsync(year - 1, year + 1, ct), options.CurrentValue);
    }

    /// <summary>The role the signed-in official acts in for <paramref name="roles"/>; 403 when they hold none.</summary>
    public Actor ActorFor(IReadOnlyList<OfficialRole> roles, string what)
    {
        if (!user.IsOfficial) throw new ForbiddenException("Chỉ cán bộ, công chức mới thực hiện được thao tác này.");
        var role = roles.FirstOrDefault(user.IsInRole, (OfficialRole)(-1));
        if (!Enum.IsDefined(role))
            throw new ForbiddenException($"Bạn không có vai trò để {what} (cần một trong các vai trò: {string.Join(", ", roles.Select(r => r.DisplayName()))}).");
        return user.As(role);
    }

    /// <summary>An item the official may see, or 404.</summary>
    public async Task<FeedbackItem> FindAsync(Guid id, CancellationToken ct) => await FindOrNullAsync(id, ct) ?? throw NotFound();

    public async Task<FeedbackItem?> FindOrNullAsync(Guid id, CancellationToken ct)
    {
        var item = await db.Set<FeedbackItem>().SingleOrDefaultAsync(f => f.Id == id, ct);
        return item is not null && (await ScopeAsync(ct)).Contains(item.UnitId) ? item : null;
    }

    public async Task<FeedbackItem> ActAsync(Guid id, int? seenRevision, FeedbackOperation operation, Func<Context, Task> act, CancellationToken ct)
    {
        var actor = ActorFor(FeedbackWorkflow.RowOf(operation).Roles, operation.DisplayName().ToLowerInvariant());
        var now = clock.GetUtcNow().UtcDateTime;
        var deadlines = await DeadlinesAsync(now, ct);
        var item = await FindAsync(id, ct);
        if (seenRevision is { } seen && seen != item.Revision) throw Changed();
        var loaded = item.Revision;
        await act(new Context(item, actor, deadlines, now));
        notices.Queue(db, item, operation, now);
        await SaveAsync(item, loaded, ct);
        return item;
    }

    /// <summary>Saves a change to <paramref name="item"/> loaded at <paramref name="loadedRevision"/>, turning a lost
    /// race (another change saved first: the revision moved, or the history's next sequence is taken) into a 409.</summary>
    public async Task SaveAsync(FeedbackItem item, int loadedRevision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.Set<FeedbackItem>().AsNoTracking().Where(f => f.Id == item.Id).Select(f => (int?)f.Revision).SingleOrDefaultAsync(ct);
            if (stored != loadedRevision) throw Changed();
            throw;
        }
    }
}
