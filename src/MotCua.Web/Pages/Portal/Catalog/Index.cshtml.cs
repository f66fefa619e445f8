using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Catalog;

namespace MotCua.Web.Pages.Portal.Catalog;

/// <summary>The public catalog: search and filters in a GET form, so that every list is a link that can be shared.
/// The query names are the API's (q, field, unitId, onlineLevel, onlineOnly, page). They are read from the query
/// string by hand: "page" is also the name of a Razor Pages route value, which model binding would take instead.</summary>
public sealed class IndexModel(SearchProcedures.Handler search, ListCatalogFilters.Handler filters) : PageModel
{
    public const int PageSize = SearchProcedures.DefaultPageSize;

    public string? Q { get; private set; }
    public string? Field { get; private set; }
    public Guid? UnitId { get; private set; }
    public OnlineLevel? OnlineLevel { get; private set; }
    public bool OnlineOnly { get; private set; }
    public int PageNumber { get; private set; } = 1;

    public ListCatalogFilters.Result Filters { get; private set; } = new([], []);
    public SearchProcedures.Result Found { get; private set; } = new([], 1, PageSize, 0);
    /// <summary>Filters of the link that could not be applied, and why.</summary>
    public List<string> Problems { get; } = [];

    public bool AnyFilter => Field is not null || UnitId is not null || OnlineLevel is not null || OnlineOnly;
    public bool AnyCondition => AnyFilter || !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Request.Query;
        Q = string.IsNullOrWhiteSpace(query["q"]) ? null : query["q"].ToString().Trim();
        Field = string.IsNullOrWhiteSpace(query["field"]) ? null : query["field"].ToString().Trim();
        if (!string.IsNullOrWhiteSpace(query["unitId"]))
        {
            if (Guid.TryParse(query["unitId"].ToString().Trim(), out var unit)) UnitId = unit;
            else Problems.Add("Đơn vị trong đường dẫn không hợp lệ; đang hiển thị thủ tục của mọi đơn vị.");
        }
        if (SearchProcedures.TryParseOnlineLevel(query["onlineLevel"], out var level)) OnlineLevel = level;
        else Problems.Add("Mức độ trực tuyến trong đường dẫn không hợp lệ; đang hiển thị mọi mức độ.");
        if (SearchProcedures.TryParseFlag(query["onlineOnly"], out var onlineOnly)) OnlineOnly = onlineOnly;
        if (int.TryParse(query["page"], out var page) && page > 1) PageNumber = page;

        Filters = await filters.HandleAsync(ct);
        var problems = new Dictionary<string, string[]>();
        var found = await search.TryHandleAsync(Query(), problems, ct);
        if (found is null)
        {
            // A shared link may name a field or unit that has since gone (a merger, a new catalog): say so and
            // show the list without that filter rather than an empty page.
            if (problems.ContainsKey("field"))
            {
                Problems.Add($"Không còn lĩnh vực mã \"{Field}\" trong danh mục; đang hiển thị mọi lĩnh vực.");
                Field = null;
            }
            if (problems.ContainsKey("unitId"))
            {
                Problems.Add("Đơn vị đã chọn không còn trong danh sách; đang hiển thị thủ tục của mọi đơn vị.");
                UnitId = null;
            }
            found = await search.HandleAsync(Query(), ct);
        }
        Found = found;
    }

    private SearchProcedures.Query Query() => new(Q, Field, OnlineLevel, PageNumber, PageSize, UnitId, OnlineOnly);

    public string? UnitName => Filters.Units.FirstOrDefault(u => u.Id == UnitId)?.Name;

    /// <summary>The link to another page of the same list.</summary>
    public string PageLink(int page)
    {
        var parts = new List<string>();
        if (Q is not null) parts.Add("q=" + Uri.EscapeDataString(Q));
        if (Field is not null) parts.Add("field=" + Uri.EscapeDataString(Field));
        if (UnitId is { } unit) parts.Add("unitId=" + unit);
        if (OnlineLevel is { } level) parts.Add("onlineLevel=" + level);
        if (OnlineOnly) parts.Add("onlineOnly=true");
        if (page > 1) parts.Add("page=" + page);
        return parts.Count == 0 ? "/thu-tuc" : "/thu-tuc?" + string.Join("&", parts);
    }
}
