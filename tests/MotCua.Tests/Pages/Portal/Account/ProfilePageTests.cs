using System.Net;
using AngleSharp.Html.Dom;
using MotCua.Tests.Features.Identity;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;

namespace MotCua.Tests.Pages.Portal.Account;

public sealed class ProfilePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Citizen Citizen, OfficeClient Client)> SignedInAsync(bool verified = false)
    {
        var citizen = await Citizens.CreateAsync(app, fullName: "Bùi Thị Tài Khoản");
        if (verified)
            await app.WithServiceAsync<LinkElectronicIdentity.Handler, LinkElectronicIdentity.Result>(h =>
                h.HandleAsync(new(LinkElectronicIdentity.VNeID, "vneid-" + citizen.Id.ToString("N"), citizen.PersonalIdNumber, citizen.FullName), citizen.Id, Ct));
        return (citizen, await OfficeClient.SignInCitizenAsync(app, citizen.PhoneNumber!));
    }

    private static async Task<IHtmlDocument> PageOfAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
    }

    private static Dictionary<string, string> Contact(string? phone, string? email, string? address = "Số 12 đường Mới") =>
        new() { ["Phone"] = phone ?? "", ["Email"] = email ?? "", ["Address"] = address ?? "" };

    [Fact]
    public async Task Profile_WhenNotSignedIn_SendsToThePortalLogin()
    {
        var visitor = await OfficeClient.AnonymousAsync(app);

        var response = await visitor.Http.GetAsync("/tai-khoan", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/dang-nhap?ReturnUrl=%2Ftai-khoan");
    }

    [Fact]
    public async Task Profile_ShowsTheIdNumberAndVerification_ButDoesNotLetThemBeEdited()
    {
        var (citizen, client) = await SignedInAsync();
        var (verifiedCitizen, verifiedClient) = await SignedInAsync(verified: true);

        var page = await client.GetPageAsync("/tai-khoan");
        var verifiedPage = await verifiedClient.GetPageAsync("/tai-khoan");

        page.QuerySelectorAll("h1").Length.ShouldBe(1);
        var facts = page.QuerySelector("dl.facts")!.TextContent;
        facts.ShouldContain(citizen.PersonalIdNumber);
        facts.ShouldContain("Chưa xác thực");
        verifiedPage.QuerySelector("dl.facts")!.TextContent.ShouldContain("Đã xác thực");
        verifiedPage.QuerySelector("dl.facts")!.TextContent.ShouldContain(verifiedCitizen.PersonalIdNumber);
        page.QuerySelector("input[name=PersonalIdNumber]").ShouldBeNull();
        page.QuerySelector("input[name=FullName]").ShouldBeNull();
        page.QuerySelector("#Phone")!.GetAttribute("value").ShouldBe(citizen.PhoneNumber);
        page.QuerySelector("#Email")!.GetAttribute("value").ShouldBe(citizen.Email);
        foreach (var input in page.QuerySelectorAll("main input:not([type=hidden])"))
            page.QuerySelector($"label[for='{input.Id}']").ShouldNotBeNull(input.OuterHtml);
    }

    [Fact]
    public async Task UpdateContact_SavesTheNormalisedDetails_AndKeepsTheCitizenSignedIn()
    {
        var (citizen, client) = await SignedInAsync();
        var fresh = Citizens.NewContact();

        var response = await client.PostFormAsync("/tai-khoan", "/tai-khoan?handler=Contact",
            Contact("+84 " + fresh.Phone[1..], fresh.Email, " Số 12 đường Mới, phường Một "));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/tai-khoan");
        var saved = await Citizens.ReloadAsync(app, citizen.Id);
        (saved.PhoneNumber, saved.Email, saved.Address, saved.EmailConfirmed).ShouldBe((fresh.Phone, fresh.Email, "Số 12 đường Mới, phường Một", false));
        saved.SecurityStamp.ShouldNotBe(citizen.SecurityStamp);
        (saved.PersonalIdNumber, saved.FullName).ShouldBe((citizen.PersonalIdNumber, citizen.FullName));
        var page = await client.GetPageAsync("/tai-khoan");
        page.QuerySelector("[role=status]")!.TextContent.ShouldContain("Đã lưu thông tin liên hệ");
        page.QuerySelector("#Phone")!.GetAttribute("value").ShouldBe(fresh.Phone);
        await OfficeClient.SignInCitizenAsync(app, fresh.Phone);
        await OfficeClient.SignInCitizenAsync(app, fresh.Email);
    }

    [Fact]
    public async Task UpdateContact_WithThePhoneOrEmailOfAnotherAccount_IsRefusedAndChangesNothing()
    {
        var other = await Citizens.CreateAsync(app);
        var (citizen, client) = await SignedInAsync();

        var page = await PageOfAsync(await client.PostFormAsync("/tai-khoan", "/tai-khoan?handler=Contact", Contact(other.PhoneNumber, other.Email!.ToUpperInvariant())));

        page.QuerySelector("#Phone-error")!.TextContent.ShouldContain("đã được dùng cho một tài khoản khác");
        page.QuerySelector("#Email-error")!.TextContent.ShouldContain("đã được dùng cho một tài khoản khác");
        var saved = await Citizens.ReloadAsync(app, citizen.Id);
        (saved.PhoneNumber, saved.Email, saved.Address, saved.SecurityStamp).ShouldBe((citizen.PhoneNumber, citizen.Email, citizen.Address, citizen.SecurityStamp));
    }

    [Fact]
    public async Task UpdateContact_KeepingTheirOwnPhone_IsNotADuplicate()
    {
        var (citizen, client) = await SignedInAsync();

        var response = await client.PostFormAsync("/tai-khoan", "/tai-khoan?handler=Contact", Contact(citizen.PhoneNumber, citizen.Email, "Địa chỉ mới"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await Citizens.ReloadAsync(app, citizen.Id);
        (saved.Address, saved.SecurityStamp).ShouldBe(("Địa chỉ mới", citizen.SecurityStamp));
    }

    [Fact]
    public async Task UpdateContact_RemovingBothPhoneAndEmail_IsRefused()
    {
        var (citizen, client) = await SignedInAsync();

        var page = await PageOfAsync(await client.PostFormAsync("/tai-khoan", "/tai-khoan?handler=Contact", Contact(null, null)));

        page.QuerySelector("#Phone-error")!.TextContent.ShouldContain("ít nhất một trong hai");
        (await Citizens.ReloadAsync(app, citizen.Id)).PhoneNumber.ShouldBe(citizen.PhoneNumber);
    }

    [Fact]
    public async Task ChangePassword_WithTheCurrentPassword_ChangesIt_AndTheOldOneStopsWorking()
    {
        var (citizen, client) = await SignedInAsync();

        var response = await client.PostFormAsync("/tai-khoan", "/tai-khoan?handler=Password", new()
        {
            ["CurrentPassword"] = TestData.Password, ["Password"] = "DoiMatKhau2026", ["ConfirmPassword"] = "DoiMatKhau2026",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetPageAsync("/tai-khoan")).QuerySelector("[role=status]")!.TextContent.ShouldContain("Đã đổi mật khẩu");
        (await Citizens.PasswordWorksAsync(app, citizen.Id, "DoiMatKhau2026")).ShouldBeTrue();
        (await Citizens.PasswordWorksAsync(app, citizen.Id, TestData.Password)).ShouldBeFalse();
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentPassword_IsRefusedAndChangesNothing()
    {
        var (citizen, client) = await SignedInAsync();

        var page = await PageOfAsync(await client.PostFormAsync("/tai-khoan", "/tai-khoan?handler=Password", new()
        {
            ["CurrentPassword"] = "SaiMatKhau1", ["Password"] = "DoiMatKhau2026", ["ConfirmPassword"] = "DoiMatKhau2026",
        }));

        page.QuerySelector("#CurrentPassword-error")!.TextContent.ShouldContain("Mật khẩu hiện tại không đúng");
        page.QuerySelector("#Phone-error").ShouldBeNull();
        (await Citizens.PasswordWorksAsync(app, citizen.Id, TestData.Password)).ShouldBeTrue();
    }

    [Fact]
    public async Task ChangePassword_WhenTheConfirmationDiffers_IsRefused()
    {
        var (citizen, client) = await SignedInAsync();

        var page = await PageOfAsync(await client.PostFormAsync("/tai-khoan", "/tai-khoan?handler=Password", new()
        {
            ["CurrentPassword"] = TestData.Password, ["Password"] = "DoiMatKhau2026", ["ConfirmPassword"] = "DoiMatKhau2027",
        }));

        page.QuerySelector("#ConfirmPassword-error")!.TextContent.ShouldContain("không khớp");
        (await Citizens.PasswordWorksAsync(app, citizen.Id, TestData.Password)).ShouldBeTrue();
    }

    [Fact]
    public async Task Profile_ForAnOfficial_IsForbidden()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var response = await desk.Http.GetAsync("/tai-khoan", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/status/403");
    }
}
