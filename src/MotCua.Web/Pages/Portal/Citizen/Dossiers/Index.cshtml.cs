using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Tracking;

namespace MotCua.Web.Pages.Portal.Citizen.Dossiers;

/// <summary>Hồ sơ của tôi: the signed-in citizen's dossiers, newest first.</summary>
public sealed class IndexModel(ListMyDossiers.Handler list) : PageModel
{
    public ListMyDossiers.Page Dossiers { get; private set; } = new([], 1, 1, 0);

    public async Task OnGetAsync(int? trang, CancellationToken ct) => Dossiers = await list.HandleAsync(trang ?? 1, ct);
}
