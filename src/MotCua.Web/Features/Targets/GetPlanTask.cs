using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>One plan task with its history: <c>GET /api/plan-tasks/{id}</c> and /office/targets/tasks/{id}.</summary>
public static class GetPlanTask
{
    public sealed record Update(DateTime AtUtc, string ActorName, string ActorRole, string? UnitName, PlanTaskStatus? FromStatus, PlanTaskStatus ToStatus,
        string? Evidence, Guid? FileId, string? FileName);

    public sealed record View(Guid Id, Guid UnitId, string Unit, string UnitName, string? Plan, string? Number, string Title, string LeadUnits,
        string? CoordinatingUnits, DateOnly DueDate, string? DeadlineText, string? ExpectedProduct, PlanTaskStatus Status, string StatusName,
        bool Overdue, string? Evidence, Guid? EvidenceFileId, string? EvidenceFileName, DateTime UpdatedAtUtc, string? UpdatedBy, int Revision,
        IReadOnlyList<Update> History);

    public sealed class Handler(TargetsAccess access, AppDbContext db, UnitTree tree, TimeProvider clock)
    {
        public async Task<View> HandleAsync(Guid id, CancellationToken ct) =>
            await FindAsync(id, ct) ?? throw new NotFoundException("Không tìm thấy nhiệm vụ.");

        /// <summary>The task, or null when it does not exist or is out of the official's reach.</summary>
        public async Task<View?> FindAsync(Guid id, CancellationToken ct)
        {
            var task = await db.Set<PlanTask>().AsNoTracking().Include(t => t.History).SingleOrDefaultAsync(t => t.Id == id, ct);
            if (task is null || !await access.CanReadAsync(task.UnitId, ct)) return null;
            var unit = (await tree.FindAsync(task.UnitId, ct))!;
            return new View(task.Id, task.UnitId, unit.AgencyCode, unit.Name, task.Plan, task.Number, task.Title, task.LeadUnits, task.CoordinatingUnits,
                task.DueDate, task.DeadlineText, task.ExpectedProduct, task.Status, task.Status.DisplayName(), task.IsOverdue(VietnamTime.Today(clock)),
                task.Evidence, task.EvidenceFileId, task.EvidenceFileName, task.UpdatedAtUtc, task.UpdatedBy, task.Revision,
                [.. task.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id)
                    .Select(h => new Update(h.AtUtc, h.ActorName, h.ActorRole, h.UnitName, h.FromStatus, h.ToStatus, h.Evidence, h.FileId, h.FileName))]);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plan-tasks/{id:guid}", async (Guid id, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Plan tasks")
            .WithName("GetPlanTask")
            .WithSummary("Nhiệm vụ của kế hoạch với trạng thái, minh chứng, quá hạn hay không và lịch sử cập nhật (ai, vai trò, đơn vị, khi nào).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
