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
public sealed class DetailsModel(GetMyDossier.Handler get, AppDbContext db) : ActionPageModel
{
    /// <summary>One row of the supplement form: a component of the dossier (or "other papers asked for") and the files for it.</summary>
    public sealed class UploadInput
    {
        /// <summary>A component id or <see cref="AnswerSupplementOnline.OtherPapers"/>, so bound as text.</summary>
        public string? ComponentId { get; set; }
        public List<IFormFile> Files { get; set; } = [];
    }

    public GetMyDossier.View? Dossier { get; private set; }

    /// <summary>The signature status of the dossier's signed PDFs, by the dossier file's id (docs/adr/0033a).</summary>
    public IReadOnlyDictionary<Guid, Features.Signatures.FileSignature> Signatures { get; private set; } = new Dictionary<Guid, Features.Signatures.FileSignature>();

    private async Task<Dictionary<Guid, Features.Signatures.FileSignature>> SignaturesOfAsync(GetMyDossier.View d, CancellationToken ct)
    {
        var ids = d.Results.SelectMany(r => r.Files).Concat(d.Components.SelectMany(c => c.Files)).Select(f => f.Id).ToList();
        if (ids.Count == 0) return new();
        var rows = await (from f in db.Set<DossierFile>()
                          where ids.Contains(f.Id)
                          join s in db.Set<Features.Signatures.FileSignature>() on f.StoredFileId equals (Guid?)s.StoredFileId
                          select new { f.Id, Signature = s }).AsNoTracking().ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Signature);
    }

    /// <summary>Set between the two steps of a withdrawal: the reason is shown back for confirmation.</summary>
    public string? WithdrawalToConfirm { get; private set; }
    /// <summary>The revision the user saw when the action was first posted, carried through a confirmation step.</summary>
    public int? SeenRevision { get; private set; }

    public string? SupplementNote { get; private set; }
    public int? RatingScore { get; private set; }
    /// <summary>The lowest score that is not a dislike.</summary>
    public const int LikedFromScore = SatisfactionRating.LikedFromScore;
    public string? RatingComment { get; private set; }

    public Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => ShowAsync(code, null, StatusCodes.Status200OK, ct);

    public Task<IActionResult> OnPostSupplementAsync(string code, int? revision, string? note, List<UploadInput>? uploads,
        [FromServices] AnswerSupplementOnline.Handler handler, CancellationToken ct)
    {
        SupplementNote = note;
        var request = new AnswerSupplementOnline.Request(note, [.. (uploads ?? []).Select(u => AnswerSupplementOnline.Upload.From(u.ComponentId, u.Files))], revision);
        return ActAsync(async () =>
        {
            var d = await handler.HandleAsync(code, request, ct);
            return (d.Code!, d.PromisedDueAtUtc is { } due
                ? $"Đã gửi hồ sơ bổ sung. Thời gian giải quyết được tính tiếp, hẹn trả kết quả mới: {TrackingDisplay.Time(due)}."
                : "Đã gửi hồ sơ bổ sung.");
        });
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
        return ActAsync(async () =>
        {
            var d = await handler.HandleAsync(code, new WithdrawOnline.Request(reason, revision), ct);
            return (d.Code!, "Đã rút hồ sơ. Cơ quan giải quyết dừng xử lý hồ sơ theo yêu cầu của bạn.");
        });
    }

    /// <summary>The form asks one question, the 1–5 score; "Bình thường" (3) and above is not a dislike (indicator 5.4
    /// counts dislikes), below it is. Without a score the handler asks for one.</summary>
    public Task<IActionResult> OnPostRateAsync(string code, int? score, string? comment, [FromServices] RateDossier.Handler handler, CancellationToken ct)
    {
        (RatingScore, RatingComment) = (score, comment);
        return ActAsync(async () =>
        {
            await handler.HandleAsync(code, new RateDossier.Request(score is not { } s || s >= LikedFromScore, score, comment), ct);
            return (code, "Cảm ơn bạn đã đánh giá. Bạn có thể thay đổi đánh giá bất cứ lúc nào.");
        });
    }

    /// <summary>Post/redirect/get; a refusal is shown by <see cref="RefusedPostFilter"/> (<see cref="ShowRefusedAsync"/>).</summary>
    private async Task<IActionResult> ActAsync(Func<Task<(string Code, string Done)>> act)
    {
        var (canonical, done) = await act();
        return RedirectWithNotice(done, TrackingDisplay.DossierUrl(CitizenDossiers.NormalizeCode(canonical) ?? canonical));
    }

    /// <summary>Every refusal the API gives (403, 409, 422) is shown, with the API's status code.</summary>
    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    /// <summary>The page again with the dossier as it is now and the reason; a dossier out of reach is this page's 404.</summary>
    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        if (problem.Status == StatusCodes.Status404NotFound) return NotFoundPage();
        return await ShowAsync(RouteCode, problem.Detail, problem.Status, ct);
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct) => (Dossier = await get.HandleAsync(RouteCode, ct)) is not null;

    private string RouteCode => RouteData.Values["code"]?.ToString() ?? "";

    private async Task<IActionResult> ShowAsync(string code, string? error, int status, CancellationToken ct)
    {
        Dossier = await get.HandleAsync(code, ct);
        if (Dossier is null) return NotFoundPage();
        Signatures = await SignaturesOfAsync(Dossier, ct);
        Error = error;
        if (RatingScore is null && Dossier.Rating is { } rated)
            (RatingScore, RatingComment) = (rated.Score, rated.Comment);
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
