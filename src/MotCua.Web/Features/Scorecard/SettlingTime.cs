using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Scorecard;

/// <summary>2.2's figures of one unit and procedure: the dossiers settled (9 or 10) among those received in the period,
/// their settling time added up in working time, the legal time they were given added up, and the slowest of them.</summary>
public sealed record SettlingFigures(
    Guid UnitId, Guid ProcedureId, int Dossiers, TimeSpan Total, TimeSpan LegalTotal, Guid SlowestId, string? SlowestCode, TimeSpan Slowest);

/// <summary>A procedure whose average settling time is above its legal time (times
/// <see cref="ScorecardOptions.SettlingTimeSlowShare"/>): what pulls 2.2's average down.</summary>
public sealed record SlowProcedure(Guid Id, string Code, string Name, double Excess, string Reason, Guid SlowestId);

/// <summary>Indicator 2.2, average settling time: per dossier, the working time (the calendar's office hours of working
/// days: weekends, holidays incl. the lunar ones and compensatory days off excluded, swapped workdays included) from
/// reception to the end of processing, minus the working time the dossier waited for the applicant's supplements —
/// the same pause <see cref="Timeliness"/> adds to the due date, so a dossier settled exactly on its moved due date took
/// exactly its legal time. The calendar lives in memory, not in the database, so this is the one part of the scorecard
/// that reads a row per settled dossier: streamed (a few columns, never held), added up per unit and procedure.</summary>
public static class SettlingTime
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string? Code { get; init; }
        public Guid CompetentUnitId { get; init; }
        public Guid ProcedureId { get; init; }
        public Guid ProcedureVersionId { get; init; }
        public DateTime? ReceivedAtUtc { get; init; }
        public DateTime? EndedAtUtc { get; init; }
    }

    private sealed class Sum
    {
        public int Dossiers;
        public long Ticks;
        public long LegalTicks;
        public Guid SlowestId;
        public string? SlowestCode;
        public long SlowestTicks = -1;
    }

    /// <param name="received">The dossiers received in the period (the scorecard's scope).</param>
    public static async Task<IReadOnlyList<SettlingFigures>> MeasureAsync(
        IQueryable<Dossier> received, DossierRules rules, CatalogFacts catalog, WorkingCalendar calendar, ScorecardOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(options);
        var completed = received.Where(rules.Completed).Where(d => d.ProcessingEndedAtUtc != null && d.ReceivedAtUtc != null);
        // Supplements are few (a dossier asked more than once is already late): read them whole, by dossier.
        var pauses = (await completed.Where(d => d.SupplementCount > 0)
                .SelectMany(d => d.Supplements, (d, s) => new { d.Id, s.RequestedAtUtc, s.AnsweredAtUtc })
                .ToListAsync(ct))
            .ToLookup(p => p.Id, p => (Clamp(calendar, p.RequestedAtUtc), p.AnsweredAtUtc is { } a ? Clamp(calendar, a) : (DateTime?)null));
        var rows = options.SettlingTimeEndsAtReturn
            ? completed.Select(d => new Row
            {
                Id = d.Id, Code = d.Code, CompetentUnitId = d.CompetentUnitId, ProcedureId = d.ProcedureId, ProcedureVersionId = d.ProcedureVersionId,
                ReceivedAtUtc = d.ReceivedAtUtc, EndedAtUtc = d.ReturnedAtUtc ?? d.ProcessingEndedAtUtc,
            })
            : completed.Select(d => new Row
            {
                Id = d.Id, Code = d.Code, CompetentUnitId = d.CompetentUnitId, ProcedureId = d.ProcedureId, ProcedureVersionId = d.ProcedureVersionId,
                ReceivedAtUtc = d.ReceivedAtUtc, EndedAtUtc = d.ProcessingEndedAtUtc,
            });

        var day = calendar.OfficeHours.DayLength;
        var sums = new Dictionary<(Guid Unit, Guid Procedure), Sum>();
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var time = calendar.WorkingTimeBetween(Clamp(calendar, r.ReceivedAtUtc!.Value), Clamp(calendar, r.EndedAtUtc!.Value), pauses[r.Id].ToArray());
            if (!sums.TryGetValue((r.CompetentUnitId, r.ProcedureId), out var sum)) sums[(r.CompetentUnitId, r.ProcedureId)] = sum = new Sum();
            sum.Dossiers++;
            sum.Ticks += time.Ticks;
            sum.LegalTicks += catalog.LegalTimes.TryGetValue(r.ProcedureVersionId, out var legal) ? Length(legal, day).Ticks : 0;
            if (time.Ticks > sum.SlowestTicks)
            {
                sum.SlowestTicks = time.Ticks;
                sum.SlowestId = r.Id;
                sum.SlowestCode = r.Code;
            }
        }
        return [.. sums.Select(s => new SettlingFigures(s.Key.Unit, s.Key.Procedure, s.Value.Dossiers, TimeSpan.FromTicks(s.Value.Ticks),
            TimeSpan.FromTicks(s.Value.LegalTicks), s.Value.SlowestId, s.Value.SlowestCode, TimeSpan.FromTicks(Math.Max(0, s.Value.SlowestTicks))))];
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

    // A date outside the calendar's loaded years (bad imported data) is measured at its edge rather than failing the card.
    private static DateTime Clamp(WorkingCalendar calendar, DateTime utc)
    {
        var first = VietnamTime.ToUtc(new DateTime(calendar.FirstYear, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var last = VietnamTime.ToUtc(new DateTime(calendar.LastYear, 12, 31, 23, 59, 0, DateTimeKind.Unspecified));
        return utc < first ? first : utc > last ? last : utc;
    }
}
