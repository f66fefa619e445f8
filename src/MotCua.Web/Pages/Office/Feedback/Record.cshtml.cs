using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Feedback;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Feedback;

/// <summary>Records an item that came by the 1022 hotline, a letter or in person, for the official's unit (or a dossier
/// of it); a letter's scan may be attached.</summary>
public sealed class RecordModel(ReceiveFeedback.Handler receive) : ActionPageModel
{
    [BindProperty] public FeedbackChannel? Channel { get; set; }
    [BindProperty] public FeedbackCategory? Category { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty(Name = "Content")] public string? Body { get; set; }
    [BindProperty] public string? SenderName { get; set; }
    [BindProperty] public string? SenderPhone { get; set; }
    [BindProperty] public string? SenderEmail { get; set; }
    [BindProperty] public string? SenderAddress { get; set; }
    [BindProperty] public string? DossierCode { get; set; }
    [BindProperty] public string? RaisedAgainCode { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var receipt = await receive.RecordAsync(new ReceiveFeedback.RecordRequest(Channel,
                new ReceiveFeedback.Request(Category, Title, Body, SenderName, SenderPhone, SenderEmail, SenderAddress, null, DossierCode, null, RaisedAgainCode)),
            Files, $"{Request.Scheme}://{Request.Host}", ct);
        return RedirectWithNotice($"Đã ghi nhận phản ánh, kiến nghị {receipt.Code}; hạn trả lời {receipt.AnswerDue}.", $"/office/feedback/{receipt.Id}");
    }

    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    protected override Task<bool> ReloadAsync(CancellationToken ct) => Task.FromResult(true);
}
