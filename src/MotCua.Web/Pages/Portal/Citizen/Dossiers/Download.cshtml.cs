using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Citizen.Dossiers;

/// <summary>A file of one of the citizen's dossiers: a paper of the dossier, or the result once returned.</summary>
public sealed class DownloadModel(GetMyFile.Handler files, FileStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code, Guid fileId, CancellationToken ct)
    {
        if (await files.HandleAsync(code, fileId, ct) is { } download)
            return download.ExternalAddress is { } address ? Redirect(address) : TrackingDisplay.Download(this, download, store);
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
