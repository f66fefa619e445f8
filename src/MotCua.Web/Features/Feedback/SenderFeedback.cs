using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>The sender's side of an item: follow it, bring the information asked for, like or dislike the answer. The
/// sender is the citizen whose account sent it, or whoever holds the key given at submission (a sender without an
/// account, or one recorded from the hotline or a letter who was sent the link); anyone else is answered as if the
/// item did not exist (404).</summary>
public sealed class SenderFeedback(AppDbContext db, CurrentUser user, FeedbackActions actions, FeedbackNotices notices, TimeProvider clock)
{
    public static NotFoundException NotFound() => new("Không tìm thấy phản ánh, kiến nghị (kiểm tra lại mã và đường dẫn đã nhận khi gửi).");

    public sealed record HistoryStep(string At, string What, string? Why);

    public sealed record View(
        string Code, string Status, string Category, string Title, string Content, string Unit, string ReceivedAt, string AnswerDue,
        string? DossierCode, string? InfoRequest, string? RefusalReason, string? Answer, string? AnsweredAt, bool Published,
        bool? Liked, bool MayRate, bool MayProvideInfo, int Revision, IReadOnlyList<HistoryStep> History);

    public sealed record RateRequest(bool? Liked, string? Key);

    public sealed record InfoRequest(string? Text, string? Key, int? Revision);

    public async Task<FeedbackItem> FindAsync(string? code, string? key, bool track, CancellationToken ct) =>
        await FindOrNullAsync(code, key, track, ct) ?? throw NotFound();

    private async Task<FeedbackItem?> FindOrNullAsync(string? code, string? key, bool track, CancellationToken ct)
    {
        var wanted = Text.NormalizeOrNull(code)?.ToUpperInvariant();
        if (wanted is null || wanted.Length > 20) return null;
        var query = db.Set<FeedbackItem>().Where(f => f.Code == wanted);
        var item = await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct);
        if (item is null) return null;
        var mine = user.IsCitizen && item.CitizenAccountId == user.Id;
        return mine || item.IsAccessKey(key) ? item : null;
    }

    public async Task<View> GetAsync(string? code, string? key, CancellationToken ct) =>
        await FindViewAsync(code, key, ct) ?? throw NotFound();

    /// <summary>The sender's view, or null when the item is not theirs to see (the page's 404).</summary>
    public async Task<View?> FindViewAsync(string? code, string? key, CancellationToken ct)
    {
        if (await FindOrNullAsync(code, key, track: false, ct) is not { } item) return null;
        var history = await db.Set<FeedbackEvent>().AsNoTracking().Where(e => e.FeedbackId == item.Id).OrderBy(e => e.Sequence)
            .Select(e => new { e.AtUtc, e.Description, e.Reason, e.Operation }).ToListAsync(ct);
        return new View(item.Code, item.Status.DisplayName(), item.Category.DisplayName(), item.Title, item.Content, item.UnitName,
            VietnamTime.Format(item.ReceivedAtUtc), VietnamTime.Format(item.AnswerDueUtc), item.DossierCode, item.InfoRequest, item.RefusalReason,
            item.Answer, item.AnsweredAtUtc is { } a ? VietnamTime.Format(a) : null, item.Status == FeedbackStatus.Published,
            item.SenderLiked, item.Status is FeedbackStatus.Answered or FeedbackStatus.Published, item.Status == FeedbackStatus.InfoRequested,
            item.Revision,
            [.. history.Select(e => new HistoryStep(VietnamTime.Format(e.AtUtc), e.Description,
                e.Operation is FeedbackOperation.Refuse or FeedbackOperation.RequestInfo or FeedbackOperation.Transfer ? e.Reason : null))]);
    }

    /// <summary>Like or dislike the answer; changing one's mind is allowed, the latest counts (indicator 5.3).</summary>
    public async Task<FeedbackItem> RateAsync(string? code, RateRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Liked is not { } liked) throw new DomainException("Hãy chọn Hài lòng hoặc Không hài lòng.");
        var item = await FindAsync(code, request.Key, track: true, ct);
        var loaded = item.Revision;
        item.Rate(liked, SenderActor(item), clock.GetUtcNow().UtcDateTime);
        await actions.SaveAsync(item, loaded, ct);
        return item;
    }

    /// <summary>The sender brings the information asked for; the item goes back to the unit.</summary>
    public async Task<FeedbackItem> ProvideInfoAsync(string? code, InfoRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow().UtcDateTime;
        var deadlines = await actions.DeadlinesAsync(now, ct);
        var item = await FindAsync(code, request.Key, track: true, ct);
        if (request.Revision is { } seen && seen != item.Revision) throw FeedbackActions.Changed();
        var loaded = item.Revision;
        item.ProvideInfo(request.Text, SenderActor(item), deadlines, now);
        notices.Queue(db, item, FeedbackOperation.ProvideInfo, now);
        await actions.SaveAsync(item, loaded, ct);
        return item;
    }

    private static Actor SenderActor(FeedbackItem item) =>
        new(item.CitizenAccountId, item.SenderName, "Người gửi phản ánh, kiến nghị", null, null);
}
