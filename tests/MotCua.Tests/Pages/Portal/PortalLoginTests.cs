using System.Net;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages.Portal;

public sealed class PortalLoginTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(TestData.CitizenPhone)]
    [InlineData("+84 901 234 567")]
    [InlineData(TestData.CitizenEmail)]
    [InlineData(TestData.CitizenIdNumber)]
    public async Task Citizen_SignsInWithPhoneEmailOrIdNumber(string identifier)
    {
        await app.SeedWorldAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, identifier);
        var home = await citizen.GetPageAsync("/");
        home.QuerySelector("nav.portal-nav")!.TextContent.ShouldContain(TestData.CitizenName);
        home.QuerySelector("nav.portal-nav")!.TextContent.ShouldContain("Đăng xuất");
    }

    [Fact]
    public async Task WrongPassword_IsRefusedInVietnamese_AndOfficialsCannotUseThePortalDoor()
    {
        await app.SeedWorldAsync();
        var anonymous = await OfficeClientFor(app);
        foreach (var (who, password) in new[] { (TestData.CitizenPhone, "SaiMatKhau1"), ("desk", TestData.Password) })
        {
            var response = await anonymous.PostFormAsync("/dang-nhap", "/dang-nhap", new() { ["Identifier"] = who, ["Password"] = password });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, who);
            var page = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("mật khẩu không đúng");
        }
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await app.SeedWorldAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenEmail);
        var response = await citizen.PostFormAsync("/", "/dang-xuat", []);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var home = await citizen.GetPageAsync("/");
        home.QuerySelector("nav.portal-nav")!.TextContent.ShouldContain("Đăng nhập");
        home.QuerySelector("nav.portal-nav")!.TextContent.ShouldNotContain(TestData.CitizenName);
    }

    private static async Task<OfficeClient> OfficeClientFor(AppFactory app) => await OfficeClient.AnonymousAsync(app);
}
