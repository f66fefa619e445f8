using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Office;

public sealed class IndexModel : PageModel
{
    public string FullName { get; private set; } = "";

    public void OnGet() => FullName = User.FindFirst(IdentitySetup.FullNameClaim)?.Value ?? "";
}
