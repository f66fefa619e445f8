using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Scorecard;

/// <summary>The 766 scorecard of a unit and the units under it for a period: every indicator with numerator,
/// denominator, ratio, threshold, score and maximum, group totals, the total out of 100 and its band; for a unit with
/// administrative units under it, their totals side by side, ranked.</summary>
public static class GetScorecard
{
    public sealed record Child(string Unit, string Name, double Total, string Band, int Rank);

    public sealed record Result(
        string Unit, string UnitName, string From, string To, double Total, string Band, IReadOnlyList<GroupResult> Groups, IReadOnlyList<Child> Children);

    /// <summary>Everything one computation needs, shared by the scorecard, the lost points and the export.</summary>
    public sealed record Computation(
        ScorecardPeriod Period, DossierRules Rules, Counters Counters, ScorecardCalculator Calculator, ScorecardCalculator.Input Input,
        Result Result, WorkingCalendar Calendar, bool AlsoProcessed);

    public sealed class Handler(
        AppDbContext db, CurrentUser user, UnitTree units, CalendarService calendars, CalendarPositions positions, TimeProvider clock, IFeedbackFigures feedback,
        ICertifiedCopyFigures copies, IOptions<ScorecardOptions> options)
    {
        public async Task<Result> HandleAsync(string? unit, string? from, string? to, CancellationToken ct) =>
            (await ComputeAsync(unit, from, to, ct)).Result;

        public async Task<Computation> ComputeAsync(string? unit, string? from, string? to, CancellationToken ct)
        {
            var o = options.Value;
            var period = await ScorecardPeriod.ResolveAsync(unit, from, to, user, units, o, ct);
            var tree = await SubtreesAsync(period.Unit.Id, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            // Unfinished dossiers are judged at the period's end, or now while the period runs.
            var measure = now < period.ToUtc ? now : period.ToUtc;
            var calendar = await calendars.GetAsync(period.From.Year - 1, Math.Max(period.To.Year, VietnamTime.ToLocal(now).Year) + 1, ct);
            var catalog = await CatalogFacts.LoadAsync(db, ScorecardOptions.Codes(o.CertifiedCopyProcedureCodes), ct);
            var rules = new DossierRules(measure, catalog, o, db.SatisfactionRatings, feedback.DossiersWithFeedback, copies.DossiersWithSignedCopy);
            var alsoProcessed = o.ProgressPeriod == ProgressPeriodReading.ReceivedOrProcessedInPeriod;
            var counters = new Counters(rules, period.FromUtc, alsoProcessed);
            var rows = await ScorecardQuery.CountAsync(db,
                ScorecardQuery.Scope(db, tree.All, period.FromUtc, period.ToUtc, alsoProcessed), counters.List, ct);
            var days = await positions.ForAsync(calendar, ct);
            var settling = await ScorecardQuery.WithoutJitAsync(db, () => SettlingTime.MeasureAsync(
                ScorecardQuery.Scope(db, tree.All, period.FromUtc, period.ToUtc, alsoProcessed: false), rules, catalog, calendar,
                days, o, ct), ct);
            var calculator = new ScorecardCalculator(rules, counters, catalog, o, calendar, period.From, period.To);

            async Task<ScorecardCalculator.Input> InputFor(IReadOnlyCollection<Guid> subtree) => new(
                [.. rows.Where(r => subtree.Contains(r.UnitId))], await KindsAsync(subtree, ct),
                await feedback.CountAsync(subtree, period.FromUtc, period.ToUtc, measure, ct),
                [.. settling.Where(f => subtree.Contains(f.UnitId))]);

            var input = await InputFor(tree.All);
            var groups = calculator.Compute(input);
            var total = ScorecardCalculator.Total(groups);
            var children = new List<(UnitTree.Node Node, double Total)>();
            foreach (var (child, subtree) in tree.Children)
                children.Add((child, ScorecardCalculator.Total(calculator.Compute(await InputFor(subtree)))));
            var ranked = children.OrderByDescending(c => c.Total).ThenBy(c => c.Node.Name, StringComparer.Ordinal)
                .Select((c, n) => new Child(c.Node.AgencyCode, c.Node.Name, c.Total, o.Band(c.Total), n + 1)).ToList();
            var result = new Result(period.Unit.AgencyCode, period.Unit.Name, ScorecardPeriod.Format(period.From), ScorecardPeriod.Format(period.To),
                total, o.Band(total), groups, ranked);
            return new Computation(period, rules, counters, calculator, input, result, calendar, alsoProcessed);
        }

        private sealed record Tree(HashSet<Guid> All, IReadOnlyList<(UnitTree.Node Child, HashSet<Guid> Subtree)> Children);

        /// <summary>The unit and every unit under it; and, for each administrative unit directly under it, its own subtree.</summary>
        private async Task<Tree> SubtreesAsync(Guid root, CancellationToken ct)
        {
            var reach = await units.ScopeOfAsync(root, ct);
            var nodes = new List<UnitTree.Node>();
            foreach (var id in reach)
                if (await units.FindAsync(id, ct) is { } node) nodes.Add(node);
            var children = nodes.ToLookup(n => n.ParentId);
            HashSet<Guid> Below(Guid id)
            {
                var set = new HashSet<Guid>();
                var stack = new Stack<Guid>([id]);
                while (stack.TryPop(out var next))
                    if (set.Add(next)) foreach (var c in children[next]) stack.Push(c.Id);
                return set;
            }
            return new Tree(Below(root), [.. children[root].Where(c => UnitTree.IsAdministrative(c.Kind)).Select(c => (c, Below(c.Id)))]);
        }

        private async Task<IReadOnlySet<UnitKind>> KindsAsync(IEnumerable<Guid> subtree, CancellationToken ct)
        {
            var kinds = new HashSet<UnitKind>();
            foreach (var id in subtree)
                if (await units.FindAsync(id, ct) is { } node && UnitTree.IsAdministrative(node.Kind)) kinds.Add(node.Kind);
            return kinds;
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/", async Task<Ok<Result>> (string? unit, string? from, string? to, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(unit, from, to, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithSummary("Bảng điểm Bộ chỉ số 766 của đơn vị (và các đơn vị trực thuộc) trong khoảng thời gian: từng chỉ số, nhóm, tổng điểm trên 100, xếp hạng các đơn vị cấp dưới.");
}
