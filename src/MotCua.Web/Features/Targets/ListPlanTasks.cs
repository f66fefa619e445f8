using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>The plan tasks of a unit (and, with <c>subunits</c>, of the units under it), by deadline, filtered by status
/// and overdue: <c>GET /api/plan-tasks</c>, the office list and the count on the start page.</summary>
public static class ListPlanTasks
{
    public const int MaxItems = 500;

    public sealed record Query(string? Unit, PlanTaskStatus? Status, bool? Overdue, bool Subunits = false);

    public sealed record Item(Guid Id, string Unit, string UnitName, string? Plan, string? Number, string Title, string LeadUnits, string? CoordinatingUnits,
        DateOnly DueDate, string? DeadlineText, string? ExpectedProduct, PlanTaskStatus Status, string StatusName, bool Overdue, DateTime UpdatedAtUtc, string? UpdatedBy);

    public sealed record Result(string Unit, string UnitName, IReadOnlyList<Item> Items, int Overdue);

    public sealed class Handler(TargetsAccess access, AppDbContext db, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(query);
            var unit = await access.ReadableAsync(query.Unit, ct);
            var units = query.Subunits ? (await access.SubtreeAsync(unit.Id, ct)).ToList() : [unit.Id];
            var today = VietnamTime.Today(clock);
            var tasks = db.Set<PlanTask>().AsNoTracking().Where(t => units.Contains(t.UnitId));
            var overdueCount = await tasks.CountAsync(t => t.Status != PlanTaskStatus.Done && t.Status != PlanTaskStatus.Cancelled && t.DueDate < today, ct);
            if (query.Status is { } status) tasks = tasks.Where(t => t.Status == status);
            if (query.Overdue is true) tasks = tasks.Where(t => t.Status != PlanTaskStatus.Done && t.Status != PlanTaskStatus.Cancelled && t.DueDate < today);
            if (query.Overdue is false) tasks = tasks.Where(t => t.Status == PlanTaskStatus.Done || t.Status == PlanTaskStatus.Cancelled || t.DueDate >= today);
            var rows = await tasks.OrderBy(t => t.DueDate).ThenBy(t => t.Number).ThenBy(t => t.Id).Take(MaxItems)
                .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { Task = t, u.AgencyCode, u.Name }).ToListAsync(ct);
            return new Result(unit.AgencyCode, unit.Name,
                [.. rows.Select(r => new Item(r.Task.Id, r.AgencyCode, r.Name, r.Task.Plan, r.Task.Number, r.Task.Title, r.Task.LeadUnits, r.Task.CoordinatingUnits,
                    r.Task.DueDate, r.Task.DeadlineText, r.Task.ExpectedProduct, r.Task.Status, r.Task.Status.DisplayName(), r.Task.IsOverdue(today),
                    r.Task.UpdatedAtUtc, r.Task.UpdatedBy))],
                overdueCount);
        }
    }

    public static bool TryParseStatus(string? text, out PlanTaskStatus? status)
    {
        status = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim();
        if (char.IsDigit(t[0]) || t[0] == '-' || !Enum.TryParse<PlanTaskStatus>(t, true, out var parsed) || !Enum.IsDefined(parsed)) return false;
        status = parsed;
        return true;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plan-tasks", GetAsync)
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Plan tasks")
            .WithName("ListPlanTasks")
            .WithSummary("Nhiệm vụ của kế hoạch của đơn vị (mã định danh; subunits=true gồm cả đơn vị trực thuộc), theo hạn; lọc theo trạng thái " +
                         "(NotStarted, InProgress, Done, Cancelled) và quá hạn (overdue=true: đã qua hạn mà chưa hoàn thành).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<Result>, ValidationProblem>> GetAsync(Handler handler, CancellationToken ct,
        string? unit = null, string? status = null, bool? overdue = null, bool subunits = false)
    {
        if (!TryParseStatus(status, out var parsed))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"Trạng thái \"{status!.Trim()}\" không có. Các trạng thái: {string.Join(", ", Enum.GetNames<PlanTaskStatus>())}."],
            }, title: "Điều kiện lọc nhiệm vụ không hợp lệ");
        return TypedResults.Ok(await handler.HandleAsync(new Query(unit, parsed, overdue, subunits), ct));
    }
}
