using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Xóa nhiệm vụ: only a task entered by mistake, that nobody has worked on (no update, no evidence), is erased;
/// any other is refused with the way out, cancelling it with a reason (<see cref="CancelPlanTask"/>).
/// <c>DELETE /api/plan-tasks/{id}?revision=</c> and the task page.</summary>
public static class DeletePlanTask
{
    public sealed class Handler(TargetsAccess access, AppDbContext db)
    {
        public async Task HandleAsync(Guid id, int? revision, CancellationToken ct)
        {
            var (task, _) = await PlanTaskAccess.WritableAsync(access, db, id, revision, ct);
            if (!task.CanDelete)
                throw new DomainException("Nhiệm vụ đã có cập nhật, minh chứng hoặc đã được sửa: không xóa được để giữ lịch sử. Hãy hủy nhiệm vụ và ghi lý do.");
            db.Remove(task);
            await db.SaveChangesAsync(ct);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/plan-tasks/{id:guid}", async (Guid id, int? revision, Handler handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(id, revision, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Plan tasks")
            .WithName("DeletePlanTask")
            .WithSummary("Xóa nhiệm vụ nhập nhầm, chưa có cập nhật hay minh chứng nào; nhiệm vụ đã có lịch sử thì phải hủy kèm lý do (422).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
