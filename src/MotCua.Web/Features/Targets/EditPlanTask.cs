using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Sửa nhiệm vụ: corrects what the plan says of a task (content, lead and coordinating bodies, deadline,
/// product), on the revision the official saw; the history records each change. <c>PUT /api/plan-tasks/{id}</c> and the
/// task page. The unit of the task and every unit above it may edit it (the writer roles of <see cref="TargetsAccess"/>).</summary>
public static class EditPlanTask
{
    public sealed record Request(string? Plan, string? Number, string? Title, string? LeadUnits, string? CoordinatingUnits,
        DateOnly? DueDate, string? DeadlineText, string? ExpectedProduct, int? Revision);

    public sealed class Handler(TargetsAccess access, AppDbContext db, TimeProvider clock, GetPlanTask.Handler get)
    {
        public async Task<GetPlanTask.View> HandleAsync(Guid id, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var (task, actor) = await PlanTaskAccess.WritableAsync(access, db, id, request.Revision, ct);
            task.Edit(request.Plan, request.Number, request.Title, request.LeadUnits, request.CoordinatingUnits, request.DueDate,
                request.DeadlineText, request.ExpectedProduct, actor, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return await get.HandleAsync(task.Id, ct);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPut("/api/plan-tasks/{id:guid}", async (Guid id, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Plan tasks")
            .WithName("EditPlanTask")
            .WithSummary("Sửa nội dung, chủ trì, phối hợp, hạn hoàn thành, thời gian thực hiện, sản phẩm của nhiệm vụ, trên phiên bản (revision) đã xem; " +
                         "lịch sử ghi lại giá trị cũ và mới. Nhiệm vụ đã hủy không sửa được.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

/// <summary>Finding a plan task to change it: a writer role first, then the task within the official's reach (its unit or
/// a unit above it; otherwise not found), then the revision they saw.</summary>
internal static class PlanTaskAccess
{
    public static async Task<(PlanTask Task, Dossiers.Actor Actor)> WritableAsync(TargetsAccess access, AppDbContext db, Guid id, int? revision, CancellationToken ct)
    {
        var actor = access.Writer();
        var task = await db.Set<PlanTask>().Include(t => t.History).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || !await access.CanReadAsync(task.UnitId, ct)) throw new NotFoundException("Không tìm thấy nhiệm vụ.");
        if (revision is { } seen && seen != task.Revision)
            throw new ChangedException("Nhiệm vụ", $"{task.UpdatedBy} đã cập nhật nhiệm vụ lúc {VietnamTime.Format(task.UpdatedAtUtc)}; hãy xem lại trước khi thay đổi.");
        return (task, actor);
    }
}
