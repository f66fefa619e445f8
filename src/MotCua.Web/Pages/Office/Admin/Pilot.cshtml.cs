using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin;

/// <summary>Danh sách thủ tục chỉ tiếp nhận trực tuyến: one checkbox per procedure; saving publishes a new version
/// of each procedure whose flag changed.</summary>
[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class PilotModel(BrowseCatalog.Handler browse, SetOnlineOnlyPilot.Handler setPilot) : ActionPageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    // "p", not "page": Razor Pages keeps the page's path in the "page" route value, which would win the binding.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    /// <summary>Codes listed on the page that was saved: only these are changed, so paging cannot clear the others.</summary>
    [BindProperty] public List<string> Shown { get; set; } = [];
    /// <summary>Codes whose box was ticked.</summary>
    [BindProperty] public List<string> Pilot { get; set; } = [];
    [BindProperty] public string? Decision { get; set; }
    public BrowseCatalog.Result Result { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var ticked = Pilot.ToHashSet(StringComparer.Ordinal);
        var flags = Shown.Distinct(StringComparer.Ordinal).ToDictionary(code => code, ticked.Contains, StringComparer.Ordinal);
        var result = await setPilot.HandleAsync(new SetOnlineOnlyPilot.Request(flags, Decision), ct);
        return RedirectWithNotice(result.Changed.Count == 0
                ? "Danh sách không thay đổi."
                : $"Đã công bố phiên bản mới cho {result.Changed.Count} thủ tục: {string.Join(", ", result.Changed)}.",
            PageUrl(PageNumber));
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // Show the boxes as they were ticked, so that the administrator can correct and save again.
        var ticked = Pilot.ToHashSet(StringComparer.Ordinal);
        Result = Result with { Items = [.. Result.Items.Select(i => Shown.Contains(i.Code) ? i with { OnlineOnlyPilot = ticked.Contains(i.Code) } : i)] };
        return true;
    }

    public string PageUrl(int page) =>
        $"/office/admin/pilot?{(string.IsNullOrWhiteSpace(Q) ? "" : $"q={Uri.EscapeDataString(Q)}&")}p={page}";

    private async Task LoadAsync(CancellationToken ct) => Result = await browse.HandleAsync(new BrowseCatalog.Query(Q, PageNumber, PageSize), ct);
}
