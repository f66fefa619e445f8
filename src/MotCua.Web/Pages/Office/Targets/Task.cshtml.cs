using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Targets;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Targets;

/// <summary>A plan task: its details, the form to record status and evidence (text, a file), and its history; for the
/// officials who keep the plan, the forms to correct it, cancel it with a reason, or erase it when nobody worked on it.</summary>
public sealed class TaskModel(GetPlanTask.Handler get, UpdatePlanTask.Handler update, EditPlanTask.Handler edit, CancelPlanTask.Handler cancel,
    DeletePlanTask.Handler delete, TargetsAccess access, AppDbContext db, FileStore files) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public PlanTaskStatus? Status { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public int? Revision { get; set; }
    [BindProperty] public EditPlanTask.Request? Correction { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public GetPlanTask.View View { get; private set; } = null!;
    public bool CanWrite => access.CanWrite;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ReloadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEditAsync(CancellationToken ct)
    {
        await edit.HandleAsync(Id, (Correction ?? new EditPlanTask.Request(null, null, null, null, null, null, null, null, null)) with { Revision = Revision }, ct);
        return RedirectWithNotice("Đã sửa nhiệm vụ.", $"/office/targets/tasks/{Id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        await cancel.HandleAsync(Id, new CancelPlanTask.Request(Reason, Revision), ct);
        return RedirectWithNotice("Đã hủy nhiệm vụ.", $"/office/targets/tasks/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await ReloadAsync(ct)) return NotFound();
        var unit = View.Unit;
        await delete.HandleAsync(Id, Revision, ct);
        return RedirectWithNotice("Đã xóa nhiệm vụ.", $"/office/targets/tasks?unit={Uri.EscapeDataString(unit)}");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await update.HandleAsync(Id, new UpdatePlanTask.Request(Status, Evidence, Revision), Upload, ct);
        return RedirectWithNotice("Đã cập nhật nhiệm vụ.", $"/office/targets/tasks/{Id}");
    }

    /// <summary>An evidence file of this task (the current one or one in its history), for an official who may read the task.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid fileId, CancellationToken ct)
    {
        if (!await ReloadAsync(ct)) return NotFound();
        if (View.EvidenceFileId != fileId && View.History.All(h => h.FileId != fileId)) return NotFound();
        var stored = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, ct);
        if (stored is null) return NotFound();
        return File(files.OpenRead(stored), stored.ContentType, stored.FileName);
    }

    public override UserProblem? RefusalOf(Exception exception) =>
        exception is DomainException or ChangedException or NotFoundException or Features.Identity.ForbiddenException ? UserProblem.Of(exception) : null;

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        if (await get.FindAsync(Id, ct) is not { } view) return false;
        View = view;
        return true;
    }
}
