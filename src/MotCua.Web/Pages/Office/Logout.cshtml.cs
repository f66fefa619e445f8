using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Office;

public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/office");

    public async Task<IActionResult> OnPostAsync()
    {
        await SignInDoor.SignOutAsync(signIn, User);
        return Redirect("/office/login");
    }
}
