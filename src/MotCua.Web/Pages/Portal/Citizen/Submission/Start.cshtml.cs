using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.OnlineSubmission;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Citizen.Submission;

/// <summary>Nộp hồ sơ trực tuyến, bước đầu: where to submit, and (for a community digital team member) for whom.
/// Posting creates the draft and opens it.</summary>
public sealed class StartModel(StartDraft.Handler start) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public Guid? PlaceId { get; set; }
    [BindProperty] public bool OnBehalfOfAnother { get; set; }

    public StartDraft.View Procedure { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // One place only: nothing to choose, but the citizen still sees where it goes.
        if (Procedure.Places.Count == 1) PlaceId = Procedure.Places[0].Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var draft = await start.HandleAsync(new StartDraft.Request(Code, PlaceId, OnBehalfOfAnother), ct);
        return Redirect($"/nop-ho-so/nhap/{draft.Id}");
    }

    protected override Task<bool> ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await start.GetAsync(Code, ct);
        if (view is null) return false;
        Procedure = view;
        return true;
    }
}
