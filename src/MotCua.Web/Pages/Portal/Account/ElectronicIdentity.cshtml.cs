using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Account;

/// <summary>Back from the national e-ID provider (docs/adr/0033b): the identity it vouched for signs the citizen in, links
/// the signed-in account, or — after the personal-data notice and consent — opens a verified account. What went wrong at the
/// provider (the citizen refused, a tampered or expired state) is told here in Vietnamese.</summary>
[AllowAnonymous]
public sealed class ElectronicIdentityModel(
    LinkElectronicIdentity.Handler link,
    SignInManager<AppUser> signIn,
    CurrentUser currentUser,
    TimeProvider clock,
    IOptions<ElectronicIdentityOptions> options) : ActionPageModel
{
    public const string ExpiredMessage =
        "Phiên đăng nhập bằng VNeID không còn hiệu lực (đã quá thời gian hoặc trang được mở trực tiếp). Vui lòng đăng nhập lại bằng VNeID.";

    [BindProperty(SupportsGet = true, Name = "loi")] public string? ProviderError { get; set; }
    [BindProperty] public bool Consent { get; set; }

    /// <summary>The identity waits for the citizen's consent before an account is opened with it.</summary>
    public LinkElectronicIdentity.VerifiedIdentity? Pending { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ProviderError is not null)
        {
            await ElectronicIdentitySignIn.ForgetAsync(HttpContext);
            Error = ProviderError == ElectronicIdentitySignIn.DeniedError
                ? "Bạn đã không đồng ý chia sẻ thông tin định danh điện tử với Cổng, nên chưa đăng nhập bằng VNeID. Bạn có thể thử lại, hoặc đăng nhập bằng số điện thoại, thư điện tử."
                : "Không hoàn tất được đăng nhập bằng VNeID: phản hồi từ hệ thống định danh điện tử không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại bằng VNeID.";
            return Page();
        }
        var external = await ElectronicIdentitySignIn.ReadAsync(HttpContext, options.Value);
        if (external is null)
        {
            Error = ExpiredMessage;
            return Page();
        }
        IActionResult? done = null;
        if (await TryLoadAsync(async () => done = await CompleteAsync(external.Value, null, ct)) is not null)
        {
            // Refused: the provider's answer is used once; trying again starts at the provider.
            await ElectronicIdentitySignIn.ForgetAsync(HttpContext);
            return Page();
        }
        return done!;
    }

    /// <summary>The citizen consented to the notice: the verified account is opened.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var external = await ElectronicIdentitySignIn.ReadAsync(HttpContext, options.Value) ?? throw new DomainException(ExpiredMessage);
        if (!Consent)
            throw new DomainException("Hãy đánh dấu đồng ý với việc xử lý dữ liệu cá nhân: Cổng cần dữ liệu này để tạo tài khoản và giải quyết hồ sơ của bạn.");
        return await CompleteAsync(external, clock.GetUtcNow(), ct);
    }

    private async Task<IActionResult> CompleteAsync(
        (LinkElectronicIdentity.VerifiedIdentity Identity, Guid? LinkTo, string? ReturnUrl) external, DateTimeOffset? consentAt, CancellationToken ct)
    {
        var (identity, linkTo, returnUrl) = external;
        // A link is for the account that asked for it, still signed in here.
        if (linkTo is { } asked && !(currentUser.IsCitizen && currentUser.Id == asked))
            throw new DomainException("Phiên đăng nhập trên Cổng đã thay đổi trong khi xác thực bằng VNeID, nên chưa liên kết tài khoản. Vui lòng đăng nhập rồi liên kết lại.");
        if (consentAt is null && await link.OpensNewAccountAsync(identity, linkTo, ct))
        {
            Pending = identity;
            return Page();
        }
        var result = await link.HandleAsync(identity, linkTo, ct, consentAt);
        await ElectronicIdentitySignIn.ForgetAsync(HttpContext);
        // A new session on the portal's own cookie (linking changed the account's security stamp).
        await signIn.SignInAsync(result.Citizen, isPersistent: false);
        return result.Outcome switch
        {
            LinkElectronicIdentity.Outcome.Linked => RedirectWithNotice("Đã liên kết tài khoản với định danh điện tử VNeID. Tài khoản đã được xác thực.", "/tai-khoan"),
            LinkElectronicIdentity.Outcome.Created => RedirectWithNotice("Đã mở tài khoản đã xác thực bằng định danh điện tử VNeID.", returnUrl ?? "/ho-so-cua-toi"),
            _ => LocalRedirect(linkTo is null ? returnUrl ?? "/ho-so-cua-toi" : "/tai-khoan"),
        };
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        var external = await ElectronicIdentitySignIn.ReadAsync(HttpContext, options.Value);
        if (external is null)
        {
            Error = ExpiredMessage;
            return true;
        }
        Pending = external.Value.Identity;
        return true;
    }
}
