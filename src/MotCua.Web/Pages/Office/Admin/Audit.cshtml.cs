using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Office.Admin;

/// <summary>Nhật ký quản trị: who changed what in the administration, and who downloaded which personal file,
/// newest first, of one kind or all.</summary>
[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class AuditModel(ListAuditEntries.Handler list) : PageModel
{
    public const string Path = "/office/admin/nhat-ky";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    [BindProperty(SupportsGet = true, Name = "kind")] public string? Kind { get; set; }
    // "p", not "page": Razor Pages keeps the page's path in the "page" route value, which would win the binding.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "size")] public int PageSize { get; set; } = ListAuditEntries.DefaultPageSize;
    public AuditKind? SelectedKind { get; private set; }
    public ListAuditEntries.Result Entries { get; private set; } = new([], 1, ListAuditEntries.DefaultPageSize, 0);
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ListAuditEntries.TryParseKind(Kind, out var kind))
        {
            Error = ListAuditEntries.KindProblem(Kind!);
            Kind = null;
        }
        SelectedKind = kind;
        PageSize = Math.Clamp(PageSize, 1, ListAuditEntries.MaxPageSize);
        Entries = await list.HandleAsync(new ListAuditEntries.Query(kind, null, Math.Max(1, PageNumber), PageSize), ct);
    }

    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (SelectedKind is { } kind) query.Add("kind=" + kind);
        if (page > 1) query.Add(string.Create(CultureInfo.InvariantCulture, $"p={page}"));
        if (PageSize != ListAuditEntries.DefaultPageSize) query.Add(string.Create(CultureInfo.InvariantCulture, $"size={PageSize}"));
        return query.Count == 0 ? Path : Path + "?" + string.Join("&", query);
    }

    public static string Pretty(JsonElement? element) => element is { } e ? JsonSerializer.Serialize(e, Indented) : "";
}
