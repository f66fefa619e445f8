using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Hủy nhiệm vụ: a task that is no longer to be done leaves the plan with the reason, keeping its history
/// (<c>POST /api/plan-tasks/{id}/cancel</c> and the task page). Erasing is only for a task nobody worked on
/// (<see cref="DeletePlanTask"/>).</summary>
public static class CancelPlanTask
{
    public sealed record Request(string? Reason, int? Revision);

    public sealed class Handler(TargetsAccess access, AppDbContext db, TimeProvider clock, GetPlanTask.Handler get)
    {
        public async Task<GetPlanTask.View> HandleAsync(Guid id, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var (task, actor) = await PlanTaskAccess.WritableAsync(access, db, id, request.Revision, ct);
            task.Cancel(request.Reason, actor, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return await get.HandleAsync(task.Id, ct);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plan-tasks/{id:guid}/cancel", async (Guid id, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Plan tasks")
            .WithName("CancelPlanTask")
            .WithSummary("Hủy nhiệm vụ kèm lý do (bắt buộc), trên phiên bản (revision) đã xem: nhiệm vụ được giữ lại cùng lịch sử, trạng thái Đã hủy, " +
                         "không còn tính quá hạn.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
