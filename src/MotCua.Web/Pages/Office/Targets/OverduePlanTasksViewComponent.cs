using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Targets;

namespace MotCua.Web.Pages.Office.Targets;

/// <summary>The start page's warning: the plan tasks of the official's unit and the units under it that are past their
/// deadline and not done. Nothing is shown when there are none.</summary>
public sealed class OverduePlanTasksViewComponent(ListPlanTasks.Handler list, TargetsAccess access) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (await access.ReadableOrNullAsync(null, HttpContext.RequestAborted) is null) return Content("");
        var result = await list.HandleAsync(new ListPlanTasks.Query(null, null, true, Subunits: true), HttpContext.RequestAborted);
        return result.Overdue == 0 ? Content("") : View("/Pages/Office/Targets/_OverdueTasks.cshtml", result);
    }
}
