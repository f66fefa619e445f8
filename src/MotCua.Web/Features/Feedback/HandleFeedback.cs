using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>The office's steps on an item: refuse, ask the sender for information, record the information they brought,
/// transfer to the competent unit, answer, publish. Each goes through <see cref="FeedbackActions"/> (role, unit,
/// revision, one save with the history row and the sender's notice).</summary>
public static class HandleFeedback
{
    /// <summary><paramref name="Text"/> is the reason, the request, the information or the answer, as the step needs;
    /// <paramref name="Unit"/> the agency code a transfer goes to; <paramref name="Title"/> the published title.</summary>
    public sealed record Request(int? Revision, string? Text, string? Unit = null, string? Title = null);

    public sealed class Handler(FeedbackActions actions, AppDbContext db, UnitTree units)
    {
        public Task<FeedbackItem> RefuseAsync(Guid id, Request r, CancellationToken ct) =>
            actions.ActAsync(id, r.Revision, FeedbackOperation.Refuse, c => Run(() => c.Item.Refuse(r.Text, c.Actor, c.Now)), ct);

        public Task<FeedbackItem> RequestInfoAsync(Guid id, Request r, CancellationToken ct) =>
            actions.ActAsync(id, r.Revision, FeedbackOperation.RequestInfo, c => Run(() => c.Item.RequestInfo(r.Text, c.Actor, c.Now)), ct);

        public Task<FeedbackItem> ProvideInfoAsync(Guid id, Request r, CancellationToken ct) =>
            actions.ActAsync(id, r.Revision, FeedbackOperation.ProvideInfo, c => Run(() => c.Item.ProvideInfo(r.Text, c.Actor, c.Deadlines, c.Now)), ct);

        public Task<FeedbackItem> AnswerAsync(Guid id, Request r, CancellationToken ct) =>
            actions.ActAsync(id, r.Revision, FeedbackOperation.Answer, c => Run(() => c.Item.AnswerWith(r.Text, c.Actor, c.Deadlines, c.Now)), ct);

        public Task<FeedbackItem> PublishAsync(Guid id, Request r, CancellationToken ct) =>
            actions.ActAsync(id, r.Revision, FeedbackOperation.Publish, c => Run(() => c.Item.Publish(r.Title, c.Actor, c.Now)), ct);

        /// <summary>To another administrative unit (by its agency code), which then sees and handles the item.</summary>
        public Task<FeedbackItem> TransferAsync(Guid id, Request r, CancellationToken ct) =>
            actions.ActAsync(id, r.Revision, FeedbackOperation.Transfer, async c =>
            {
                var code = Text.NormalizeOrNull(r.Unit) ?? throw new DomainException("Hãy chọn cơ quan có thẩm quyền nhận phản ánh, kiến nghị.");
                var unitId = await db.Units.Where(u => u.AgencyCode == code).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct)
                             ?? throw new DomainException($"Không tìm thấy cơ quan có mã {code}.");
                var target = await units.AdministrativeUnitOfAsync(unitId, ct);
                c.Item.Transfer(target.Id, target.Name, r.Text, c.Actor, c.Deadlines, c.Now);
            }, ct);

        private static Task Run(Action act)
        {
            act();
            return Task.CompletedTask;
        }
    }
}
