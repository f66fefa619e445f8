using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Giao nhiệm vụ của kế hoạch (a row of Phụ lục 1): <c>POST /api/plan-tasks</c> and the office page.</summary>
public static class CreatePlanTask
{
    public sealed record Request(string? Unit, string? Plan, string? Number, string? Title, string? LeadUnits, string? CoordinatingUnits,
        DateOnly? DueDate, string? DeadlineText, string? ExpectedProduct);

    public sealed class Handler(TargetsAccess access, AppDbContext db, TimeProvider clock, GetPlanTask.Handler get)
    {
        public async Task<GetPlanTask.View> HandleAsync(Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var (unit, actor) = await access.WritableAsync(request.Unit, ct);
            var problems = PlanTask.Problems(request.Plan, request.Number, request.Title, request.LeadUnits, request.CoordinatingUnits,
                request.DeadlineText, request.ExpectedProduct);
            if (request.DueDate is null) problems.Add("Hãy nhập hạn hoàn thành (ngày cuối cùng của thời gian thực hiện).");
            if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
            var task = new PlanTask(unit.Id, request.Plan, request.Number, request.Title!, request.LeadUnits!, request.CoordinatingUnits,
                request.DueDate!.Value, request.DeadlineText, request.ExpectedProduct, actor, clock.GetUtcNow().UtcDateTime);
            db.Add(task);
            await db.SaveChangesAsync(ct);
            return await get.HandleAsync(task.Id, ct);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plan-tasks", async (Request request, Handler handler, CancellationToken ct) =>
            {
                var view = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/plan-tasks/{view.Id}", view);
            })
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Plan tasks")
            .WithName("CreatePlanTask")
            .WithSummary("Giao nhiệm vụ của kế hoạch cho đơn vị: nội dung, chủ trì, phối hợp, hạn hoàn thành (dueDate) và thời gian thực hiện " +
                         "như kế hoạch ghi (deadlineText), sản phẩm.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
