using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>Group 5's feedback figures from the recorded items (kpi-766 5.2, 5.3), counted in the database: the items
/// first received in the period by the units (the unit handling an item now, so a transferred item counts for the
/// competent unit); of them, those handled on time at the measure instant (<see cref="FeedbackRules.OnTimeAt"/>); and of
/// those, the ones neither disliked by the sender nor raised again on the same matter.</summary>
public sealed class FeedbackFigureSource(AppDbContext db) : IFeedbackFigures
{
    public async Task<FeedbackFigures> CountAsync(IReadOnlyCollection<Guid> units, DateTime fromUtc, DateTime toUtc, DateTime measureUtc, CancellationToken ct)
    {
        var ids = units.ToList();
        var all = db.Set<FeedbackItem>().AsNoTracking();
        var received = all.Where(f => ids.Contains(f.UnitId) && f.ReceivedAtUtc >= fromUtc && f.ReceivedAtUtc < toUtc);
        var onTime = received.Where(FeedbackRules.OnTimeAt(measureUtc));
        var satisfied = onTime.Where(f =>
            (f.SenderLiked == null || f.SenderLiked == true || f.RatedAtUtc > measureUtc)
            && !all.Any(again => again.RaisedAgainOfId == f.Id && again.ReceivedAtUtc <= measureUtc));
        return new FeedbackFigures(await received.CountAsync(ct), await onTime.CountAsync(ct), await satisfied.CountAsync(ct));
    }

    // A refused item was not a matter for feedback (a complaint, a denunciation, abuse: FeedbackStatus.Refused), so it
    // does not count against the dossier it names.
    public IQueryable<Guid> DossiersWithFeedback => db.Set<FeedbackItem>()
        .Where(f => f.DossierId != null && f.Status != FeedbackStatus.Refused)
        .Select(f => f.DossierId!.Value);
}
