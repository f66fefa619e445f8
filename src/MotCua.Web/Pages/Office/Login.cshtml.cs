using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        // The office door is for officials only; citizens sign in on the portal.
        var user = await signIn.UserManager.FindByNameAsync(UserName.Trim()) as Official;
        switch (await SignInDoor.PasswordSignInAsync(signIn, UserName, user, Password))
        {
            case SignInDoor.Outcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/office");
            case SignInDoor.Outcome.Throttled:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Error = WebSecurity.TooManyRequests;
                return Page();
        }
        // The same answer for an unknown name, a wrong password and a locked account (the page explains the lock).
        Error = "Tên đăng nhập hoặc mật khẩu không đúng.";
        return Page();
    }
}
