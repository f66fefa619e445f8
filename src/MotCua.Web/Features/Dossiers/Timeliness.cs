using System.Linq.Expressions;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>How a dossier stands against its legal due date, as indicator 2.1 of the 766 scorecard classifies it.</summary>
public enum TimelinessClass
{
    /// <summary>Not judged: never received (no due date), or ended without ever being processed.</summary>
    None,
    /// <summary>Trước hạn: processing ended on time, at least <see cref="TimelinessOptions.EarlyByDays"/> calendar days
    /// (Vietnam time) before the due date's day.</summary>
    Early,
    /// <summary>Đúng hạn: processing ended on time, but not early.</summary>
    OnTime,
    /// <summary>Trễ hạn / quá hạn: ended, or still in processing, after the due date; or asked for a supplement twice.</summary>
    Late,
    /// <summary>Still in processing and not late when measured: counted with the early and on-time ones in 2.1.</summary>
    InTime,
}

/// <summary>The <c>Timeliness</c> configuration section: what the brief leaves open about "early".</summary>
public sealed class TimelinessOptions
{
    public const string SectionName = "Timeliness";

    /// <summary>Early (trước hạn) means ended this many calendar days (Vietnam dates) or more before the due date's day;
    /// ending on the due date's own day, by its hour, is on time. 1 by default, as Form 06 judges each hand-over. The
    /// index counts early and on time together, so this only changes how they are told apart [to confirm].</summary>
    public int EarlyByDays { get; set; } = 1;
}

/// <summary>Whether a dossier is late, early or on time: the one definition behind every list, page, form, count and
/// history entry that says so, usable in memory (<see cref="IsLate"/>, <see cref="Classify"/>) and in EF queries on
/// SQLite and PostgreSQL (<see cref="Late"/>, <see cref="LateInProcessing"/>, <see cref="Class"/>). It follows
/// indicator 2.1 of the 766 scorecard:
/// <list type="bullet">
/// <item>the date is <see cref="Dossier.DueAtUtc"/>, the legal due date (NgayHenTra): set at reception and moved only
/// by the time the applicant took to answer a supplement request (counted in working time, as the law counts the
/// procedure's time), which is how supplement time is subtracted. An apology never moves it: its new date is what the
/// applicant is told (<see cref="PromisedDue"/>), and a dossier settled after the legal date is late even when it meets
/// that promise;</item>
/// <item>it is measured at the end of processing (NgayKetThucXuLy, <see cref="Dossier.ProcessingEndedAtUtc"/>: set by
/// the decision, status 9, which the return of the result, status 10, never moves; else by the stop, refusal or
/// withdrawal, 8, 3, 7); at a supplement request the applicant has not answered, open or closed when the dossier ended
/// without the answer (the clock stopped there, so a dossier already overdue when asked stays late, and one asked in
/// time is not late for being withdrawn later); otherwise, still in processing, now (the end of the period);</item>
/// <item>more than one supplement request makes a received dossier late whatever its dates.</item>
/// </list>
/// Every received dossier has a due date (a procedure's legal time is never empty), so the index's rule for dossiers
/// without one does not arise.</summary>
/// <param name="PausedAtUtc">When the supplement request the applicant never answered was made: open while the dossier
/// waits, or closed when it ended without the answer.</param>
public readonly record struct Timeliness(DossierStatus Status, DateTime? DueAtUtc, DateTime? EndedAtUtc, int SupplementCount, DateTime? PausedAtUtc)
{
    public static Timeliness Of(Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return new(dossier.Status, dossier.DueAtUtc, dossier.ProcessingEndedAtUtc, dossier.SupplementCount,
            dossier.Supplements.Where(s => s.State != SupplementState.Answered).Max(s => (DateTime?)s.RequestedAtUtc));
    }

    /// <summary>The instant lateness is judged at; null when it is never judged (ended without a processing end).</summary>
    public DateTime? MeasuredAt(DateTime nowUtc) => PausedAtUtc ?? EndedAtUtc ?? (Status.IsTerminal() ? null : nowUtc);

    public bool IsLate(DateTime nowUtc) => DueAtUtc is { } due && (SupplementCount > 1 || MeasuredAt(nowUtc) > due);

    /// <summary>Late and still in processing (the office's late list, reminders), not ended late.</summary>
    public bool IsLateInProcessing(DateTime nowUtc) => EndedAtUtc is null && !Status.IsTerminal() && IsLate(nowUtc);

    /// <summary>Early, on time or late once processing ended; in time or late while it runs (measured at
    /// <paramref name="nowUtc"/>, the end of the period).</summary>
    public TimelinessClass Classify(DateTime nowUtc, int earlyByDays = 1)
    {
        if (DueAtUtc is not { } due || MeasuredAt(nowUtc) is not { } at) return TimelinessClass.None;
        if (IsLate(nowUtc)) return TimelinessClass.Late;
        if (EndedAtUtc is null) return TimelinessClass.InTime;
        return VietnamTime.ToLocal(at).Date <= VietnamTime.ToLocal(due).Date.AddDays(-earlyByDays) ? TimelinessClass.Early : TimelinessClass.OnTime;
    }

    /// <summary>What the office lists show: late, due within <paramref name="soonUtc"/>, paused for a supplement, or
    /// on track (for an ended dossier: settled on time).</summary>
    public DueState StateAt(DateTime nowUtc, DateTime soonUtc)
    {
        if (DueAtUtc is not { } due) return DueState.None;
        if (IsLate(nowUtc)) return DueState.Late;
        if (EndedAtUtc is not null) return DueState.OnTrack;
        if (Status.IsTerminal()) return DueState.None;
        if (Status == DossierStatus.SupplementRequested) return DueState.Paused;
        return due <= soonUtc ? DueState.DueSoon : DueState.OnTrack;
    }

    /// <summary><see cref="IsLate"/> as a query filter, written with plain comparisons and EXISTS so that both
    /// providers translate it. An unanswered request is open only in status 5 and closed only by the end of processing.</summary>
    public static Expression<Func<Dossier, bool>> Late(DateTime nowUtc) => d =>
        d.DueAtUtc != null && (
            d.SupplementCount > 1
            || d.Supplements.Any(s => s.State != SupplementState.Answered && s.RequestedAtUtc > d.DueAtUtc)
            || (d.ProcessingEndedAtUtc != null && d.ProcessingEndedAtUtc > d.DueAtUtc
                && !d.Supplements.Any(s => s.State != SupplementState.Answered))
            || (d.ProcessingEndedAtUtc == null
                && (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress || d.Status == DossierStatus.AwaitingFinancialObligation)
                && d.DueAtUtc < nowUtc));

    /// <summary><see cref="IsLateInProcessing"/> as a query filter.</summary>
    public static Expression<Func<Dossier, bool>> LateInProcessing(DateTime nowUtc) =>
        And(d => d.ProcessingEndedAtUtc == null
                 && (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress
                     || d.Status == DossierStatus.SupplementRequested || d.Status == DossierStatus.AwaitingFinancialObligation),
            Late(nowUtc));

    /// <summary><see cref="Classify"/> as a query expression (a CASE over the same conditions as <see cref="Late"/>), for
    /// counts grouped by class on SQLite and PostgreSQL.</summary>
    public static Expression<Func<Dossier, TimelinessClass>> Class(DateTime nowUtc, int earlyByDays = 1)
    {
        var d = Expression.Parameter(typeof(Dossier), "d");
        Expression<Func<Dossier, bool>> judged = x => x.DueAtUtc != null
            && (x.ProcessingEndedAtUtc != null || x.Supplements.Any(s => s.State != SupplementState.Answered) || !(
                x.Status == DossierStatus.Refused || x.Status == DossierStatus.Withdrawn || x.Status == DossierStatus.Stopped || x.Status == DossierStatus.Returned));
        Expression<Func<Dossier, bool>> ended = x => x.ProcessingEndedAtUtc != null;
        // Measured at the unanswered request if there is one, else at the end of processing; compared by Vietnam dates.
        Expression<Func<Dossier, bool>> early = x =>
            (x.Supplements.Where(s => s.State != SupplementState.Answered).Max(s => (DateTime?)s.RequestedAtUtc) ?? x.ProcessingEndedAtUtc)!.Value.AddHours(VietnamTime.Offset.TotalHours).Date
            <= x.DueAtUtc!.Value.AddHours(VietnamTime.Offset.TotalHours).Date.AddDays(-earlyByDays);
        var body = Expression.Condition(Bind(judged, d),
            Expression.Condition(Bind(Late(nowUtc), d), Const(TimelinessClass.Late),
                Expression.Condition(Bind(ended, d),
                    Expression.Condition(Bind(early, d), Const(TimelinessClass.Early), Const(TimelinessClass.OnTime)),
                    Const(TimelinessClass.InTime))),
            Const(TimelinessClass.None));
        return Expression.Lambda<Func<Dossier, TimelinessClass>>(body, d);
    }

    private static ConstantExpression Const(TimelinessClass value) => Expression.Constant(value);

    private static Expression<Func<Dossier, bool>> And(Expression<Func<Dossier, bool>> left, Expression<Func<Dossier, bool>> right)
    {
        var d = left.Parameters[0];
        return Expression.Lambda<Func<Dossier, bool>>(Expression.AndAlso(left.Body, Bind(right, d)), d);
    }

    private static Expression Bind(Expression<Func<Dossier, bool>> predicate, ParameterExpression d) =>
        new Rebind(predicate.Parameters[0], d).Visit(predicate.Body);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>The date the applicant is told: the apology's new date when it is later than the legal one. A supplement
    /// answered after the apology moves the legal date by the applicant's pause; should that pass the letter's date,
    /// the later date binds, so the office never promises less time than the law gives.</summary>
    public static DateTime? PromisedDue(DateTime? dueAtUtc, DateTime? apologyNewDueUtc) =>
        apologyNewDueUtc is { } promised && (dueAtUtc is not { } due || promised > due) ? promised : dueAtUtc;
}
