using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Feedback;

namespace MotCua.Web.Pages.Portal.Feedback;

/// <summary>Công khai kết quả trả lời phản ánh, kiến nghị: the published answers, newest first, searched without
/// diacritics. Personal data was masked when each was published.</summary>
[AllowAnonymous]
public sealed class PublishedModel(PublishedFeedback published) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }

    public PublishedFeedback.SearchResult Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await published.SearchAsync(Query, PageNumber, ct);
}
