using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>The office's reads: the list of the official's units' items with their next deadline and filters, and one
/// item with its history, attachments, the sender's rating, the items raising it again, and — when it is about a dossier
/// — the dossier's own satisfaction rating beside it.</summary>
public sealed class OfficeFeedback(AppDbContext db, CurrentUser user, FeedbackActions actions, TimeProvider clock)
{
    public const int PageSize = 50;

    public sealed record Filter(FeedbackStatus? Status = null, bool? Late = null, FeedbackCategory? Category = null, FeedbackChannel? Channel = null,
        string? Q = null, int? Page = null);

    public sealed record Row(Guid Id, string Code, string Title, string Status, string Category, string Channel, string Unit, string ReceivedAt,
        string? NextDeadline, bool Late, bool? Liked);

    public sealed record ListResult(IReadOnlyList<Row> Items, int Total, int Page, int PageSize);

    public sealed record HistoryStep(int Sequence, string At, string Who, string Role, string? Unit, string What, string? Why);

    public sealed record DossierRating(bool Liked, int Score, string? Comment);

    public sealed record Item(
        Guid Id, string Code, string Status, FeedbackStatus StatusCode, string Channel, string Category, string Title, string Content,
        string SenderName, string? SenderPhone, string? SenderEmail, string? SenderAddress, string Unit,
        Guid? DossierId, string? DossierCode, DossierRating? DossierSatisfaction, string? RaisedAgainOf, IReadOnlyList<string> RaisedAgainBy,
        string ReceivedAt, string RefuseDue, string FirstInfoRequestDue, string AnswerDue, string? PublishDue, bool Late,
        string? RefusalReason, string? InfoRequest, string? Answer, string? PublishedTitle, string? PublishedQuestion, string? PublishedAnswer,
        bool? Liked, int Revision, IReadOnlyList<string> Actions, IReadOnlyList<string> Attachments, IReadOnlyList<HistoryStep> History);

    public async Task<ListResult> ListAsync(Filter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        actions.ActorFor(FeedbackWorkflow.RecordRoles, "xem phản ánh, kiến nghị");
        var scope = (await actions.ScopeAsync(ct)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Set<FeedbackItem>().AsNoTracking().Where(f => scope.Contains(f.UnitId));
        if (filter.Status is { } status) query = query.Where(f => f.Status == status);
        if (filter.Category is { } category) query = query.Where(f => f.Category == category);
        if (filter.Channel is { } channel) query = query.Where(f => f.Channel == channel);
        if (filter.Late == true) query = query.Where(FeedbackRules.LateAt(now));
        if (Text.NormalizeOrNull(filter.Q) is { } q)
        {
            if (q.Length > 200) throw new DomainException("Từ khóa tìm kiếm tối đa 200 ký tự.");
            var upper = q.ToUpperInvariant();
            query = query.Where(f => f.Code == upper || f.Title.Contains(q) || f.SenderName.Contains(q) || f.DossierCode == upper);
        }
        var page = Math.Max(1, filter.Page ?? 1);
        if (page > 10_000) throw new DomainException("Số trang không hợp lệ.");
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(f => f.ReceivedAtUtc).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new ListResult([.. items.Select(f => new Row(f.Id, f.Code, f.Title, f.Status.DisplayName(), f.Category.DisplayName(), f.Channel.DisplayName(),
            f.UnitName, VietnamTime.Format(f.ReceivedAtUtc), f.NextDeadline is { } d ? $"{d.What}: {VietnamTime.Format(d.DueUtc)}" : null,
            f.IsLate(now), f.SenderLiked))], total, page, PageSize);
    }

    public async Task<Item> GetAsync(Guid id, CancellationToken ct) => await FindAsync(id, ct) ?? throw FeedbackActions.NotFound();

    /// <summary>The item, or null when it is not within the official's units (the page's 404); 403 without a role that reads.</summary>
    public async Task<Item?> FindAsync(Guid id, CancellationToken ct)
    {
        actions.ActorFor(FeedbackWorkflow.RecordRoles, "xem phản ánh, kiến nghị");
        if (await actions.FindOrNullAsync(id, ct) is not { } f) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var rating = f.DossierId is { } dossierId
            ? await db.SatisfactionRatings.AsNoTracking().Where(r => r.DossierId == dossierId)
                .Select(r => new DossierRating(r.Liked, r.Score, r.Comment)).SingleOrDefaultAsync(ct)
            : null;
        var raisedAgainOf = f.RaisedAgainOfId is { } previous
            ? await db.Set<FeedbackItem>().AsNoTracking().Where(p => p.Id == previous).Select(p => p.Code).SingleOrDefaultAsync(ct)
            : null;
        var raisedAgainBy = await db.Set<FeedbackItem>().AsNoTracking().Where(p => p.RaisedAgainOfId == f.Id).OrderBy(p => p.ReceivedAtUtc)
            .Select(p => p.Code).ToListAsync(ct);
        var history = await db.Set<FeedbackEvent>().AsNoTracking().Where(e => e.FeedbackId == f.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var attachments = await db.Set<FeedbackAttachment>().AsNoTracking().Where(a => a.FeedbackId == f.Id).Select(a => a.FileName).ToListAsync(ct);
        var roles = user.Roles;
        return new Item(f.Id, f.Code, f.Status.DisplayName(), f.Status, f.Channel.DisplayName(), f.Category.DisplayName(), f.Title, f.Content,
            f.SenderName, f.SenderPhone, f.SenderEmail, f.SenderAddress, f.UnitName, f.DossierId, f.DossierCode, rating, raisedAgainOf, raisedAgainBy,
            VietnamTime.Format(f.ReceivedAtUtc), VietnamTime.Format(f.RefuseDueUtc), VietnamTime.Format(f.FirstInfoRequestDueUtc),
            VietnamTime.Format(f.AnswerDueUtc), f.PublishDueUtc is { } p ? VietnamTime.Format(p) : null, f.IsLate(now),
            f.RefusalReason, f.InfoRequest, f.Answer, f.PublishedTitle, f.PublishedQuestion, f.PublishedAnswer, f.SenderLiked, f.Revision,
            [.. f.AvailableOperations(roles).Select(o => o.ToString())], attachments,
            [.. history.Select(e => new HistoryStep(e.Sequence, VietnamTime.Format(e.AtUtc), e.ActorName, e.ActorRole, e.UnitName, e.Description, e.Reason))]);
    }
}
