using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Identity;
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

    [Fact]
    public async Task SignOut_EndsEveryCopyOfTheSession()
    {
        await app.SeedWorldAsync();
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await http.GetAsync("/dang-nhap", Ct);
        var antiforgery = CookiesOf(login);
        var signedIn = await http.SendAsync(Post("/dang-nhap", antiforgery, await TokenAsync(login),
            new() { ["Identifier"] = TestData.CitizenEmail, ["Password"] = TestData.Password }), Ct);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The same cookie in two places: this browser, and a copy (a shared computer, a stolen cookie).
        var session = $"{antiforgery}; {CookiesOf(signedIn)}";
        (await http.SendAsync(Get("/ho-so-cua-toi", session), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var home = await http.SendAsync(Get("/", session), Ct);
        var signedOut = await http.SendAsync(Post("/dang-xuat", session, await TokenAsync(home), []), Ct);
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var copy = await http.SendAsync(Get("/ho-so-cua-toi", session), Ct);
        copy.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        copy.Headers.Location!.ToString().ShouldStartWith("/dang-nhap");
    }

    [Fact]
    public async Task SignInWithAnIdNumber_ClaimedByTwoUnverifiedAccounts_OpensNeither_ButTheVerifiedOneWhenThereIsOne()
    {
        var first = await Citizens.CreateAsync(app);
        var second = await Citizens.CreateAsync(app);
        await app.WithDbAsync(db => db.Citizens.Where(c => c.Id == second.Id)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.PersonalIdNumber, first.PersonalIdNumber), Ct));
        var visitor = await OfficeClient.AnonymousAsync(app);

        var ambiguous = await visitor.PostFormAsync("/dang-nhap", "/dang-nhap", new() { ["Identifier"] = first.PersonalIdNumber, ["Password"] = TestData.Password });
        ambiguous.StatusCode.ShouldBe(HttpStatusCode.OK, "neither claim proves the number");
        // Each holder still signs in with their own phone.
        (await OfficeClient.SignInCitizenAsync(app, second.PhoneNumber!)).ShouldNotBeNull();

        await app.WithDbAsync(db => db.Citizens.Where(c => c.Id == second.Id)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.VerifiedWithElectronicIdentity, true), Ct));
        var verified = await OfficeClient.SignInCitizenAsync(app, first.PersonalIdNumber);
        (await verified.GetPageAsync("/tai-khoan")).QuerySelector("#Phone")!.GetAttribute("value").ShouldBe(second.PhoneNumber);
    }

    [Fact]
    public async Task LockedAccount_AnswersLikeAnUnknownOne()
    {
        var locked = await Citizens.CreateAsync(app);
        await app.WithDbAsync(db => db.Citizens.Where(c => c.Id == locked.Id)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1)), Ct));
        var visitor = await OfficeClient.AnonymousAsync(app);

        async Task<string> AnswerAsync(string identifier)
        {
            var response = await visitor.PostFormAsync("/dang-nhap", "/dang-nhap", new() { ["Identifier"] = identifier, ["Password"] = TestData.Password });
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return (await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct))).QuerySelector("[role=alert]")!.TextContent.Trim();
        }

        var lockedAnswer = await AnswerAsync(locked.PhoneNumber!);
        var unknownAnswer = await AnswerAsync("0999999999");

        lockedAnswer.ShouldBe(unknownAnswer);
        lockedAnswer.ShouldBe("Số điện thoại, thư điện tử hoặc mật khẩu không đúng.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => !c.EndsWith('=')));

    private static async Task<string> TokenAsync(HttpResponseMessage page) =>
        (await OfficeClient.ParseAsync(await page.Content.ReadAsStringAsync(Ct))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static HttpRequestMessage Get(string url, string cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookies);
        return request;
    }

    private static HttpRequestMessage Post(string url, string cookies, string token, Dictionary<string, string> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
        };
        request.Headers.Add("Cookie", cookies);
        return request;
    }

    private static async Task<OfficeClient> OfficeClientFor(AppFactory app) => await OfficeClient.AnonymousAsync(app);
}
