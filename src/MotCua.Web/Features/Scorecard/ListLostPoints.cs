using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Scorecard;

/// <summary>Why a unit loses points on an indicator: the dossiers (or procedures) counted against it, each with its
/// reasons in plain Vietnamese, a link to fix it, and what fixing it would add to the score. The list is filtered by
/// the indicator's own expressions (<see cref="DossierRules"/>: in the denominator, not in the numerator) and its
/// reasons are the parts that do not hold, so it always agrees with the count. Paged, the largest gain first.</summary>
public static class ListLostPoints
{
    public const int PageSize = 50;

    public sealed record Item(string Kind, Guid Id, string? Code, string Title, IReadOnlyList<string> Reasons, string? Link, double Gain);

    public sealed record Result(
        string Unit, string From, string To, IndicatorResult Indicator, int Total, double GainAll, int Page, int PageSize, bool HasMore, IReadOnlyList<Item> Items);

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string? Code { get; init; }
        public string ApplicantName { get; init; } = "";
        public Guid ProcedureId { get; init; }
        public Channel Channel { get; init; }
        public DossierStatus Status { get; init; }
        public DateTime? ReceivedAtUtc { get; init; }
        public DateTime? DueAtUtc { get; init; }
        public DateTime? ProcessingEndedAtUtc { get; init; }
        public int SupplementCount { get; init; }
        public DateTime? PausedAtUtc { get; init; }
        public bool P0 { get; init; }
        public bool P1 { get; init; }
        public bool P2 { get; init; }
        public bool P3 { get; init; }
    }

    private const int MaxParts = 4;

    public sealed class Handler(GetScorecard.Handler scorecard, AppDbContext db)
    {
        public async Task<Result> HandleAsync(string? unit, string? from, string? to, string? indicator, int? page, CancellationToken ct)
        {
            var definition = Indicators.Find(indicator)
                ?? throw new DomainException($"Không có chỉ số \"{(indicator is { Length: > 10 } ? indicator[..10] + "…" : indicator)}\"; các chỉ số: {string.Join(", ", Indicators.All.Select(i => i.Id))}.");
            return await HandleAsync(await scorecard.ComputeAsync(unit, from, to, ct), definition.Id, page, ct);
        }

        /// <summary>The lost points of one indicator of a scorecard already computed (the office page lists every
        /// indicator's from one computation).</summary>
        public async Task<Result> HandleAsync(GetScorecard.Computation c, string indicator, int? page, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(c);
            var definition = Indicators.Find(indicator) ?? throw new DomainException($"Không có chỉ số \"{indicator}\".");
            var pageNumber = Math.Max(1, page ?? 1);
            var figures = c.Result.Groups.SelectMany(g => g.Indicators).Single(i => i.Id == definition.Id);
            var head = (Unit: c.Result.Unit, From: c.Result.From, To: c.Result.To);
            // 2.2 scores nothing but still names what pulls its average down; the other tracked indicators list nothing.
            if ((definition.Tracked && definition.Basis != IndicatorBasis.Shown) || figures.Lost == 0 || (long)(pageNumber - 1) * PageSize >= figures.Lost)
                return new Result(head.Unit, head.From, head.To, figures, figures.Lost, figures.Gain, pageNumber, PageSize, false, []);
            return definition.Basis switch
            {
                IndicatorBasis.Procedures => Procedures(c, definition, figures, pageNumber),
                IndicatorBasis.Shown => Slow(c, figures, pageNumber),
                IndicatorBasis.Dossiers => await DossiersAsync(c, definition, figures, pageNumber, ct),
                _ => new Result(head.Unit, head.From, head.To, figures, figures.Lost, figures.Gain, pageNumber, PageSize, false, []),
            };
        }

        /// <summary>Fixing one item moves the numerator by one (5.4: by each failing part), within the threshold's cap.</summary>
        private static double GainOf(IndicatorResult figures, int units)
        {
            if (figures.Numerator is not { } num || figures.Denominator is not { } den || den <= 0) return 0;
            var score = Indicators.Score(figures.Max, figures.Threshold, num, den, true);
            return ScorecardCalculator.Round(Indicators.Score(figures.Max, figures.Threshold, Math.Min(den, num + units), den, true) - score);
        }

        private static Result Procedures(GetScorecard.Computation c, IndicatorDefinition definition, IndicatorResult figures, int pageNumber)
        {
            var (_, lost) = c.Calculator.Procedures(definition.Id, c.Input);
            var gain = GainOf(figures, 1);
            var items = lost.OrderBy(p => p.Code, StringComparer.Ordinal).Skip((pageNumber - 1) * PageSize).Take(PageSize)
                .Select(p => new Item("procedure", p.Id, p.Code, p.Name, [p.Reason], $"/office/admin/procedures/{Uri.EscapeDataString(p.Code)}", gain)).ToList();
            return new Result(c.Result.Unit, c.Result.From, c.Result.To, figures, lost.Count, figures.Gain, pageNumber, PageSize,
                (long)pageNumber * PageSize < lost.Count, items);
        }

        /// <summary>2.2: the procedures whose average is above their legal time, linked to their slowest dossier.</summary>
        private static Result Slow(GetScorecard.Computation c, IndicatorResult figures, int pageNumber)
        {
            var slow = c.Calculator.SlowProcedures(c.Input);
            var items = slow.Skip((pageNumber - 1) * PageSize).Take(PageSize)
                .Select(p => new Item("procedure", p.Id, p.Code, p.Name, [p.Reason], $"/office/dossiers/{p.SlowestId}", 0)).ToList();
            return new Result(c.Result.Unit, c.Result.From, c.Result.To, figures, slow.Count, 0, pageNumber, PageSize,
                (long)pageNumber * PageSize < slow.Count, items);
        }

        private async Task<Result> DossiersAsync(GetScorecard.Computation c, IndicatorDefinition definition, IndicatorResult figures, int pageNumber, CancellationToken ct)
        {
            var indicator = c.Rules.Find(definition.Id)!;
            var units = c.Input.Rows.Select(r => r.UnitId).Distinct().ToList();
            // The same dossiers as the count: 2.1 and 5.4 under the wider reading also take those received earlier.
            var alsoProcessed = c.AlsoProcessed && definition.Id is "2.1" or "5.4";
            var dossiers = ScorecardQuery.Scope(db, units, c.Period.FromUtc, c.Period.ToUtc, alsoProcessed)
                .Where(DossierRules.And(indicator.Denominator, DossierRules.Not(indicator.Numerator)));
            // Every item of an indicator gains the same, except 5.4's dossiers failing both parts: they come first.
            dossiers = indicator.SubtractEachPart ? OrderByFailures(dossiers, indicator) : dossiers.OrderBy(d => d.ReceivedAtUtc).ThenBy(d => d.Id);

            var rows = await dossiers.Skip((pageNumber - 1) * PageSize).Take(PageSize + 1).Select(Projection(indicator)).ToListAsync(ct);
            var names = await NamesAsync(rows.Select(r => r.ProcedureId), ct);
            var items = rows.Take(PageSize).Select(r =>
            {
                var holds = new[] { r.P0, r.P1, r.P2, r.P3 };
                var facts = new LostFacts(r.Channel, r.Status, r.DueAtUtc, r.ProcessingEndedAtUtc, r.SupplementCount, r.PausedAtUtc, c.Rules.MeasureUtc, c.Calendar);
                var reasons = indicator.Parts.Select((p, k) => holds[k] ? null : p.Reason(facts)).OfType<string>().Distinct().ToList();
                var worth = indicator.SubtractEachPart ? indicator.Parts.Where((_, k) => !holds[k]).Count() : 1;
                var title = $"{names.GetValueOrDefault(r.ProcedureId, "")} — {r.ApplicantName}";
                return new Item("dossier", r.Id, r.Code, title, reasons, $"/office/dossiers/{r.Id}", GainOf(figures, worth));
            }).ToList();
            return new Result(c.Result.Unit, c.Result.From, c.Result.To, figures, figures.Lost, figures.Gain, pageNumber, PageSize, rows.Count > PageSize, items);
        }

        private static IQueryable<Dossier> OrderByFailures(IQueryable<Dossier> dossiers, DossierIndicator indicator)
        {
            var d = Expression.Parameter(typeof(Dossier), "d");
            Expression sum = Expression.Constant(0);
            foreach (var part in indicator.Parts)
                sum = Expression.Add(sum, Expression.Condition(DossierRules.Bind(part.Holds, d), Expression.Constant(0), Expression.Constant(1)));
            return dossiers.OrderByDescending(Expression.Lambda<Func<Dossier, int>>(sum, d)).ThenBy(x => x.ReceivedAtUtc).ThenBy(x => x.Id);
        }

        private static Expression<Func<Dossier, Row>> Projection(DossierIndicator indicator)
        {
            Expression<Func<Dossier, Row>> basic = d => new Row
            {
                Id = d.Id, Code = d.Code, ApplicantName = d.Applicant.FullName, ProcedureId = d.ProcedureId, Channel = d.Channel, Status = d.Status,
                ReceivedAtUtc = d.ReceivedAtUtc, DueAtUtc = d.DueAtUtc, ProcessingEndedAtUtc = d.ProcessingEndedAtUtc, SupplementCount = d.SupplementCount,
                PausedAtUtc = d.Supplements.Where(s => s.State != SupplementState.Answered).Max(s => (DateTime?)s.RequestedAtUtc),
            };
            var d = basic.Parameters[0];
            var init = (MemberInitExpression)basic.Body;
            var parts = Enumerable.Range(0, MaxParts).Select(k => Expression.Bind(typeof(Row).GetProperty($"P{k}")!,
                k < indicator.Parts.Count ? DossierRules.Bind(indicator.Parts[k].Holds, d) : Expression.Constant(true)));
            return Expression.Lambda<Func<Dossier, Row>>(Expression.MemberInit(init.NewExpression, init.Bindings.Concat(parts)), d);
        }

        private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
        {
            var list = ids.Distinct().ToList();
            return await db.Procedures.AsNoTracking().Where(p => list.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/lost", async Task<Ok<Result>> (string? unit, string? from, string? to, string? indicator, int? page, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(unit, from, to, indicator, page, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithSummary("Các hồ sơ (hoặc thủ tục) làm mất điểm một chỉ số 766, kèm lý do, đường dẫn để khắc phục và số điểm tăng thêm nếu khắc phục.");
}
