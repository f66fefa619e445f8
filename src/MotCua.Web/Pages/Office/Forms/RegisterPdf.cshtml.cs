using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Pages.Office.Forms;

/// <summary>"Tải PDF" of Mẫu số 07 for a period: the same file as <c>GET /api/forms/07.pdf</c>.</summary>
public sealed class RegisterPdfModel(DownloadFormPdf.Handler handler) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery] DateOnly? from, [FromQuery] DateOnly? to, CancellationToken ct)
    {
        var r = await handler.RegisterAsync(from, to, ct);
        if (r.Pdf is { } pdf) return File(pdf, FormPdf.ContentType, r.FileName);
        return StatusCode(r.Status, r.Detail ?? "");
    }
}
