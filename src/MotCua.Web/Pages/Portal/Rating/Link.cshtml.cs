using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Rating;

/// <summary>The rating link sent with the return to an applicant without an account: no sign-in, the signed token names
/// the dossier, and the page shows only its code and summary, the one question and the rating given so far.</summary>
[AllowAnonymous]
public sealed class LinkModel(RateByLink.Handler handler) : ActionPageModel
{
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }
    [BindProperty] public int? Score { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public RateByLink.View? Dossier { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await TryLoadAsync(async () => Dossier = await handler.GetAsync(Token, ct)) is { } refused) return Refused(refused);
        (Score, Comment) = (Dossier!.Score, Dossier.Comment);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await handler.HandleAsync(Token, new RateByLink.Request(Score, Comment), ct);
        return RedirectWithNotice("Cảm ơn Ông/Bà đã đánh giá. Ông/Bà có thể thay đổi đánh giá bằng đường dẫn này trong thời hạn hiệu lực.",
            $"{RatingLinks.PagePath}?t={Uri.EscapeDataString(Token ?? "")}");
    }

    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Status == StatusCodes.Status404NotFound) return Refused(problem);
        Error = problem.Detail;
        Dossier = await handler.GetAsync(Token, ct);
        Response.StatusCode = problem.Status;
        return Page();
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        Dossier = await handler.GetAsync(Token, ct);
        return true;
    }

    /// <summary>A forged, altered or expired link: the reason, no dossier, no form.</summary>
    private PageResult Refused(UserProblem problem)
    {
        (Dossier, Error) = (null, problem.Detail);
        var page = Page();
        page.StatusCode = problem.Status;
        return page;
    }
}
