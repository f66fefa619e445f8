using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Portal.Account;

[AllowAnonymous]
public sealed class ForgotPasswordModel(RequestPasswordReset.Handler requestReset, IOptions<CitizenAccountOptions> options) : AccountPageModel
{
    [BindProperty] public string? Identifier { get; set; }
    [TempData] public bool Sent { get; set; }

    public string LinkLifetime => SendPasswordResetEmail.Duration(options.Value.PasswordResetLinkLifetime);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Problems = await requestReset.HandleAsync(Identifier, RequestBase, ct);
        if (Problems.Count > 0) return Page();
        // The same answer whether or not an account matched; redirected so that reloading does not send again.
        Sent = true;
        return Redirect("/quen-mat-khau");
    }
}
