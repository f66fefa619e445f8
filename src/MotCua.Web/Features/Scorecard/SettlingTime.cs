using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Scorecard;

/// <summary>2.2's figures of one unit and procedure: the dossiers settled (9 or 10) among those received in the period,
/// their settling time added up in working time, the legal time they were given added up, and — only for a procedure
/// whose average is above its legal time (<see cref="SettlingTime.Slow"/>) — the slowest of them.</summary>
public sealed record SettlingFigures(
    Guid UnitId, Guid ProcedureId, int Dossiers, TimeSpan Total, TimeSpan LegalTotal, Guid SlowestId, string? SlowestCode, TimeSpan Slowest);

/// <summary>A procedure whose average settling time is above its legal time (times
/// <see cref="ScorecardOptions.SettlingTimeSlowShare"/>): what pulls 2.2's average down.</summary>
public sealed record SlowProcedure(Guid Id, string Code, string Name, double Excess, string Reason, Guid SlowestId);

/// <summary>Indicator 2.2, average settling time: per dossier, the working time (the calendar's office hours of working
/// days: weekends, holidays incl. the lunar ones and compensatory days off excluded, swapped workdays included) from
/// reception to the end of processing, minus the working time the dossier waited for the applicant's supplements —
/// the same pause <see cref="Timeliness"/> adds to the due date, so a dossier settled exactly on its moved due date took
/// exactly its legal time. Measured by the database: the calendar is joined as rows (<see cref="CalendarPositions"/>),
/// the dossiers are added up per unit, procedure and version in one aggregate query, and only the slowest dossier of a
/// procedure that is above its legal time is looked up, one query each.</summary>
public static class SettlingTime
{
    /// <summary>One settled dossier as the queries see it; never read whole except the slowest of a slow procedure.</summary>
    private sealed class Measured
    {
        public Guid Id { get; init; }
        public string? Code { get; init; }
        public Guid UnitId { get; init; }
        public Guid ProcedureId { get; init; }
        public Guid VersionId { get; init; }
        public long Seconds { get; init; }
    }

    /// <param name="received">The dossiers received in the period (the scorecard's scope).</param>
    /// <param name="days">The calendar's rows (<see cref="CalendarPositions.ForAsync"/>).</param>
    public static async Task<IReadOnlyList<SettlingFigures>> MeasureAsync(
        IQueryable<Dossier> received, DossierRules rules, CatalogFacts catalog, WorkingCalendar calendar, IQueryable<CalendarPosition> days,
        ScorecardOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(options);
        var completed = received.Where(rules.Completed).Where(d => d.ProcessingEndedAtUtc != null && d.ReceivedAtUtc != null);
        var endsAtReturn = options.SettlingTimeEndsAtReturn;
        var daySeconds = (long)calendar.OfficeHours.DayLength.TotalSeconds;
        var offset = VietnamTime.Offset.TotalHours;
        // Reception and end are joined to their days' rows (a hash join on a table of a few years' days); an instant
        // outside the calendar's years finds no row, and the dossier is left out as one that cannot be timed. A
        // supplement's pause is clipped to [reception, end); the workflow keeps one request open at a time, so pauses
        // do not overlap (an imported record where they do would count the overlap twice).
        var measured = CalendarPositions.Inline(
            from d in completed
            let end = endsAtReturn && d.ReturnedAtUtc != null ? d.ReturnedAtUtc.Value : d.ProcessingEndedAtUtc!.Value
            join first in days on DateOnly.FromDateTime(d.ReceivedAtUtc!.Value.AddHours(offset)) equals first.Date
            join last in days on DateOnly.FromDateTime(end.AddHours(offset)) equals last.Date
            select new Measured
            {
                Id = d.Id, Code = d.Code, UnitId = d.CompetentUnitId, ProcedureId = d.ProcedureId, VersionId = d.ProcedureVersionId,
                Seconds = (last.WorkingDaysBefore - first.WorkingDaysBefore) * daySeconds
                    + (last.IsWorking ? CalendarPositions.InDay(end) : 0L)
                    - (first.IsWorking ? CalendarPositions.InDay(d.ReceivedAtUtc!.Value) : 0L)
                    - (d.SupplementCount == 0 ? 0L : d.Supplements.Sum(s =>
                        (s.AnsweredAtUtc == null || s.AnsweredAtUtc.Value > end ? end : s.AnsweredAtUtc.Value)
                            > (s.RequestedAtUtc > d.ReceivedAtUtc!.Value ? s.RequestedAtUtc : d.ReceivedAtUtc!.Value)
                            ? CalendarPositions.At(s.AnsweredAtUtc == null || s.AnsweredAtUtc.Value > end ? end : s.AnsweredAtUtc.Value)
                              - CalendarPositions.At(s.RequestedAtUtc > d.ReceivedAtUtc!.Value ? s.RequestedAtUtc : d.ReceivedAtUtc!.Value)
                            : 0L)),
            },
            days, calendar);
        var groups = await measured
            .GroupBy(m => new { m.UnitId, m.ProcedureId, m.VersionId })
            .Select(g => new { g.Key.UnitId, g.Key.ProcedureId, g.Key.VersionId, Dossiers = g.Count(), Seconds = g.Sum(m => m.Seconds) })
            .ToListAsync(ct);

        var day = calendar.OfficeHours.DayLength;
        var figures = groups
            .GroupBy(g => (g.UnitId, g.ProcedureId))
            .ToDictionary(u => u.Key, u => new SettlingFigures(u.Key.UnitId, u.Key.ProcedureId, u.Sum(g => g.Dossiers),
                TimeSpan.FromSeconds(u.Sum(g => g.Seconds)),
                TimeSpan.FromTicks(u.Sum(g => g.Dossiers * (catalog.LegalTimes.TryGetValue(g.VersionId, out var legal) ? Length(legal, day).Ticks : 0))),
                Guid.Empty, null, TimeSpan.Zero));

        // Only a procedure above its legal time names its slowest dossier (Slow): look those up, nothing else.
        foreach (var procedure in figures.Values.GroupBy(f => f.ProcedureId))
        {
            var legal = procedure.Sum(f => f.LegalTotal.Ticks);
            if (legal <= 0 || procedure.Sum(f => f.Total.Ticks) <= legal * options.SettlingTimeSlowShare) continue;
            var slowest = await measured.Where(m => m.ProcedureId == procedure.Key)
                .OrderByDescending(m => m.Seconds).ThenBy(m => m.Id)
                .Select(m => new { m.Id, m.Code, m.UnitId, m.Seconds })
                .FirstAsync(ct);
            var key = (slowest.UnitId, procedure.Key);
            figures[key] = figures[key] with { SlowestId = slowest.Id, SlowestCode = slowest.Code, Slowest = TimeSpan.FromSeconds(slowest.Seconds) };
        }
        return [.. figures.Values];
    }

    /// <summary>A legal time as working time: "trong ngày" is at most one working day.</summary>
    public static TimeSpan Length(LegalTime legal, TimeSpan day) => legal.Unit switch
    {
        LegalTimeUnit.WorkingHours => TimeSpan.FromHours((double)legal.Value),
        LegalTimeUnit.WorkingDays => day * (double)legal.Value,
        _ => day,
    };

    /// <summary>The procedures, across the given units, whose average is above their legal time (times the option),
    /// the furthest above first, each with its average in the procedure's own unit and its slowest dossier.</summary>
    public static IReadOnlyList<SlowProcedure> Slow(IEnumerable<SettlingFigures> figures, CatalogFacts catalog, TimeSpan day, double share)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var byId = catalog.Procedures.ToDictionary(p => p.Id);
        var slow = new List<SlowProcedure>();
        foreach (var procedure in figures.GroupBy(f => f.ProcedureId))
        {
            var count = procedure.Sum(f => f.Dossiers);
            var legal = procedure.Sum(f => f.LegalTotal.Ticks);
            var total = procedure.Sum(f => f.Total.Ticks);
            if (count == 0 || legal <= 0 || total <= legal * share) continue;
            var slowest = procedure.MaxBy(f => f.Slowest)!;
            var facts = byId.GetValueOrDefault(procedure.Key);
            var hours = facts?.Current?.LegalTime.Unit == LegalTimeUnit.WorkingHours;
            string Say(double ticks) => hours
                ? $"{Number(ticks / TimeSpan.TicksPerHour)} giờ làm việc"
                : $"{Number(ticks / day.Ticks)} ngày làm việc";
            var reason = $"trung bình {Say((double)total / count)}/hồ sơ ({count} hồ sơ đã giải quyết), vượt thời hạn giải quyết "
                + $"{Say((double)legal / count)}; lâu nhất: hồ sơ {slowest.SlowestCode ?? slowest.SlowestId.ToString()} ({Say(slowest.Slowest.Ticks)})";
            slow.Add(new SlowProcedure(procedure.Key, facts?.Code ?? "", facts?.Name ?? "", (double)total / legal, reason, slowest.SlowestId));
        }
        return [.. slow.OrderByDescending(s => s.Excess).ThenBy(s => s.Code, StringComparer.Ordinal)];
    }

    /// <summary>2 decimals, Vietnamese decimal comma ("7,25").</summary>
    public static string Number(double value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"));
}
