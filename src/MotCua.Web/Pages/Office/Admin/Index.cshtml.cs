using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Office.Admin;

[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class IndexModel : PageModel
{
    public void OnGet() { }
}
