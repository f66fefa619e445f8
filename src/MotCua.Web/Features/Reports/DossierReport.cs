using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reports;

/// <summary>The columns of the report of dossier handling (tình hình, kết quả giải quyết thủ tục hành chính), for one row:
/// what was to be handled (carried over from the previous period, and newly received by channel), what was settled
/// (early, on time, late), what is still pending at the period's end (within time, overdue), and what ended otherwise
/// (refused at reception, withdrawn, stopped). Received = settled + pending + withdrawn + stopped; a refused dossier was
/// never validly received and is counted beside them.</summary>
public sealed record ReportFigures(
    int CarriedOver, int ReceivedOnline, int ReceivedDesk, int ReceivedPostal,
    int SettledEarly, int SettledOnTime, int SettledLate,
    int PendingInTime, int PendingOverdue,
    int Refused, int Withdrawn, int Stopped)
{
    public static readonly ReportFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Received in the period, all channels.</summary>
    public int ReceivedInPeriod => ReceivedOnline + ReceivedDesk + ReceivedPostal;
    /// <summary>Tổng số hồ sơ nhận giải quyết: carried over and newly received.</summary>
    public int Received => CarriedOver + ReceivedInPeriod;
    public int Settled => SettledEarly + SettledOnTime + SettledLate;
    public int Pending => PendingInTime + PendingOverdue;

    /// <summary>Settled early or on time among the settled (the share units are ranked by); null when none was settled.</summary>
    public double? SettledOnTimeRate => Rate(SettledEarly + SettledOnTime, Settled);
    public double? SettledEarlyRate => Rate(SettledEarly, Settled);
    public double? SettledLateRate => Rate(SettledLate, Settled);
    public double? PendingOverdueRate => Rate(PendingOverdue, Pending);
    /// <summary>Received online among those received in the period.</summary>
    public double? OnlineRate => Rate(ReceivedOnline, ReceivedInPeriod);

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round(part / (double)whole, 4);

    public static ReportFigures operator +(ReportFigures a, ReportFigures b) => new(
        a.CarriedOver + b.CarriedOver, a.ReceivedOnline + b.ReceivedOnline, a.ReceivedDesk + b.ReceivedDesk, a.ReceivedPostal + b.ReceivedPostal,
        a.SettledEarly + b.SettledEarly, a.SettledOnTime + b.SettledOnTime, a.SettledLate + b.SettledLate,
        a.PendingInTime + b.PendingInTime, a.PendingOverdue + b.PendingOverdue, a.Refused + b.Refused, a.Withdrawn + b.Withdrawn, a.Stopped + b.Stopped);

    public static ReportFigures Sum(IEnumerable<ReportFigures> figures) => figures.Aggregate(Zero, (a, b) => a + b);
}

/// <summary>The report of dossier handling of a unit and the units under it, for a period, by field (lĩnh vực) and
/// procedure, and its administrative sub-units side by side. Every figure is counted by the database (GROUP BY with
/// counts); no dossier row is loaded.</summary>
public static class DossierReport
{
    public sealed record UnitInfo(string Code, string Name);

    public sealed record ProcedureRow(string Code, string Name, ReportFigures Figures);

    public sealed record FieldRow(string FieldCode, string FieldName, ReportFigures Figures, IReadOnlyList<ProcedureRow> Procedures);

    /// <summary>A sub-unit in the side-by-side table; <see cref="Rank"/> by the share settled early or on time (1 = best),
    /// null for a unit that settled nothing in the period.</summary>
    public sealed record UnitRow(string Code, string Name, int? Rank, ReportFigures Figures);

    /// <param name="MeasuredAtUtc">The instant pending dossiers are judged at: the period's end, or now while it runs.</param>
    public sealed record Result(
        UnitInfo Unit, DateOnly From, DateOnly To, string Period, DateTime MeasuredAtUtc, ReportFigures Total,
        IReadOnlyList<FieldRow> Fields, IReadOnlyList<UnitRow> Units);

    /// <summary>One group of dossiers alike in everything the report counts.</summary>
    private sealed class Cell
    {
        public Guid Key { get; set; }
        public Channel Channel { get; set; }
        public DossierStatus Status { get; set; }
        /// <summary>Received in the period (else carried over, or a refusal).</summary>
        public bool New { get; set; }
        /// <summary>Processing ended before the period's end.</summary>
        public bool Ended { get; set; }
        public TimelinessClass Class { get; set; }
        public int Count { get; set; }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock, IOptions<TimelinessOptions> timeliness)
    {
        public async Task<Result> HandleAsync(ReportUnit unit, ReportPeriod period, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(unit);
            var now = clock.GetUtcNow().UtcDateTime;
            var at = period.ToUtc < now ? period.ToUtc : now;

            var byProcedure = await CountAsync(unit.Scope, period, at, d => d.ProcedureId, ct);
            var fields = await FieldsAsync(byProcedure, ct);
            var units = new List<UnitRow>();
            if (unit.Children.Count > 0)
            {
                var byUnit = (await CountAsync(unit.Scope, period, at, d => d.CompetentUnitId, ct)).ToList();
                var rows = unit.Children.Select(c => (c.AgencyCode, c.Name, Figures: ReportFigures.Sum(byUnit.Where(g => c.Scope.Contains(g.Key)).Select(g => g.Figures)))).ToList();
                units = Ranked(rows);
            }
            return new Result(new UnitInfo(unit.AgencyCode, unit.Name), period.From, period.To, period.Label, at,
                ReportFigures.Sum(fields.Select(f => f.Figures)), fields, units);
        }

        /// <summary>Sub-units ordered by the share settled early or on time, then by how many were settled; units that
        /// settled nothing come last, unranked.</summary>
        private static List<UnitRow> Ranked(List<(string Code, string Name, ReportFigures Figures)> rows)
        {
            var ordered = rows
                .OrderByDescending(r => r.Figures.SettledOnTimeRate.HasValue)
                .ThenByDescending(r => r.Figures.SettledOnTimeRate ?? 0)
                .ThenByDescending(r => r.Figures.Settled)
                .ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
            var result = new List<UnitRow>(ordered.Count);
            for (var i = 0; i < ordered.Count; i++)
            {
                var r = ordered[i];
                // Equal shares share a rank, as a ranking table prints them.
                var rank = r.Figures.SettledOnTimeRate is null ? (int?)null
                    : i > 0 && ordered[i - 1].Figures.SettledOnTimeRate == r.Figures.SettledOnTimeRate ? result[i - 1].Rank : i + 1;
                result.Add(new UnitRow(r.Code, r.Name, rank, r.Figures));
            }
            return result;
        }

        /// <summary>The figures per key (procedure or competent unit): dossiers of the units in scope that were received
        /// before the period's end and still in processing at its start, or refused at reception within it, grouped by
        /// everything the columns tell apart, with <see cref="Timeliness.Class"/> judging early, on time and late.</summary>
        private async Task<List<(Guid Key, ReportFigures Figures)>> CountAsync(
            IReadOnlySet<Guid> scope, ReportPeriod period, DateTime at, Expression<Func<Dossier, Guid>> key, CancellationToken ct)
        {
            var units = scope.ToList();
            var (fromUtc, toUtc) = (period.FromUtc, period.ToUtc);
            Expression<Func<Dossier, Guid, TimelinessClass, Cell>> shape = (d, k, c) => new Cell
            {
                Key = k,
                Channel = d.Channel,
                Status = d.Status,
                New = d.ReceivedAtUtc >= fromUtc,
                Ended = d.ProcessingEndedAtUtc != null && d.ProcessingEndedAtUtc < toUtc,
                Class = c,
            };
            var cells = await db.Dossiers.AsNoTracking()
                .Where(d => units.Contains(d.CompetentUnitId))
                .Where(d => (d.ReceivedAtUtc != null && d.ReceivedAtUtc < toUtc && (d.ProcessingEndedAtUtc == null || d.ProcessingEndedAtUtc >= fromUtc))
                            || (d.Status == DossierStatus.Refused && d.RefusedAtUtc >= fromUtc && d.RefusedAtUtc < toUtc))
                .Select(Compose(shape, key, Timeliness.Class(at, timeliness.Value.EarlyByDays)))
                .GroupBy(c => new { c.Key, c.Channel, c.Status, c.New, c.Ended, c.Class })
                .Select(g => new Cell { Key = g.Key.Key, Channel = g.Key.Channel, Status = g.Key.Status, New = g.Key.New, Ended = g.Key.Ended, Class = g.Key.Class, Count = g.Count() })
                .ToListAsync(ct);
            return [.. cells.GroupBy(c => c.Key).Select(g => (g.Key, ReportFigures.Sum(g.Select(Figures))))];
        }

        /// <summary>Which columns one group of dossiers counts in.</summary>
        private static ReportFigures Figures(Cell c)
        {
            var n = c.Count;
            // Refused at reception: never validly received, so neither carried nor received; counted on its own.
            if (c.Status == DossierStatus.Refused) return ReportFigures.Zero with { Refused = n };
            var figures = !c.New ? ReportFigures.Zero with { CarriedOver = n }
                : c.Channel switch
                {
                    Channel.Online => ReportFigures.Zero with { ReceivedOnline = n },
                    Channel.Postal => ReportFigures.Zero with { ReceivedPostal = n },
                    _ => ReportFigures.Zero with { ReceivedDesk = n },
                };
            if (c.Ended && c.Status == DossierStatus.Withdrawn) return figures with { Withdrawn = n };
            if (c.Ended && c.Status == DossierStatus.Stopped) return figures with { Stopped = n };
            if (c.Ended)
                return c.Class switch
                {
                    TimelinessClass.Early => figures with { SettledEarly = n },
                    TimelinessClass.Late => figures with { SettledLate = n },
                    _ => figures with { SettledOnTime = n },
                };
            // Still in processing at the period's end, judged there (2.1: "not finished ⇒ measured at the end of the period").
            return c.Class == TimelinessClass.Late ? figures with { PendingOverdue = n } : figures with { PendingInTime = n };
        }

        /// <summary>The procedures' rows grouped under their fields (by the procedure's current version), in code order.</summary>
        private async Task<List<FieldRow>> FieldsAsync(List<(Guid Key, ReportFigures Figures)> byProcedure, CancellationToken ct)
        {
            var ids = byProcedure.Select(p => p.Key).ToList();
            var procedures = await db.Procedures.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.Code, p.Name, p.CurrentVersionId }).ToListAsync(ct);
            var versionIds = procedures.Select(p => p.CurrentVersionId).OfType<Guid>().ToList();
            var versions = await db.ProcedureVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
                .Select(v => new { v.Id, v.FieldCode, v.Content }).ToDictionaryAsync(v => v.Id, ct);
            var figures = byProcedure.ToDictionary(p => p.Key, p => p.Figures);
            return [.. procedures
                .Select(p => (p.Code, p.Name, Field: p.CurrentVersionId is { } v && versions.TryGetValue(v, out var version)
                    ? (version.FieldCode, version.Content.FieldName) : ("", "Chưa phân lĩnh vực"), Figures: figures[p.Id]))
                .GroupBy(p => p.Field)
                .OrderBy(g => g.Key.Item2, StringComparer.Ordinal)
                .Select(g =>
                {
                    var rows = g.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => new ProcedureRow(p.Code, p.Name, p.Figures)).ToList();
                    return new FieldRow(g.Key.Item1, g.Key.Item2, ReportFigures.Sum(rows.Select(r => r.Figures)), rows);
                })];
        }

        /// <summary>The shape with its key and the timeliness class written in, as one expression EF translates.</summary>
        private static Expression<Func<Dossier, Cell>> Compose(
            Expression<Func<Dossier, Guid, TimelinessClass, Cell>> shape, Expression<Func<Dossier, Guid>> key, Expression<Func<Dossier, TimelinessClass>> cls)
        {
            var d = shape.Parameters[0];
            var body = new Substitute(new Dictionary<ParameterExpression, Expression>
            {
                [shape.Parameters[1]] = new Substitute(new() { [key.Parameters[0]] = d }).Visit(key.Body),
                [shape.Parameters[2]] = new Substitute(new() { [cls.Parameters[0]] = d }).Visit(cls.Body),
            }).Visit(shape.Body);
            return Expression.Lambda<Func<Dossier, Cell>>(body, d);
        }

        private sealed class Substitute(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var by) ? by : base.VisitParameter(node);
        }
    }
}
