using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Feedback;

namespace MotCua.Web.Pages.Office.Feedback;

/// <summary>Phản ánh, kiến nghị of the official's units: the next deadline of each, the late ones flagged, filtered by
/// status, lateness, category and channel, searched by code, title, sender or dossier code.</summary>
public sealed class IndexModel(OfficeFeedback reads) : PageModel
{
    /// <summary>What the last step did, when it led here (a transfer).</summary>
    [TempData] public string? Notice { get; set; }

    [BindProperty(SupportsGet = true)] public FeedbackStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Late { get; set; }
    [BindProperty(SupportsGet = true)] public FeedbackCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public FeedbackChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }

    public OfficeFeedback.ListResult Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await reads.ListAsync(new OfficeFeedback.Filter(Status, Late, Category, Channel, Q, PageNumber), ct);
}
