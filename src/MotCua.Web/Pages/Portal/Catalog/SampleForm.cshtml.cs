using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Catalog;

namespace MotCua.Web.Pages.Portal.Catalog;

/// <summary>The blank form of a component as a Word file, generated from the current version (docs/adr/0014).</summary>
public sealed class SampleFormModel(GetProcedure.Handler procedures) : PageModel
{
    public string Message { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, string componentCode, CancellationToken ct)
    {
        var procedure = await procedures.HandleAsync(code, ct);
        var component = procedure is null ? null : SampleForm.Find(procedure.Content, componentCode);
        if (procedure is null || component is null)
        {
            Message = procedure is null
                ? $"Không có thủ tục mã “{code}” trong danh mục, nên không có mẫu đơn, tờ khai để tải."
                : $"Thủ tục “{procedure.Content.Name}” không có mẫu đơn, tờ khai cho thành phần hồ sơ này.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var bytes = SampleForm.Build(procedure.Code, procedure.VersionNumber, procedure.Content, component);
        return File(bytes, SampleForm.ContentType, SampleForm.FileName(component));
    }
}
