using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Targets;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Targets;

/// <summary>Nhiệm vụ kế hoạch: the list with its filters (unit, status, overdue) and the form to assign a task.</summary>
public sealed class TasksModel(ListPlanTasks.Handler list, CreatePlanTask.Handler create, TargetsAccess access) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool Subunits { get; set; }
    [BindProperty] public string? Plan { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? LeadUnits { get; set; }
    [BindProperty] public string? CoordinatingUnits { get; set; }
    [BindProperty] public string? DueDate { get; set; }
    [BindProperty] public string? DeadlineText { get; set; }
    [BindProperty] public string? ExpectedProduct { get; set; }
    public ListPlanTasks.Result Result { get; private set; } = null!;
    public IReadOnlyList<UnitTree.Node> Choices { get; private set; } = [];
    public bool CanWrite => access.CanWrite;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ReloadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CampaignLines.TryDate(DueDate, out var due)) throw new DomainException("Hãy nhập hạn hoàn thành dạng dd/MM/yyyy.");
        var task = await create.HandleAsync(new CreatePlanTask.Request(Unit, Plan, Number, Title, LeadUnits, CoordinatingUnits, due, DeadlineText, ExpectedProduct), ct);
        return RedirectWithNotice("Đã giao nhiệm vụ.", $"/office/targets/tasks/{task.Id}");
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        if (await access.ReadableOrNullAsync(Unit, ct) is not { } unit) return false;
        if (!ListPlanTasks.TryParseStatus(Status, out var status)) status = null;
        Result = await list.HandleAsync(new ListPlanTasks.Query(unit.AgencyCode, status, Overdue ? true : null, Subunits), ct);
        Choices = await access.ChoicesAsync(ct);
        return true;
    }
}
