using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Pages.Office.Forms;

/// <summary>"Tải PDF" of forms 01–06: the same file as <c>GET /api/dossiers/{id}/forms/{form}.pdf</c>, for the
/// signed-in office (cookie). Outside the official's units, a plain 404.</summary>
public sealed class FormPdfDownloadModel(DownloadFormPdf.Handler handler) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string form, Guid id, CancellationToken ct)
    {
        var r = await handler.DossierFormAsync(id, form, new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}"), ct);
        if (r.Pdf is { } pdf) return File(pdf, FormPdf.ContentType, r.FileName);
        return r.Detail is null ? NotFound() : StatusCode(r.Status, r.Detail);
    }
}
