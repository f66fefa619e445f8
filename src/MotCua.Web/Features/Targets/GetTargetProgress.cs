using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Where a unit stands on its targets of a year: for every metric, the target if one is set, the value
/// measured now over the dossiers of the unit and the units under it, and the pace needed by the year's end:
/// <c>GET /api/targets?unit={agencyCode}&amp;year=yyyy</c> and the office page /office/targets.</summary>
public static class GetTargetProgress
{
    public sealed record Row(
        TargetMetric Metric, string Code, string Name, string Definition, MetricBasis Basis,
        decimal? Target, string? Source, string? SetBy, DateTime? SetAtUtc,
        bool HasData, int? Numerator, int? Denominator, decimal? Measured, bool? Met,
        PaceState Pace, decimal? RequiredPercent, int ExpectedRemaining, string PaceText, IReadOnlyList<Change> History);

    /// <summary>One change of the target, newest first: who, in which role and unit, when, from which value to which (null:
    /// none), on what basis.</summary>
    public sealed record Change(DateTime AtUtc, string ActorName, string ActorRole, string? UnitName, decimal? From, decimal? To, string? Source);

    public sealed record Result(string Unit, string UnitName, int Year, DateTime MeasuredAtUtc, IReadOnlyList<Row> Metrics);

    public sealed class Handler(TargetsAccess access, MetricMeasures measures, AppDbContext db, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(string? unitCode, int? year, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var today = VietnamTime.Today(clock);
            var y = year ?? today.Year;
            UnitTarget.CheckYear(y);
            var unit = await access.ReadableAsync(unitCode, ct);
            var scope = await access.SubtreeAsync(unit.Id, ct);
            var targets = await db.Set<UnitTarget>().AsNoTracking().Where(t => t.UnitId == unit.Id && t.Year == y).ToListAsync(ct);
            var history = (await db.Set<UnitTargetChange>().AsNoTracking().Where(c => c.UnitId == unit.Id && c.Year == y).ToListAsync(ct))
                .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).ToLookup(c => c.Metric);
            var (from, to) = TargetsAccess.YearUtc(y);
            var rows = new List<Row>();
            foreach (var metric in TargetMetrics.All)
            {
                var target = targets.SingleOrDefault(t => t.Metric == metric);
                var measure = await measures.MeasureAsync(metric, scope, from, to, now, ct);
                var measured = measure.Percent;
                var pace = target is null || metric.Basis() != MetricBasis.Dossiers
                    ? Pace.None
                    : Pace.Of(target.Value, measure.Numerator, measure.Denominator, y, today);
                rows.Add(new Row(metric, metric.Code(), metric.DisplayName(), metric.Definition(), metric.Basis(),
                    target?.Value, target?.Source, target?.SetBy, target?.SetAtUtc,
                    measure.HasData, measure.Numerator, measure.Denominator, measured,
                    target is null || measured is null ? null : measured >= target.Value,
                    pace.State, pace.RequiredPercent, pace.ExpectedRemaining, pace.Text,
                    [.. history[metric].Select(c => new Change(c.AtUtc, c.ActorName, c.ActorRole, c.UnitName, c.FromValue, c.ToValue, c.Source))]));
            }
            return new Result(unit.AgencyCode, unit.Name, y, now, rows);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/targets", GetAsync)
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Targets")
            .WithName("GetTargetProgress")
            .WithSummary("Chỉ tiêu của đơn vị (mã định danh; mặc định đơn vị của cán bộ) trong năm (mặc định năm nay): với mỗi chỉ tiêu, " +
                         "giá trị được giao, giá trị đo được hiện nay trên hồ sơ của đơn vị và các đơn vị trực thuộc (tử số, mẫu số), " +
                         "và tỷ lệ cần đạt trên các hồ sơ còn lại của năm để hoàn thành. Chỉ tiêu chưa có dữ liệu trả hasData = false. " +
                         "history: các lần giao, sửa, bỏ chỉ tiêu (ai, vai trò, khi nào, từ giá trị nào sang giá trị nào), mới nhất trước.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<Result>, ValidationProblem>> GetAsync(Handler handler, CancellationToken ct, string? unit = null, int? year = null)
    {
        if (year is { } y && (y < UnitTarget.MinYear || y > UnitTarget.MaxYear))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [$"Năm phải từ {UnitTarget.MinYear} đến {UnitTarget.MaxYear}."] },
                title: "Điều kiện xem chỉ tiêu không hợp lệ");
        return TypedResults.Ok(await handler.HandleAsync(unit, year, ct));
    }
}
