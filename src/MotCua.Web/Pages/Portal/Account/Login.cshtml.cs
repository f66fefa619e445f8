using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signIn, Microsoft.Extensions.Options.IOptions<ElectronicIdentityOptions> electronicIdentity) : PageModel
{
    /// <summary>Sign-in with the national e-ID is offered (ElectronicIdentity:Enabled).</summary>
    public bool ElectronicIdentity => electronicIdentity.Value.Enabled;

    /// <summary>TempData key of a message from the page that sent the citizen here (e.g. after a password reset).</summary>
    public const string NoticeKey = "AccountNotice";

    [BindProperty] public string Identifier { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public string? Notice => TempData[NoticeKey] as string;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The portal's door is for citizens; officials sign in at the office.
        var citizen = await CitizenAccounts.FindAsync(signIn.UserManager, Identifier, ct);
        switch (await SignInDoor.PasswordSignInAsync(signIn, Identifier, citizen, Password))
        {
            case SignInDoor.Outcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/ho-so-cua-toi");
            case SignInDoor.Outcome.Throttled:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Error = WebSecurity.TooManyRequests;
                return Page();
        }
        // The same answer for an unknown account, a wrong password and a locked account (the page explains the lock).
        Error = "Số điện thoại, thư điện tử hoặc mật khẩu không đúng.";
        return Page();
    }
}
