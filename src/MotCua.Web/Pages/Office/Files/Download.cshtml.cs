using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Files;

/// <summary>A dossier's file for an official whose unit may see the dossier, under the name it was attached with.
/// Scans hold personal data, so nothing is cached on the way.</summary>
public sealed class DownloadModel(AppDbContext db, DossierActions actions, FileStore store, AuditLog audit) : PageModel
{
    /// <summary>Types a browser shows itself; anything else (Word drafts) is saved instead.</summary>
    private static readonly HashSet<string> Inline = ["application/pdf", "image/jpeg", "image/png"];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var file = await db.Set<DossierFile>().AsNoTracking().Where(f => f.Id == id)
            .Select(f => new { f.DossierId, f.StoredFileId, f.ExternalAddress, f.FileName, f.Purpose }).SingleOrDefaultAsync(ct);
        if (file is null) return NotFoundPage();
        var dossier = await db.Dossiers.AsNoTracking().Include(d => d.Coordinations).SingleAsync(d => d.Id == file.DossierId, ct);
        var scope = await actions.ScopeAsync(ct);
        // The same rule as the dossier page: its units, or a unit consulted on it.
        if (!DossierActions.InScope(dossier, scope) && !dossier.Coordinations.Any(c => scope.Contains(c.UnitId))) return NotFoundPage();
        await audit.RecordDownloadAsync(AuditKind.DossierFileDownloaded, nameof(DossierFile), id.ToString(),
            $"Tải tệp \"{file.FileName}\" của hồ sơ {dossier.Code}.",
            new { DossierId = dossier.Id, DossierCode = dossier.Code, ApplicantIdNumber = dossier.Applicant.IdNumber, file.FileName, file.Purpose }, ct);
        // A file of an imported dossier stays with the system that holds it: the office opens it there.
        if (file.StoredFileId is not { } storedId) return Redirect(file.ExternalAddress!);
        var stored = await db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == storedId, ct);

        var disposition = new ContentDispositionHeaderValue(Inline.Contains(stored.ContentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(store.OpenRead(stored), stored.ContentType);
    }

    private PageResult NotFoundPage()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
