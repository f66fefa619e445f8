using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Citizen.Dossiers;

/// <summary>One of the citizen's dossiers, and what they may do with it: answer a supplement request, withdraw it,
/// rate it. Each action posts the revision the page showed, so an official's change in between is reported instead
/// of being overwritten.</summary>
public sealed class DetailsModel(GetMyDossier.Handler get, AppDbContext db) : PageModel
{
    /// <summary>One row of the supplement form: a component of the dossier (or "other papers asked for") and the files for it.</summary>
    public sealed class UploadInput
    {
        /// <summary>A component id or <see cref="AnswerSupplementOnline.OtherPapers"/>, so bound as text.</summary>
        public string? ComponentId { get; set; }
        public List<IFormFile> Files { get; set; } = [];
    }

    public GetMyDossier.View? Dossier { get; private set; }
    public string? Error { get; private set; }
    [TempData] public string? Success { get; set; }

    /// <summary>Set between the two steps of a withdrawal: the reason is shown back for confirmation.</summary>
    public string? WithdrawalToConfirm { get; private set; }
    /// <summary>The revision the user saw when the action was first posted, carried through a confirmation step.</summary>
    public int? SeenRevision { get; private set; }

    public string? SupplementNote { get; private set; }
    public bool? RatingLiked { get; private set; }
    public int? RatingScore { get; private set; }
    public string? RatingComment { get; private set; }

    public Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => ShowAsync(code, null, StatusCodes.Status200OK, ct);

    public Task<IActionResult> OnPostSupplementAsync(string code, int? revision, string? note, List<UploadInput>? uploads,
        [FromServices] AnswerSupplementOnline.Handler handler, CancellationToken ct)
    {
        SupplementNote = note;
        var request = new AnswerSupplementOnline.Request(note, [.. (uploads ?? []).Select(u => AnswerSupplementOnline.Upload.From(u.ComponentId, u.Files))], revision);
        return ActAsync(code, async () =>
        {
            var d = await handler.HandleAsync(code, request, ct);
            return (d.Code!, d.PromisedDueAtUtc is { } due
                ? $"Đã gửi hồ sơ bổ sung. Thời gian giải quyết được tính tiếp, hẹn trả kết quả mới: {TrackingDisplay.Time(due)}."
                : "Đã gửi hồ sơ bổ sung.");
        }, ct);
    }

    /// <summary>Withdrawing cannot be undone: the first post shows the reason back for confirmation, the second acts.</summary>
    public Task<IActionResult> OnPostWithdrawAsync(string code, int? revision, string? reason, bool confirmed,
        [FromServices] WithdrawOnline.Handler handler, CancellationToken ct)
    {
        if (!confirmed)
        {
            if (Text.NormalizeOrNull(reason) is null)
                return ShowAsync(code, "Hãy ghi lý do rút hồ sơ.", StatusCodes.Status422UnprocessableEntity, ct);
            WithdrawalToConfirm = Text.Normalize(reason!);
            SeenRevision = revision;
            return ShowAsync(code, null, StatusCodes.Status200OK, ct);
        }
        return ActAsync(code, async () =>
        {
            var d = await handler.HandleAsync(code, new WithdrawOnline.Request(reason, revision), ct);
            return (d.Code!, "Đã rút hồ sơ. Cơ quan giải quyết dừng xử lý hồ sơ theo yêu cầu của bạn.");
        }, ct);
    }

    public Task<IActionResult> OnPostRateAsync(string code, bool? liked, int? score, string? comment, [FromServices] RateDossier.Handler handler, CancellationToken ct)
    {
        (RatingLiked, RatingScore, RatingComment) = (liked, score, comment);
        return ActAsync(code, async () =>
        {
            await handler.HandleAsync(code, new RateDossier.Request(liked, score, comment), ct);
            return (code, "Cảm ơn bạn đã đánh giá. Bạn có thể thay đổi đánh giá bất cứ lúc nào.");
        }, ct);
    }

    /// <summary>Post/redirect/get on success; on a refusal the page is shown again as the dossier is now, with the
    /// reason and the status code the API would give.</summary>
    private async Task<IActionResult> ActAsync(string code, Func<Task<(string Code, string Done)>> act, CancellationToken ct)
    {
        string error;
        int status;
        try
        {
            var (canonical, done) = await act();
            Success = done;
            return LocalRedirect(TrackingDisplay.DossierUrl(CitizenDossiers.NormalizeCode(canonical) ?? canonical));
        }
        catch (Exception e) when (UserProblem.Of(e) is { Status: not StatusCodes.Status404NotFound } problem) { (error, status) = (problem.Detail, problem.Status); }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        // Whatever the failed action left in the change tracker must not leak into the reload.
        db.ChangeTracker.Clear();
        return await ShowAsync(code, error, status, ct);
    }

    private async Task<IActionResult> ShowAsync(string code, string? error, int status, CancellationToken ct)
    {
        Dossier = await get.HandleAsync(code, ct);
        if (Dossier is null) return NotFoundPage();
        Error = error;
        if (RatingLiked is null && RatingScore is null && Dossier.Rating is { } rated)
            (RatingLiked, RatingScore, RatingComment) = (rated.Liked, rated.Score, rated.Comment);
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    private PageResult NotFoundPage()
    {
        Dossier = null;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
