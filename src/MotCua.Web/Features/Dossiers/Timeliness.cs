using System.Linq.Expressions;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Whether a dossier is late: the one definition behind every list, page, form, count and history entry that
/// says "late", usable in memory (<see cref="IsLate"/>) and in EF queries on SQLite and PostgreSQL
/// (<see cref="Late"/>). It follows indicator 2.1 of the 766 scorecard:
/// <list type="bullet">
/// <item>the date is <see cref="Dossier.DueAtUtc"/>, the legal due date: set at reception and moved only by the time
/// the applicant took to answer a supplement request. An apology never moves it: its new date is what the applicant is
/// told (<see cref="PromisedDue"/>), and a dossier settled after the legal date is late even when it meets that
/// promise;</item>
/// <item>it is measured at the end of processing (decided, or stopped, withdrawn, refused); while a supplement request
/// is open, at the request (the clock stopped there, so a dossier already overdue when asked stays late); otherwise
/// now;</item>
/// <item>more than one supplement request makes a received dossier late whatever its dates.</item>
/// </list></summary>
/// <param name="PausedAtUtc">When the open supplement request was made, while the dossier waits for it.</param>
public readonly record struct Timeliness(DossierStatus Status, DateTime? DueAtUtc, DateTime? EndedAtUtc, int SupplementCount, DateTime? PausedAtUtc)
{
    public static Timeliness Of(Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return new(dossier.Status, dossier.DueAtUtc, dossier.ProcessingEndedAtUtc, dossier.SupplementCount, dossier.PausedAtUtc);
    }

    /// <summary>The instant lateness is judged at; null when it is never judged (ended without a processing end).</summary>
    public DateTime? MeasuredAt(DateTime nowUtc) =>
        EndedAtUtc ?? (Status == DossierStatus.SupplementRequested ? PausedAtUtc : Status.IsTerminal() ? null : nowUtc);

    public bool IsLate(DateTime nowUtc) => DueAtUtc is { } due && (SupplementCount > 1 || MeasuredAt(nowUtc) > due);

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

    /// <summary><see cref="IsLate"/> as a query filter, written with plain comparisons and one EXISTS so that both
    /// providers translate it.</summary>
    public static Expression<Func<Dossier, bool>> Late(DateTime nowUtc) => d =>
        d.DueAtUtc != null && (
            d.SupplementCount > 1
            || (d.ProcessingEndedAtUtc != null && d.ProcessingEndedAtUtc > d.DueAtUtc)
            || (d.ProcessingEndedAtUtc == null
                && (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress || d.Status == DossierStatus.AwaitingFinancialObligation)
                && d.DueAtUtc < nowUtc)
            || (d.Status == DossierStatus.SupplementRequested
                && d.Supplements.Any(s => s.State == SupplementState.Open && s.RequestedAtUtc > d.DueAtUtc)));

    /// <summary>The date the applicant is told: the apology's new date when it is later than the legal one. A supplement
    /// answered after the apology moves the legal date by the applicant's pause; should that pass the letter's date,
    /// the later date binds, so the office never promises less time than the law gives.</summary>
    public static DateTime? PromisedDue(DateTime? dueAtUtc, DateTime? apologyNewDueUtc) =>
        apologyNewDueUtc is { } promised && (dueAtUtc is not { } due || promised > due) ? promised : dueAtUtc;
}
