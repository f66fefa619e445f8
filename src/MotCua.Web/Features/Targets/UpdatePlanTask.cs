using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Cập nhật nhiệm vụ: the status and the evidence (text and/or a file kept in the file store), on the revision the
/// official saw; the history records who, in which role and unit, when, and what. <c>POST /api/plan-tasks/{id}/updates</c>
/// (JSON, text evidence) and the task page (with a file).</summary>
public static class UpdatePlanTask
{
    public sealed record Request(PlanTaskStatus? Status, string? Evidence, int? Revision);

    public sealed class Handler(TargetsAccess access, AppDbContext db, FileIntake intake, TimeProvider clock, GetPlanTask.Handler get)
    {
        public async Task<GetPlanTask.View> HandleAsync(Guid id, Request request, IFormFile? file, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var actor = access.Writer();
            var task = await db.Set<PlanTask>().Include(t => t.History).SingleOrDefaultAsync(t => t.Id == id, ct);
            if (task is null || !await access.CanReadAsync(task.UnitId, ct)) throw new NotFoundException("Không tìm thấy nhiệm vụ.");
            if (request.Status is not { } status) throw new DomainException("Hãy chọn trạng thái của nhiệm vụ.");
            if (request.Revision is { } revision && revision != task.Revision)
                throw new ChangedException("Nhiệm vụ", $"{task.UpdatedBy} đã cập nhật nhiệm vụ lúc {VietnamTime.Format(task.UpdatedAtUtc)}; hãy xem lại trước khi cập nhật.");
            var now = clock.GetUtcNow().UtcDateTime;
            await using var batch = intake.Begin(db);
            var stored = file is null ? null : await batch.AcceptAsync(file, now, ct);
            task.Update(status, request.Evidence, stored?.Id, stored?.FileName, actor, now);
            await db.SaveChangesAsync(ct);
            batch.Committed();
            return await get.HandleAsync(task.Id, ct);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plan-tasks/{id:guid}/updates", async (Guid id, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, request, null, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Plan tasks")
            .WithName("UpdatePlanTask")
            .WithSummary("Cập nhật trạng thái (NotStarted, InProgress, Done) và kết quả, minh chứng của nhiệm vụ, trên phiên bản (revision) đã xem. " +
                         "Hoàn thành cần có minh chứng. Tệp minh chứng được đính kèm trên trang nhiệm vụ.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
