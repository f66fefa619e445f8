using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Dossiers;

/// <summary>Đánh giá tại quầy: the screen the desk official opens (in a window of its own) for the dossier just
/// returned and turns to the applicant. One question, then thanks; nothing on it leads into the office
/// (<c>_KioskLayout</c>). The rules (desk official of the dossier's units, the day of the return, first rating only)
/// are <see cref="RateAtDesk"/>'s.</summary>
public sealed class RateAtDeskModel(RateAtDesk.Handler handler) : ActionPageModel
{
    [BindProperty] public int? Score { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public RateAtDesk.View? Dossier { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await TryLoadAsync(async () => Dossier = await handler.GetAsync(id, ct)) is { } refused ? Refused(refused) : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await handler.HandleAsync(id, new RateAtDesk.Request(Score, Comment), ct);
        return RedirectWithNotice("Xin cảm ơn Ông/Bà đã đánh giá!", $"/office/dossiers/{id}/danh-gia-tai-quay");
    }

    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound) return Refused(problem);
        var id = Guid.TryParse(RouteData.Values["id"]?.ToString(), out var g) ? g : Guid.Empty;
        // The dossier again if it can still be read; the post's reason either way.
        await TryLoadAsync(async () => Dossier = await handler.GetAsync(id, ct));
        Error = problem.Detail;
        Response.StatusCode = problem.Status;
        return Page();
    }

    protected override Task<bool> ReloadAsync(CancellationToken ct) => Task.FromResult(true);

    private PageResult Refused(UserProblem problem)
    {
        (Dossier, Error) = (null, problem.Detail);
        var page = Page();
        page.StatusCode = problem.Status;
        return page;
    }
}
