using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Portal.Account;

[AllowAnonymous]
public sealed class RegisterModel(RegisterCitizen.Handler register, SignInManager<AppUser> signIn) : AccountPageModel
{
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? PersonalIdNumber { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    [BindProperty] public bool Consent { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string PasswordHint => CitizenAccountRules.PasswordHint(signIn.UserManager.Options.Password);

    public IActionResult OnGet() => SignedInAsCitizen ? ReturnTo(ReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await register.HandleAsync(
            new RegisterCitizen.Request(FullName, PersonalIdNumber, Phone, Email, Address, Password, ConfirmPassword, Consent), ct);
        if (result.Citizen is null)
        {
            Problems = result.Problems;
            return Page();
        }
        await signIn.SignInAsync(result.Citizen, isPersistent: false);
        return ReturnTo(ReturnUrl);
    }
}
