using MotCua.Web.Features.Calendar;

namespace MotCua.Web.Features.Feedback;

/// <summary>The deadlines of an item on the working calendar (weekends, holidays, swapped workdays): n working days
/// after the instant the clock starts, as the dossier's due dates are counted (<see cref="WorkingCalendar.DueAt"/>).</summary>
public sealed class FeedbackDeadlines(WorkingCalendar calendar, FeedbackOptions options)
{
    public FeedbackOptions Options { get; } = options;

    public DateTime RefuseDue(DateTime startUtc) => Due(startUtc, Options.RefuseWithinWorkingDays);

    public DateTime FirstInfoRequestDue(DateTime startUtc) => Due(startUtc, Options.FirstInfoRequestWithinWorkingDays);

    public DateTime AnswerDue(DateTime startUtc) => Due(startUtc, Options.AnswerWithinWorkingDays);

    public DateTime PublishDue(DateTime answeredUtc) => Due(answeredUtc, Options.PublishWithinWorkingDays);

    /// <summary>The answer's deadline after a pause from <paramref name="pausedUtc"/> to <paramref name="resumedUtc"/>:
    /// the working time that was left, counted again from the resumption.</summary>
    public DateTime Resume(DateTime pausedUtc, DateTime dueUtc, DateTime resumedUtc) =>
        calendar.AddWorkingTime(calendar.ClockStart(resumedUtc, null), calendar.WorkingTimeBetween(pausedUtc, dueUtc, []));

    public bool Covers(DateTime utc) => calendar.Covers(DateOnly.FromDateTime(Infrastructure.VietnamTime.ToLocal(utc)));

    /// <summary>The start of the working day <paramref name="workingDays"/> working days before the deadline's day, from
    /// which a reminder goes out.</summary>
    public DateTime RemindFrom(DateTime dueUtc, int workingDays)
    {
        var date = DateOnly.FromDateTime(Infrastructure.VietnamTime.ToLocal(dueUtc));
        for (var i = 0; i < workingDays; i++) date = calendar.PreviousWorkingDay(date);
        return Infrastructure.VietnamTime.ToUtc(date.ToDateTime(TimeOnly.MinValue));
    }

    private DateTime Due(DateTime startUtc, int workingDays) => calendar.DueAt(startUtc, LegalTime.Days(workingDays), null);
}
