using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Pages.Office.Dossiers;

/// <summary>Search and lists of the official's units, one page at a time (the query runs in SQL and loads only
/// the page).</summary>
public sealed class IndexModel(ListDossiers.Handler lists) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public DossierList List { get; set; }
    [BindProperty(SupportsGet = true)] public DossierStatus? Status { get; set; }
    public int PageNumber { get; private set; } = 1;
    public ListDossiers.Page Result { get; private set; } = new([], 1, PageSize, false);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // "page" is Razor Pages' own route key (the page path), so it is read from the query string directly.
        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;
        if (!Enum.IsDefined(List)) List = DossierList.All;
        if (Status is { } s && !Enum.IsDefined(s)) Status = null;
        Result = await lists.HandleAsync(new ListDossiers.Query(List, Q, Status, PageNumber, PageSize), ct);
    }

    public string Title => string.IsNullOrWhiteSpace(Q) ? DossierDisplay.ListName(List) : $"Kết quả tìm kiếm \"{Q.Trim()}\"";

    public string PageUrl(int page) => DossierDisplay.ListUrl(List, Q, Status, page);
}
