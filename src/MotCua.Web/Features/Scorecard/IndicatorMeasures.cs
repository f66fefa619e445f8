using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Scorecard;

/// <summary>One indicator's numerator and denominator, as the scorecard counts them.</summary>
public sealed record IndicatorCount(int Numerator, int Denominator);

/// <summary>One indicator of the scorecard measured alone, for the plans' targets that mean the same thing
/// (docs/adr/0032e): the same <see cref="DossierRules"/> expressions, the same scope (<see cref="ScorecardQuery.Scope"/>,
/// with 2.1's reading of the period), the same feedback figures and the same catalog facts as <see cref="GetScorecard"/>,
/// so a target and the indicator it names cannot drift apart. Counted in the database, two or three COUNTs; the
/// catalog is read once per request (scoped).</summary>
public sealed class IndicatorMeasures(AppDbContext db, UnitTree units, IFeedbackFigures feedback, ICertifiedCopyFigures copies, IOptions<ScorecardOptions> options)
{
    private CatalogFacts? _catalog;

    /// <summary>The indicators a target may name.</summary>
    public static readonly IReadOnlySet<string> Measurable = new HashSet<string>(StringComparer.Ordinal)
    {
        "2.1", "3.1", "4.3", "5.2", "5.4", "6.1", "6.2", "6.3", "6.4",
    };

    /// <summary>Indicator <paramref name="id"/> over the dossiers (or feedback items, or procedures) of
    /// <paramref name="unitIds"/> received in [from, to), unfinished ones judged at <paramref name="measureUtc"/>.</summary>
    public async Task<IndicatorCount> MeasureAsync(string id, IReadOnlyCollection<Guid> unitIds, DateTime fromUtc, DateTime toUtc, DateTime measureUtc, CancellationToken ct)
    {
        if (!Measurable.Contains(id)) throw new ArgumentOutOfRangeException(nameof(id), id, "Not an indicator measured alone.");
        var o = options.Value;
        switch (id)
        {
            case "5.2":
            {
                var figures = await feedback.CountAsync(unitIds, fromUtc, toUtc, measureUtc, ct);
                return new IndicatorCount(figures.HandledOnTime, figures.Received);
            }
            case "3.1":
            {
                var kinds = new HashSet<UnitKind>();
                foreach (var unit in unitIds)
                    if (await units.FindAsync(unit, ct) is { } node && UnitTree.IsAdministrative(node.Kind)) kinds.Add(node.Kind);
                var competent = (await CatalogAsync(ct)).CompetentFor(kinds).ToList();
                return new IndicatorCount(competent.Count(p => CatalogFacts.OffersOnline(p.Current!)), competent.Count);
            }
        }
        var rules = new DossierRules(measureUtc, await CatalogAsync(ct), o, db.SatisfactionRatings, feedback.DossiersWithFeedback, copies.DossiersWithSignedCopy);
        var indicator = rules.Find(id)!;
        // As the scorecard's Counters: only 2.1 and 5.4 take the wider reading of the period when it is configured.
        var alsoProcessed = id is "2.1" or "5.4" && o.ProgressPeriod == ProgressPeriodReading.ReceivedOrProcessedInPeriod;
        var scope = ScorecardQuery.Scope(db, unitIds, fromUtc, toUtc, alsoProcessed);
        var denominator = await scope.CountAsync(indicator.Denominator, ct);
        if (!indicator.SubtractEachPart)
            return new IndicatorCount(await scope.CountAsync(indicator.Numerator, ct), denominator);
        // 5.4: 100 % minus the share failing each part; a dossier failing two parts counts twice.
        var failures = 0;
        foreach (var part in indicator.Parts)
            failures += await scope.CountAsync(DossierRules.And(indicator.Denominator, DossierRules.Not(part.Holds)), ct);
        return new IndicatorCount(Math.Max(0, denominator - failures), denominator);
    }

    /// <summary>A condition of the scorecard's rules, for a target that shares a part of an indicator (the online
    /// channel of 3.3, the fully-online submission of 3.4) but divides by a set of its own.</summary>
    public async Task<Expression<Func<Dossier, bool>>> RuleAsync(string name, DateTime measureUtc, CancellationToken ct)
    {
        var rules = new DossierRules(measureUtc, await CatalogAsync(ct), options.Value, db.SatisfactionRatings, feedback.DossiersWithFeedback, copies.DossiersWithSignedCopy);
        return name switch
        {
            "online" => rules.Online,
            "fully-online" => rules.Find("3.4")!.Parts[0].Holds,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such rule."),
        };
    }

    private async Task<CatalogFacts> CatalogAsync(CancellationToken ct) =>
        _catalog ??= await CatalogFacts.LoadAsync(db, ScorecardOptions.Codes(options.Value.CertifiedCopyProcedureCodes), ct);
}
