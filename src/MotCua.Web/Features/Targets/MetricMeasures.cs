using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>A measured share: <see cref="Numerator"/> of <see cref="Denominator"/>. Nothing counted is "chưa có dữ
/// liệu", which is not the same as 0 %.</summary>
public sealed record Measure(int Numerator, int Denominator)
{
    /// <summary>Something was counted: without it the pages say "chưa có dữ liệu".</summary>
    public bool HasData => Denominator > 0;

    /// <summary>In per cent; null when nothing was counted (no dossier in the period).</summary>
    public decimal? Percent => Denominator == 0 ? null : Math.Round(100m * Numerator / Denominator, 2);
}

/// <summary>How each target metric is measured: the one place that says it (docs/adr/0030c, 0032e). Every measure is
/// counted in the database over the dossiers of a set of units whose reception date (<see cref="Dossier.ReceivedAtUtc"/>)
/// lies in [from, to), scored on the settling unit (<see cref="Dossier.CompetentUnitId"/>); no row is loaded. A metric
/// that means what a 766 indicator means is that indicator, measured by the scorecard (<see cref="IndicatorMeasures"/>):
/// one definition. Two metrics share only the scorecard's condition and keep the plans' denominator, for the reason
/// given at each.</summary>
public sealed class MetricMeasures(AppDbContext db, IndicatorMeasures indicators)
{
    /// <summary>Measures <paramref name="metric"/> over the units <paramref name="unitIds"/> for dossiers received in
    /// [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), judging timeliness at <paramref name="nowUtc"/> (or the
    /// period's end if earlier).</summary>
    public async Task<Measure> MeasureAsync(TargetMetric metric, IReadOnlyCollection<Guid> unitIds, DateTime fromUtc, DateTime toUtc, DateTime nowUtc, CancellationToken ct)
    {
        var units = unitIds.ToList();
        var dossiers = db.Dossiers.AsNoTracking()
            .Where(d => units.Contains(d.CompetentUnitId) && d.ReceivedAtUtc >= fromUtc && d.ReceivedAtUtc < toUtc);
        var at = nowUtc < toUtc ? nowUtc : toUtc;
        if (metric.Indicator() is { } indicator)
        {
            var count = await indicators.MeasureAsync(indicator, units, fromUtc, toUtc, at, ct);
            return new Measure(count.Numerator, count.Denominator);
        }
        switch (metric)
        {
            case TargetMetric.SubmittedOnline:
            {
                // Indicator 3.3 also asks an electronic result and multiplies by the sync ratio (1.4): those are targets of
                // their own (ElectronicResults); the plans' "nộp trực tuyến" is the channel alone, 3.3's first condition.
                var online = await indicators.RuleAsync("online", at, ct);
                return new Measure(await dossiers.CountAsync(online, ct), await dossiers.CountAsync(ct));
            }
            case TargetMetric.FullyOnline:
            {
                // The plans define it over every dossier ("Số lượng hồ sơ trực tuyến toàn trình / Tổng hồ sơ giải quyết
                // TTHC", seed 002, Phụ lục 2), where 3.4 divides by the dossiers of eligible procedures only.
                var full = await indicators.RuleAsync("fully-online", at, ct);
                return new Measure(await dossiers.CountAsync(full, ct), await dossiers.CountAsync(ct));
            }
            case TargetMetric.OfficialsUsingSystem:
            {
                // Officials are few (a unit's staff), and SQLite cannot compare the lockout's DateTimeOffset: the
                // accounts are read, the dossier events only counted.
                var accounts = await db.Officials.AsNoTracking().Where(o => units.Contains(o.UnitId))
                    .Select(o => new { o.Id, o.LockoutEnd }).ToListAsync(ct);
                var active = accounts.Where(o => o.LockoutEnd is null || o.LockoutEnd <= new DateTimeOffset(nowUtc, TimeSpan.Zero))
                    .Select(o => (Guid?)o.Id).ToList();
                var acted = await db.DossierEvents.AsNoTracking()
                    .Where(e => e.AtUtc >= fromUtc && e.AtUtc < toUtc && active.Contains(e.ActorId))
                    .Select(e => e.ActorId).Distinct().CountAsync(ct);
                return new Measure(acted, active.Count);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a metric.");
        }
    }
}
