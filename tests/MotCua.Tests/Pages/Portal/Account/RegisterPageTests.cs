using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Identity;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;

namespace MotCua.Tests.Pages.Portal.Account;

public sealed class RegisterPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Form(Citizens.Contact contact, string? phone = null) => new()
    {
        ["FullName"] = "  Đặng Văn Mới ",
        ["PersonalIdNumber"] = contact.IdNumber,
        ["Phone"] = phone ?? contact.Phone,
        ["Email"] = contact.Email,
        ["Address"] = "Số 5 ngõ 10, phường Một",
        ["Password"] = "MatKhau2026",
        ["ConfirmPassword"] = "MatKhau2026",
        ["Consent"] = "true",
    };

    private static async Task<IHtmlDocument> PageOfAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Register_WithValidDetails_CreatesAnUnverifiedCitizenAndSignsIn()
    {
        await app.SeedWorldAsync();
        var contact = Citizens.NewContact();
        var visitor = await OfficeClient.AnonymousAsync(app);

        var response = await visitor.PostFormAsync("/dang-ky", "/dang-ky?ReturnUrl=%2Fthu-tuc",
            Form(contact, phone: "+84 " + contact.Phone[1..4] + " " + contact.Phone[4..]));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/thu-tuc");
        var citizen = await app.WithDbAsync(db => db.Citizens.AsNoTracking().SingleAsync(c => c.PersonalIdNumber == contact.IdNumber, Ct));
        (citizen.UserName, citizen.FullName, citizen.PhoneNumber, citizen.Email, citizen.Address, citizen.VerifiedWithElectronicIdentity, citizen.EmailConfirmed)
            .ShouldBe((citizen.Id.ToString("N"), "Đặng Văn Mới", contact.Phone, contact.Email, "Số 5 ngõ 10, phường Một", false, false));
        var consent = await app.WithDbAsync(db => db.UserClaims.AsNoTracking().SingleAsync(c => c.UserId == citizen.Id, Ct));
        (consent.ClaimType, consent.ClaimValue).ShouldBe((PersonalDataConsent.ClaimType, $"{PersonalDataConsent.NoticeVersion}|2026-11-17T02:00:00Z"));
        (await Citizens.PasswordWorksAsync(app, citizen.Id, "MatKhau2026")).ShouldBeTrue();

        var home = await visitor.GetPageAsync("/");
        home.QuerySelector("nav.portal-nav")!.TextContent.ShouldContain("Đặng Văn Mới");
        var account = await visitor.GetPageAsync("/tai-khoan");
        account.QuerySelector("dl.facts")!.TextContent.ShouldContain(contact.IdNumber);
    }

    [Theory]
    [InlineData(null, "/ho-so-cua-toi")]
    [InlineData("https://lua-dao.example.com/", "/ho-so-cua-toi")]
    [InlineData("/tra-cuu", "/tra-cuu")]
    public async Task Register_GoesBackOnlyToALocalPage(string? returnUrl, string expected)
    {
        var visitor = await OfficeClient.AnonymousAsync(app);
        var form = Form(Citizens.NewContact());
        if (returnUrl is not null) form["ReturnUrl"] = returnUrl;

        var response = await visitor.PostFormAsync("/dang-ky", "/dang-ky", form);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("Phone", "090 123 4567", "Số điện thoại này đã được dùng")]
    [InlineData("Email", "DAN@example.vn", "Thư điện tử này đã được dùng")]
    public async Task Register_WhenThePhoneOrEmailHasAnAccount_IsRefusedAndCreatesNothing(string field, string value, string message)
    {
        await app.SeedWorldAsync();
        var before = await Citizens.CountAsync(app);
        var form = Form(Citizens.NewContact());
        form[field] = value;
        var visitor = await OfficeClient.AnonymousAsync(app);

        var page = await PageOfAsync(await visitor.PostFormAsync("/dang-ky", "/dang-ky", form));

        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        page.QuerySelector($"#{field}-error")!.TextContent.ShouldContain(message);
        page.QuerySelector($"[role=alert] a[href='#{field}']").ShouldNotBeNull();
        (await Citizens.CountAsync(app)).ShouldBe(before);
        (await app.WithDbAsync(db => db.Citizens.AnyAsync(c => c.PersonalIdNumber == form["PersonalIdNumber"] && c.FullName == "Đặng Văn Mới", Ct))).ShouldBeFalse();
        (await visitor.GetPageAsync("/")).QuerySelector("nav.portal-nav")!.TextContent.ShouldContain("Đăng nhập");
    }

    [Fact]
    public async Task Register_WithInvalidFields_ShowsEachProblemBesideItsFieldAndKeepsWhatWasTyped()
    {
        var before = await Citizens.CountAsync(app);
        var visitor = await OfficeClient.AnonymousAsync(app);
        var form = Form(Citizens.NewContact());
        form["PersonalIdNumber"] = "07919501";
        form["Phone"] = "12ab";
        form["Email"] = "khong-phai-thu";
        form["ConfirmPassword"] = "MatKhauKhac2026";
        form.Remove("Consent");

        var page = await PageOfAsync(await visitor.PostFormAsync("/dang-ky", "/dang-ky", form));

        page.QuerySelector("#PersonalIdNumber-error")!.TextContent.ShouldContain("gồm đúng 12 chữ số");
        page.QuerySelector("#Phone-error")!.TextContent.ShouldContain("Số điện thoại không hợp lệ");
        page.QuerySelector("#Email-error")!.TextContent.ShouldContain("Thư điện tử không hợp lệ");
        page.QuerySelector("#ConfirmPassword-error")!.TextContent.ShouldContain("không khớp");
        page.QuerySelector("#Consent-error")!.TextContent.ShouldContain("đồng ý với việc xử lý dữ liệu cá nhân");
        page.QuerySelectorAll("[role=alert] li").Length.ShouldBe(5);
        page.QuerySelector("#PersonalIdNumber")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("#PersonalIdNumber")!.GetAttribute("aria-describedby")!.ShouldContain("PersonalIdNumber-error");
        page.QuerySelector("#FullName")!.GetAttribute("value").ShouldBe("  Đặng Văn Mới ");
        page.QuerySelector("#Password")!.GetAttribute("value").ShouldBeNull();
        (await Citizens.CountAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task Register_WithoutPhoneOrEmail_AsksForOne()
    {
        var visitor = await OfficeClient.AnonymousAsync(app);
        var form = Form(Citizens.NewContact());
        form["Phone"] = "";
        form["Email"] = " ";

        var page = await PageOfAsync(await visitor.PostFormAsync("/dang-ky", "/dang-ky", form));

        page.QuerySelector("#Phone-error")!.TextContent.ShouldContain("ít nhất một trong hai");
        (await app.WithDbAsync(db => db.Citizens.AnyAsync(c => c.PersonalIdNumber == form["PersonalIdNumber"], Ct))).ShouldBeFalse();
    }

    [Fact]
    public async Task Register_WithAWeakPassword_ListsIdentitysRulesInVietnamese()
    {
        var visitor = await OfficeClient.AnonymousAsync(app);
        var form = Form(Citizens.NewContact());
        form["Password"] = form["ConfirmPassword"] = "abc";

        var page = await PageOfAsync(await visitor.PostFormAsync("/dang-ky", "/dang-ky", form));

        var error = page.QuerySelector("#Password-error")!.TextContent;
        error.ShouldContain("ít nhất 8 ký tự");
        error.ShouldContain("chữ hoa (A-Z)");
        error.ShouldContain("chữ số (0-9)");
        (await app.WithDbAsync(db => db.Citizens.AnyAsync(c => c.PersonalIdNumber == form["PersonalIdNumber"], Ct))).ShouldBeFalse();
    }

    [Fact]
    public async Task RegisterPage_LabelsEveryInputAndShowsTheConsentNotice()
    {
        var visitor = await OfficeClient.AnonymousAsync(app);

        var page = await visitor.GetPageAsync("/dang-ky");

        page.QuerySelectorAll("h1").Length.ShouldBe(1);
        foreach (var input in page.QuerySelectorAll("main input:not([type=hidden])"))
            page.QuerySelector($"label[for='{input.Id}']").ShouldNotBeNull(input.OuterHtml);
        page.QuerySelector("#consent-notice")!.TextContent.ShouldContain("Nghị định số 13/2023/NĐ-CP");
        page.QuerySelector("#Password-hint")!.TextContent.ShouldContain("ít nhất 8 ký tự");
        page.QuerySelector("a[href='/dang-nhap']").ShouldNotBeNull();
    }

    [Fact]
    public async Task RegisterPage_ForASignedInCitizen_GoesToTheirDossiers()
    {
        await app.SeedWorldAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);

        var response = await citizen.Http.GetAsync("/dang-ky", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/ho-so-cua-toi");
    }
}
