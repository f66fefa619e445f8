using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Targets;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Targets;

/// <summary>A campaign's weekly table: each week beside the earlier ones, milestones met or missed; for the officials who
/// keep the plan, the form to correct it and the button to delete it.</summary>
public sealed class CampaignModel(GetCampaign.Handler get, EditCampaign.Handler edit, DeleteCampaign.Handler delete, TargetsAccess access) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Start { get; set; }
    [BindProperty] public string? End { get; set; }
    [BindProperty] public string? Phases { get; set; }
    [BindProperty] public string? Weeks { get; set; }
    [BindProperty] public string? Milestones { get; set; }
    [BindProperty] public int? Revision { get; set; }
    public GetCampaign.View View { get; private set; } = null!;
    public bool CanWrite => access.CanWrite;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ReloadAsync(ct)) return NotFound();
        Name = View.Name;
        Decision = View.Decision;
        Start = View.Start.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        End = View.End.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Phases = CampaignLines.Format(View.Phases);
        Weeks = CampaignLines.Format(View.Schedule);
        Milestones = CampaignLines.Format(View.Milestones);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(CancellationToken ct)
    {
        if (!CampaignLines.TryDate(Start, out var start) || !CampaignLines.TryDate(End, out var end))
            throw new DomainException("Hãy nhập ngày bắt đầu và ngày kết thúc dạng dd/MM/yyyy.");
        var saved = await edit.HandleAsync(Id, new EditCampaign.Request(Name, Decision, start, end,
            CampaignLines.Phases(Phases), CampaignLines.Weeks(Weeks), CampaignLines.Milestones(Milestones), Revision), ct);
        return RedirectWithNotice($"Đã sửa chiến dịch \"{saved.Name}\".", $"/office/targets/campaigns/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await ReloadAsync(ct)) return NotFound();
        var unit = View.Unit;
        await delete.HandleAsync(Id, Revision, ct);
        return RedirectWithNotice($"Đã xóa chiến dịch \"{View.Name}\".", $"/office/targets/campaigns?unit={Uri.EscapeDataString(unit)}");
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
