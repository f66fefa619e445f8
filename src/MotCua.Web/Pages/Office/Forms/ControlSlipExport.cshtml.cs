using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Pages.Office.Forms;

/// <summary>Mẫu số 06 as a spreadsheet. A slip has a few dozen rows at most, so it is built in memory.</summary>
public sealed class ControlSlipExportModel(ControlSlipForm.Builder builder) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await builder.BuildAsync(id, ct);
        if (result.Form is not { } form) return NotFound();
        var output = new MemoryStream();
        ControlSlipForm.WriteXlsx(form, output);
        output.Position = 0;
        return File(output, XlsxWriter.ContentType, $"mau-06-phieu-kiem-soat-{form.Code}.xlsx");
    }
}
