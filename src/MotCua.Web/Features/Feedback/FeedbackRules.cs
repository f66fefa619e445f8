using System.Linq.Expressions;

namespace MotCua.Web.Features.Feedback;

/// <summary>Lateness written once as expressions, for the office's list (late now) and the scorecard (on time at the
/// period's end), translated by EF into SQL. Mirrors <see cref="FeedbackItem.IsLate"/>.</summary>
public static class FeedbackRules
{
    /// <summary>Late at <paramref name="nowUtc"/> as the office sees it: a step done after its deadline, or the answer or
    /// the publication overdue.</summary>
    public static Expression<Func<FeedbackItem, bool>> LateAt(DateTime nowUtc) => f =>
        f.MissedDeadlineAtUtc != null
        || ((f.Status == FeedbackStatus.Received || f.Status == FeedbackStatus.InfoRequested) && f.AnswerDueUtc < nowUtc)
        || (f.Status == FeedbackStatus.Answered && f.PublishDueUtc != null && f.PublishDueUtc < nowUtc);

    /// <summary>Handled on time as judged at <paramref name="measureUtc"/> (indicator 5.2): no step done after its deadline
    /// by then; not unanswered (nor refused) past the answer's deadline; not answered and unpublished past the
    /// publication's. An item still pending within its 15 working days counts as on time, as the brief says.</summary>
    public static Expression<Func<FeedbackItem, bool>> OnTimeAt(DateTime measureUtc) => f =>
        (f.MissedDeadlineAtUtc == null || f.MissedDeadlineAtUtc > measureUtc)
        && !((f.AnsweredAtUtc == null || f.AnsweredAtUtc > measureUtc) && (f.RefusedAtUtc == null || f.RefusedAtUtc > measureUtc)
             && f.AnswerDueUtc < measureUtc)
        && !(f.AnsweredAtUtc != null && f.AnsweredAtUtc <= measureUtc && (f.PublishedAtUtc == null || f.PublishedAtUtc > measureUtc)
             && f.PublishDueUtc != null && f.PublishDueUtc < measureUtc);
}
