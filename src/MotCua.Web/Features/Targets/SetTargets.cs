using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Giao chỉ tiêu: sets (or, with no value, removes) a unit's targets for a year, all at once or none:
/// <c>POST /api/targets</c> and the office page. The import (<see cref="ImportTargets"/>) saves through the same
/// <see cref="ApplyAsync"/>.</summary>
public static class SetTargets
{
    /// <param name="Metric">The metric's code (e.g. "toan-trinh") or name (e.g. "FullyOnline").</param>
    /// <param name="Value">In per cent, 0 to 100; null removes the target.</param>
    public sealed record Item(string? Metric, decimal? Value);

    public sealed record Request(string? Unit, int? Year, string? Source, IReadOnlyList<Item>? Targets);

    public sealed record Change(Guid UnitId, int Year, TargetMetric Metric, decimal? Value, string? Source);

    public sealed class Handler(TargetsAccess access, AppDbContext db, TimeProvider clock, GetTargetProgress.Handler progress)
    {
        public async Task<GetTargetProgress.Result> HandleAsync(Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var (unit, actor) = await access.WritableAsync(request.Unit, ct);
            if (request.Year is not { } year) throw new DomainException("Hãy nhập năm giao chỉ tiêu.");
            UnitTarget.CheckYear(year);
            if (request.Targets is not { Count: > 0 } items) throw new DomainException("Hãy nhập ít nhất một chỉ tiêu.");
            var problems = new List<string>();
            var changes = new List<Change>();
            foreach (var item in items)
            {
                if (!TargetMetrics.TryParse(item.Metric, out var metric))
                {
                    problems.Add($"Chỉ tiêu \"{item.Metric}\" không có. Các chỉ tiêu: {string.Join(", ", TargetMetrics.All.Select(m => m.Code()))}.");
                    continue;
                }
                if (item.Value is { } v && UnitTarget.ValueProblem(v) is { } p) problems.Add($"{metric.DisplayName()}: {p}");
                if (changes.Any(c => c.Metric == metric)) problems.Add($"{metric.DisplayName()} được nhập hai lần.");
                changes.Add(new Change(unit.Id, year, metric, item.Value, request.Source));
            }
            if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
            await ApplyAsync(db, changes, actor, clock.GetUtcNow().UtcDateTime, ct);
            return await progress.HandleAsync(unit.AgencyCode, year, ct);
        }
    }

    /// <summary>Writes checked changes in one save: all of them or, on any failure, none.</summary>
    public static async Task ApplyAsync(AppDbContext db, IReadOnlyList<Change> changes, Actor actor, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        var units = changes.Select(c => c.UnitId).Distinct().ToList();
        var years = changes.Select(c => c.Year).Distinct().ToList();
        var existing = await db.Set<UnitTarget>().Where(t => units.Contains(t.UnitId) && years.Contains(t.Year)).ToListAsync(ct);
        foreach (var change in changes)
        {
            var target = existing.SingleOrDefault(t => t.UnitId == change.UnitId && t.Year == change.Year && t.Metric == change.Metric);
            if (change.Value is not { } value)
            {
                if (target is null) continue;
                db.Add(new UnitTargetChange(change.UnitId, change.Year, change.Metric, target.Value, null, Text.NormalizeOrNull(change.Source), actor, nowUtc));
                db.Remove(target);
                existing.Remove(target);
                continue;
            }
            var before = target?.Value;
            var beforeSource = target?.Source;
            if (target is null)
            {
                target = new UnitTarget(change.UnitId, change.Year, change.Metric);
                existing.Add(target);
                db.Add(target);
            }
            target.Set(value, change.Source, actor, nowUtc);
            // Setting the same value on the same basis again (a re-imported sheet) is not a change of the target.
            if (before != target.Value || beforeSource != target.Source)
                db.Add(new UnitTargetChange(change.UnitId, change.Year, change.Metric, before, target.Value, target.Source, actor, nowUtc));
        }
        await db.SaveChangesAsync(ct);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/targets", PostAsync)
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Targets")
            .WithName("SetTargets")
            .WithSummary("Giao chỉ tiêu năm cho đơn vị (Văn phòng – Thống kê, lãnh đạo hoặc quản trị của đơn vị hoặc đơn vị cấp trên): " +
                         "{ unit, year, source, targets: [ { metric, value } ] }, metric là mã chỉ tiêu (ví dụ \"toan-trinh\"), value là tỷ lệ % " +
                         "từ 0 đến 100, null để bỏ chỉ tiêu. Lưu tất cả hoặc không lưu gì. Trả lại tiến độ các chỉ tiêu của năm.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<GetTargetProgress.Result>> PostAsync(Request request, Handler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(request, ct));
}
