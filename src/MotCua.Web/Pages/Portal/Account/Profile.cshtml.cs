using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Portal.Account;

/// <summary>Tài khoản: the citizen's own account — who it identifies (not editable), contact details, password.</summary>
[Authorize(Policy = IdentitySetup.CitizenPolicy)]
public sealed class ProfileModel(
    UpdateCitizenProfile.Handler updateProfile,
    ChangeCitizenPassword.Handler changePassword,
    SignInManager<AppUser> signIn,
    CurrentUser currentUser,
    Microsoft.Extensions.Options.IOptions<ElectronicIdentityOptions> electronicIdentity) : AccountPageModel
{
    /// <summary>Linking with the national e-ID is offered (ElectronicIdentity:Enabled).</summary>
    public bool ElectronicIdentity => electronicIdentity.Value.Enabled;

    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    [TempData] public string? Notice { get; set; }
    public Features.Identity.Citizen Account { get; private set; } = null!;
    public bool HasPassword { get; private set; }
    /// <summary>Which form the problems belong to, so each shows its own.</summary>
    public string? FailedForm { get; private set; }

    public string PasswordHint => CitizenAccountRules.PasswordHint(signIn.UserManager.Options.Password);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        (Phone, Email, Address) = (Account.PhoneNumber, Account.Email, Account.Address);
        return Page();
    }

    public async Task<IActionResult> OnPostContactAsync(CancellationToken ct) =>
        await DoneAsync("contact", await updateProfile.HandleAsync(currentUser.Id, new UpdateCitizenProfile.Request(Phone, Email, Address), ct),
            "Đã lưu thông tin liên hệ.");

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        var problems = await changePassword.HandleAsync(currentUser.Id, new ChangeCitizenPassword.Request(CurrentPassword, Password, ConfirmPassword), ct);
        (CurrentPassword, Password, ConfirmPassword) = (null, null, null);
        return await DoneAsync("password", problems, "Đã đổi mật khẩu. Các phiên đăng nhập trên thiết bị khác sẽ kết thúc.");
    }

    private async Task<IActionResult> DoneAsync(string form, IReadOnlyList<FieldProblem>? problems, string notice)
    {
        if (problems is null || !await LoadAsync()) return NotFound();
        if (problems.Count > 0)
        {
            (Problems, FailedForm) = (problems, form);
            return Page();
        }
        // The save changed the security stamp: renew this session's cookie so that only the other sessions end.
        await signIn.RefreshSignInAsync(Account);
        Notice = notice;
        return Redirect("/tai-khoan");
    }

    private async Task<bool> LoadAsync()
    {
        if (await signIn.UserManager.FindByIdAsync(currentUser.Id.ToString()) is not Features.Identity.Citizen citizen) return false;
        Account = citizen;
        HasPassword = await signIn.UserManager.HasPasswordAsync(citizen);
        return true;
    }
}
