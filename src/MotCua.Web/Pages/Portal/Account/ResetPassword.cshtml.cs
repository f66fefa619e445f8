using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Portal.Account;

[AllowAnonymous]
public sealed class ResetPasswordModel(ResetCitizenPassword.Handler reset, UserManager<AppUser> users) : AccountPageModel
{
    /// <summary>From the link in the e-mail; posted back in hidden fields.</summary>
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    /// <summary>False when the link can no longer be used: the page says so instead of showing the form.</summary>
    public bool LinkValid { get; private set; } = true;

    public string PasswordHint => CitizenAccountRules.PasswordHint(users.Options.Password);

    public async Task OnGetAsync(CancellationToken ct) => LinkValid = await reset.IsValidAsync(Id, Token, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var problems = await reset.HandleAsync(new ResetCitizenPassword.Request(Id, Token, Password, ConfirmPassword), ct);
        if (problems.Count == 0)
        {
            TempData[LoginModel.NoticeKey] = "Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới.";
            return Redirect("/dang-nhap");
        }
        LinkValid = problems.All(p => p.Message != ResetCitizenPassword.ExpiredLink);
        Problems = problems;
        return Page();
    }
}
