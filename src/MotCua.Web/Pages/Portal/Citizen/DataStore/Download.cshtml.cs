using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Infrastructure;
using MotCua.Web.Pages.Portal.Citizen.Dossiers;

namespace MotCua.Web.Pages.Portal.Citizen.DataStore;

/// <summary>A document of the citizen's data store.</summary>
public sealed class DownloadModel(GetMyDocumentFile.Handler documents, FileStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await documents.HandleAsync(id, ct) is { } download) return TrackingDisplay.Download(this, download, store);
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
