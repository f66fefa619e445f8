using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Reception;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Reception;

/// <summary>Tiếp nhận hồ sơ trực tuyến: the desk official checks an online submission (e-form, files, fees) and
/// receives it, asks once for everything missing, or refuses it. Each action carries the revision the official
/// saw, so a colleague who acted first is reported instead of overwritten.</summary>
[Authorize(Policy = nameof(OfficialRole.DeskOfficial))]
public sealed class OnlineModel(
    GetOnlineReception.Handler reception, ReceiveOnline.Handler receive, RequestSupplement.Handler supplement, RefuseDossier.Handler refuse,
    AppDbContext db) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int? Revision { get; set; }
    [BindProperty] public string? MissingItems { get; set; }
    [BindProperty] public string? SupplementReason { get; set; }
    [BindProperty] public string? RefusalReason { get; set; }
    /// <summary>Set after a successful reception (post-redirect-get), to offer the receipt.</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public GetOnlineReception.View View { get; private set; } = null!;
    /// <summary>What the signatures of each stored PDF were worth when it was stored (a certified copy from the store…).</summary>
    public IReadOnlyDictionary<Guid, Features.Signatures.FileSignature> Signatures { get; private set; } = new Dictionary<Guid, Features.Signatures.FileSignature>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostReceiveAsync(CancellationToken ct) =>
        ActAsync(() => receive.HandleAsync(Id, new ReceiveOnline.Request(Revision), ct), $"/office/reception/online/{Id}?done=received");

    public Task<IActionResult> OnPostSupplementAsync(CancellationToken ct) =>
        ActAsync(() => supplement.HandleAsync(Id, new RequestSupplement.Request(SupplementReason ?? "", Lines(MissingItems), Revision), ct),
            $"/office/forms/02/{Id}");

    public Task<IActionResult> OnPostRefuseAsync(CancellationToken ct) =>
        ActAsync(() => refuse.HandleAsync(Id, new RefuseDossier.Request(RefusalReason ?? "", Revision), ct), $"/office/forms/03/{Id}");

    /// <summary>Redirect on success; a refusal is shown by <see cref="RefusedPostFilter"/> (<see cref="ShowRefusedAsync"/>).</summary>
    private static async Task<IActionResult> ActAsync(Func<Task<Dossier>> act, string next)
    {
        await act();
        return new RedirectResult(next);
    }

    /// <summary>Every refusal the API gives (403, 409, 422) is shown; a dossier out of reach is a 404.</summary>
    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    /// <summary>The page again as the dossier is now, with the reason and what the official typed kept.</summary>
    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct) =>
        problem.Status == StatusCodes.Status404NotFound ? NotFound() : await base.ShowRefusedAsync(problem, ct);

    protected override Task<bool> ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await reception.HandleAsync(Id, ct);
        if (view is null) return false;
        View = view;
        Signatures = await Features.Signatures.FileSignatures.ForAsync(db, view.Dossier.Files.Select(f => f.StoredFileId), ct);
        return true;
    }

    /// <summary>One missing item per line, as the official typed them.</summary>
    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length > 0).ToList();
}
