using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin.Procedures;

[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class IndexModel(BrowseCatalog.Handler browse, ImportCatalog.Handler import) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    // "p", not "page": Razor Pages keeps the page's path in the "page" route value, which would win the binding.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public IFormFile? CatalogFile { get; set; }
    public BrowseCatalog.Result Result { get; private set; } = new([], 1, BrowseCatalog.DefaultPageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) => Result = await browse.HandleAsync(new BrowseCatalog.Query(Q, PageNumber), ct);

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (CatalogFile is null || CatalogFile.Length == 0) throw new DomainException("Hãy chọn tệp danh mục (JSON) để nhập.");
        await using var stream = CatalogFile.OpenReadStream();
        var entries = await CatalogJson.ReadAsync(stream, ct);
        return RedirectWithNotice($"Đã nhập danh mục: {await import.HandleAsync(entries, ct)}.", "/office/admin/procedures");
    }

    /// <summary>A file that is not the catalog's JSON is the administrator's mistake, said where it is.</summary>
    public override UserProblem? RefusalOf(Exception exception)
    {
        if (exception is not JsonException e) return base.RefusalOf(exception);
        var where = e.LineNumber is { } line ? $" (dòng {line + 1}{(e.Path is { } path ? $", vị trí {path}" : "")})" : "";
        return new(StatusCodes.Status422UnprocessableEntity, "Không thể thực hiện",
            $"Tệp không đúng định dạng JSON của danh mục thủ tục{where}. Kiểm tra cú pháp, tên trường và giá trị rồi nhập lại; chưa có thay đổi nào được lưu.");
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        Result = await browse.HandleAsync(new BrowseCatalog.Query(Q, PageNumber), ct);
        return true;
    }

    public string PageUrl(int page) =>
        $"/office/admin/procedures?{(string.IsNullOrWhiteSpace(Q) ? "" : $"q={Uri.EscapeDataString(Q)}&")}p={page}";
}
