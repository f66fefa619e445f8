using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Targets;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Targets;

/// <summary>Chiến dịch: a unit's campaigns and the form to launch one.</summary>
public sealed class CampaignsModel(ListCampaigns.Handler list, CreateCampaign.Handler create, TargetsAccess access) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Start { get; set; }
    [BindProperty] public string? End { get; set; }
    [BindProperty] public string? Phases { get; set; }
    [BindProperty] public string? Weeks { get; set; }
    [BindProperty] public string? Milestones { get; set; }
    public ListCampaigns.Result Result { get; private set; } = null!;
    public IReadOnlyList<UnitTree.Node> Choices { get; private set; } = [];
    public bool CanWrite => access.CanWrite;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ReloadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CampaignLines.TryDate(Start, out var start) || !CampaignLines.TryDate(End, out var end))
            throw new DomainException("Hãy nhập ngày bắt đầu và ngày kết thúc dạng dd/MM/yyyy.");
        var created = await create.HandleAsync(new CreateCampaign.Request(Unit, Name, Decision, start, end,
            CampaignLines.Phases(Phases), CampaignLines.Weeks(Weeks), CampaignLines.Milestones(Milestones)), ct);
        return RedirectWithNotice($"Đã lập chiến dịch \"{created.Name}\".", $"/office/targets/campaigns/{created.Id}");
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        if (await access.ReadableOrNullAsync(Unit, ct) is not { } unit) return false;
        Result = await list.HandleAsync(unit.AgencyCode, ct);
        Choices = await access.ChoicesAsync(ct);
        return true;
    }
}
