using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>A measured share: <see cref="Numerator"/> of <see cref="Denominator"/>; null when the system records no
/// data for the metric ("chưa có dữ liệu"), which is not the same as 0 %.</summary>
public sealed record Measure(int Numerator, int Denominator)
{
    /// <summary>In per cent; null when nothing was counted (no dossier in the period).</summary>
    public decimal? Percent => Denominator == 0 ? null : Math.Round(100m * Numerator / Denominator, 2);
}

/// <summary>The <c>Targets</c> configuration section.</summary>
public sealed class TargetsOptions
{
    public const string SectionName = "Targets";

    /// <summary>Procedures counted as "chứng thực bản sao từ bản chính" by the electronic certified copies metric
    /// [to confirm: the province's catalog may list more than the national code].</summary>
    public IReadOnlyList<string> CertifiedCopyProcedureCodes { get; set; } = ["2.000815"];
}

/// <summary>How each target metric is measured: the one place that says it (docs/adr/0030c). Every measure is two
/// counts in the database over the dossiers of a set of units whose reception date (<see cref="Dossier.ReceivedAtUtc"/>)
/// lies in [from, to), scored on the settling unit (<see cref="Dossier.CompetentUnitId"/>) as the 766 scorecard is; no
/// row is loaded. Where a metric coincides with a 766 indicator its definition is written here as the plan words it
/// (the plans divide by all dossiers where the index divides by a narrower set), and named for the plan's metric.</summary>
public sealed class MetricMeasures(AppDbContext db, IOptions<TargetsOptions> options)
{
    /// <summary>Measures <paramref name="metric"/> over the units <paramref name="unitIds"/> for dossiers received in
    /// [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), judging timeliness at <paramref name="nowUtc"/> (or the
    /// period's end if earlier). Null for a metric the system holds no data for.</summary>
    public async Task<Measure?> MeasureAsync(TargetMetric metric, IReadOnlyCollection<Guid> unitIds, DateTime fromUtc, DateTime toUtc, DateTime nowUtc, CancellationToken ct)
    {
        var units = unitIds.ToList();
        var dossiers = db.Dossiers.AsNoTracking()
            .Where(d => units.Contains(d.CompetentUnitId) && d.ReceivedAtUtc >= fromUtc && d.ReceivedAtUtc < toUtc);
        switch (metric)
        {
            case TargetMetric.FeedbackOnTime:
                // Citizens' feedback (phản ánh, kiến nghị) is not recorded yet: shown as "chưa có dữ liệu", never 0 %.
                return null;
            case TargetMetric.SettledOnTime:
            {
                var at = nowUtc < toUtc ? nowUtc : toUtc;
                var classes = dossiers.Select(Timeliness.Class(at)).Where(c => c != TimelinessClass.None);
                return new Measure(await classes.CountAsync(c => c != TimelinessClass.Late, ct), await classes.CountAsync(ct));
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
            case TargetMetric.ProceduresOnline:
            {
                // The catalog is the province's, not a unit's: a point-in-time share of the procedures in force.
                var versions = db.Procedures.AsNoTracking().Where(p => p.CurrentVersionId != null)
                    .Join(db.ProcedureVersions, p => p.CurrentVersionId, v => v.Id, (p, v) => v);
                return new Measure(await versions.CountAsync(v => v.OnlineLevel != OnlineLevel.None, ct), await versions.CountAsync(ct));
            }
            default:
            {
                var (counted, meets) = await FiltersAsync(metric, ct);
                var denominator = dossiers.Where(counted);
                return new Measure(await denominator.Where(meets).CountAsync(ct), await denominator.CountAsync(ct));
            }
        }
    }

    /// <summary>The dossier metrics as two filters: which dossiers are counted (the denominator), and which of them
    /// meet the metric (the numerator).</summary>
    private async Task<(Expression<Func<Dossier, bool>> Counted, Expression<Func<Dossier, bool>> Meets)> FiltersAsync(TargetMetric metric, CancellationToken ct)
    {
        Expression<Func<Dossier, bool>> all = d => true;
        switch (metric)
        {
            case TargetMetric.SubmittedOnline:
                return (all, d => d.Channel == Channel.Online);
            case TargetMetric.FullyOnline:
                return (all, d => d.Channel == Channel.Online && d.SubmissionLevel == OnlineLevel.Full);
            case TargetMetric.PaidOnline:
                // Dossiers whose fees are all 0 (or that have none) owe nothing and are not counted.
                return (d => d.Fees.Any(f => f.Amount > 0),
                    d => d.Payments.Any(p => p.Method == PaymentMethod.NationalPortal || p.Method == PaymentMethod.LocalGateway));
            case TargetMetric.Digitized:
                // Every component kept in the dossier has a file (an original only shown at the desk is not kept), and
                // every result issued has one: seed 004's "thành phần hồ sơ và kết quả giải quyết được số hóa".
                return (all, d => d.Components.Any(c => c.Form != ComponentForm.OriginalToShow)
                    && d.Components.All(c => c.Form == ComponentForm.OriginalToShow
                                             || d.Files.Any(f => f.Purpose == DossierFilePurpose.Component && f.ComponentId == c.Id))
                    && d.Results.All(r => d.Files.Any(f => f.Purpose == DossierFilePurpose.Result && f.ResultId == r.Id)));
            case TargetMetric.DataReused:
                return (all, d => d.Components.Any(c => c.Reused));
            case TargetMetric.ElectronicResults:
                return (d => d.Results.Any(), ElectronicResult);
            case TargetMetric.Satisfaction:
            {
                var ratings = db.Set<SatisfactionRating>();
                return (d => ratings.Any(r => r.DossierId == d.Id), d => ratings.Any(r => r.DossierId == d.Id && r.Liked));
            }
            case TargetMetric.ElectronicCertifiedCopies:
            {
                var codes = options.Value.CertifiedCopyProcedureCodes.ToList();
                var procedures = await db.Procedures.AsNoTracking().Where(p => codes.Contains(p.Code)).Select(p => p.Id).ToListAsync(ct);
                return (d => procedures.Contains(d.ProcedureId) && d.Results.Any(), ElectronicResult);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a dossier metric.");
        }
    }

    /// <summary>A result given electronically: marked electronic, or with its file attached.</summary>
    private static readonly Expression<Func<Dossier, bool>> ElectronicResult = d =>
        d.Results.Any(r => r.IsElectronic || d.Files.Any(f => f.Purpose == DossierFilePurpose.Result && f.ResultId == r.Id));
}
