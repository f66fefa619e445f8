using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Feedback;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Feedback;

/// <summary>The sender's page of an item: its steps and deadline, the answer, the like/dislike, and the information asked
/// for. Opened from the citizen's account, or by anyone with the key of the link given when it was sent; anyone else
/// gets 404.</summary>
[AllowAnonymous]
public sealed class DetailsModel(SenderFeedback sender) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    [BindProperty] public bool? Liked { get; set; }
    [BindProperty] public string? Information { get; set; }
    [BindProperty] public int? Revision { get; set; }

    public SenderFeedback.View View { get; private set; } = null!;

    public string SelfUrl => $"/phan-anh/{Code}" + (Key is null ? "" : "?key=" + Uri.EscapeDataString(Key));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ReloadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRateAsync(CancellationToken ct)
    {
        var item = await sender.RateAsync(Code, new SenderFeedback.RateRequest(Liked, Key), ct);
        return RedirectWithNotice(item.SenderLiked == true ? "Cảm ơn bạn đã đánh giá: Hài lòng." : "Cảm ơn bạn đã đánh giá: Không hài lòng.", SelfUrl);
    }

    public async Task<IActionResult> OnPostInformationAsync(CancellationToken ct)
    {
        await sender.ProvideInfoAsync(Code, new SenderFeedback.InfoRequest(Information, Key, Revision), ct);
        return RedirectWithNotice("Đã gửi thông tin bổ sung đến cơ quan xử lý.", SelfUrl);
    }

    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Status == StatusCodes.Status404NotFound) return NotFound();
        Error = problem.Detail;
        Response.StatusCode = problem.Status;
        return await ReloadAsync(ct) ? Page() : NotFound();
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        if (await sender.FindViewAsync(Code, Key, ct) is not { } view) return false;
        View = view;
        return true;
    }
}
