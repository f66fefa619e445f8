using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Feedback;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Feedback;

/// <summary>Gửi phản ánh, kiến nghị: open to anyone (a signed-in citizen's name and contact are taken from the account;
/// anyone else gives a way to be answered), limited per address like the other public forms. A signed-in citizen may
/// tie it to one of their dossiers and sees what they sent.</summary>
[AllowAnonymous]
[RequestSizeLimit(ReceiveFeedback.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ReceiveFeedback.MaxUploadBytes)]
public sealed class IndexModel(ReceiveFeedback.Handler receive, FeedbackDoor door, CurrentUser user, AppDbContext db) : ActionPageModel
{
    [BindProperty] public FeedbackCategory? Category { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty(Name = "Content")] public string? Body { get; set; }
    [BindProperty] public string? SenderName { get; set; }
    [BindProperty] public string? SenderPhone { get; set; }
    [BindProperty] public string? SenderEmail { get; set; }
    [BindProperty] public string? SenderAddress { get; set; }
    [BindProperty(SupportsGet = true, Name = "donvi")] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "hoso")] public string? DossierCode { get; set; }
    [BindProperty] public string? ProcedureCode { get; set; }
    [BindProperty] public string? RaisedAgainCode { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public bool Citizen => user.IsCitizen;
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];
    public IReadOnlyList<(string Code, string Title, FeedbackStatus Status)> Mine { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!door.TryEnter(HttpContext))
        {
            Error = WebSecurity.TooManyRequests;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await ReloadAsync(ct);
            return Page();
        }
        var receipt = await receive.FromPortalAsync(
            new ReceiveFeedback.Request(Category, Title, Body, SenderName, SenderPhone, SenderEmail, SenderAddress, Unit, DossierCode, ProcedureCode, RaisedAgainCode),
            Files, $"{Request.Scheme}://{Request.Host}", ct);
        return RedirectWithNotice(
            $"Đã gửi phản ánh, kiến nghị {receipt.Code} đến {receipt.Unit}; hạn trả lời {receipt.AnswerDue}. Hãy lưu địa chỉ của trang này để theo dõi và đánh giá kết quả trả lời.",
            $"/phan-anh/{receipt.Code}?key={Uri.EscapeDataString(receipt.AccessKey)}");
    }

    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Error = problem.Detail;
        Response.StatusCode = problem.Status;
        await ReloadAsync(ct);
        return Page();
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.AgencyCode, u.Name, u.Kind }).ToListAsync(ct);
        Units = [.. units.Where(u => UnitTree.IsAdministrative(u.Kind)).Select(u => (u.AgencyCode, u.Name))];
        if (user.IsCitizen)
        {
            var id = user.Id;
            var mine = await db.Set<FeedbackItem>().AsNoTracking().Where(f => f.CitizenAccountId == id).OrderByDescending(f => f.ReceivedAtUtc)
                .Take(50).Select(f => new { f.Code, f.Title, f.Status }).ToListAsync(ct);
            Mine = [.. mine.Select(f => (f.Code, f.Title, f.Status))];
        }
        return true;
    }
}
