using System.Globalization;
using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Identity.Sandbox;

namespace MotCua.Tests.Features.Identity;

/// <summary>Sign-in with the national e-ID end to end over HTTP: the portal's OpenID Connect handler (code flow with PKCE)
/// against the app's own simulated provider, each redirect followed by hand with the browser's cookies — a new person
/// opens a verified account, a password account links, an identity never goes to a second account, a different ID number
/// is refused, and a tampered state, PKCE challenge or replayed callback ends on the Vietnamese page with nothing signed in.</summary>
public sealed class ElectronicIdentitySignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _people;

    private static (string IdNumber, string Phone) NewPerson()
    {
        var n = Interlocked.Increment(ref _people);
        return (string.Create(CultureInfo.InvariantCulture, $"0361880{n:D5}"), string.Create(CultureInfo.InvariantCulture, $"0977{n:D6}"));
    }

    /// <summary>Follows redirects by hand from <paramref name="response"/>; the last answer and its address.</summary>
    private static async Task<(HttpResponseMessage Response, Uri Url)> FollowAsync(OfficeClient browser, HttpResponseMessage response, Uri from)
    {
        for (var hops = 0; hops < 10 && (int)response.StatusCode is >= 300 and < 400; hops++)
        {
            from = new Uri(from, response.Headers.Location!);
            response = await browser.Http.GetAsync(from, Ct);
        }
        return (response, from);
    }

    /// <summary>Starts at the portal's button and stops at the simulated provider's confirmation page.</summary>
    private static async Task<(IHtmlDocument Page, Uri Url)> ToProviderAsync(OfficeClient browser, string start = "/dang-nhap/vneid")
    {
        var started = await browser.Http.GetAsync(start, Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = new Uri(new Uri("http://localhost"), started.Headers.Location!);
        authorize.AbsolutePath.ShouldBe(ElectronicIdentitySimulator.AuthorizePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        (query["response_type"].ToString(), query["code_challenge_method"].ToString(), query.ContainsKey("code_challenge"), query.ContainsKey("state"))
            .ShouldBe(("code", "S256", true, true));
        var page = await browser.Http.GetAsync(authorize, Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await OfficeClient.ParseAsync(await page.Content.ReadAsStringAsync(Ct)), authorize);
    }

    /// <summary>The tester confirms a person on the provider's page: the provider's answer (a redirect to the callback).</summary>
    private static async Task<HttpResponseMessage> ConfirmAsync(OfficeClient browser, IHtmlDocument page, string idNumber, string name, string phone,
        Func<string, string, string>? tamper = null)
    {
        var form = page.QuerySelectorAll("form").Single(f => f.QuerySelector("input[name=sim_id]") is not null);
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => (i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Select(f => new KeyValuePair<string, string>(f.Item1, tamper?.Invoke(f.Item1, f.Item2) ?? f.Item2))
            .Concat([new("sim_id", idNumber), new("sim_name", name), new("sim_birth", "1988-05-04"), new("sim_phone", phone)]);
        return await browser.Http.PostAsync(ElectronicIdentitySimulator.AuthorizePath, new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>The whole way: button, provider, callback, and the result page's answer (redirects followed).</summary>
    private static async Task<(HttpResponseMessage Response, Uri Url)> SignInAsync(OfficeClient browser, string idNumber, string name, string phone,
        string start = "/dang-nhap/vneid")
    {
        var (page, _) = await ToProviderAsync(browser, start);
        var answer = await ConfirmAsync(browser, page, idNumber, name, phone);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(new Uri("http://localhost"), answer.Headers.Location!).AbsolutePath.ShouldBe(ElectronicIdentityOptions.CallbackPath);
        return await FollowAsync(browser, answer, new Uri("http://localhost" + ElectronicIdentitySimulator.AuthorizePath));
    }

    private Task<Citizen[]> CitizensWithAsync(string idNumber) =>
        app.WithDbAsync(db => db.Citizens.AsNoTracking().Where(c => c.PersonalIdNumber == idNumber).ToArrayAsync(Ct));

    private Task<IdentityUserLogin<Guid>[]> LoginsOfAsync(Guid id) =>
        app.WithDbAsync(db => db.UserLogins.AsNoTracking().Where(l => l.UserId == id).ToArrayAsync(Ct));

    private static async Task<string> AlertAsync(HttpResponseMessage response) =>
        (await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct))).QuerySelector("[role=alert]")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task ANewPerson_ConsentsOnce_AndAVerifiedAccountIsOpened_AndSignedIn()
    {
        var (idNumber, phone) = NewPerson();
        var browser = await OfficeClient.AnonymousAsync(app);

        var (consent, consentUrl) = await SignInAsync(browser, idNumber, "Võ Thị Định Danh", phone, "/dang-nhap/vneid?ReturnUrl=%2Fho-so-cua-toi");

        consentUrl.AbsolutePath.ShouldBe(ElectronicIdentitySignIn.ResultPath);
        consent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await OfficeClient.ParseAsync(await consent.Content.ReadAsStringAsync(Ct));
        page.QuerySelector("dl.facts")!.TextContent.ShouldContain(idNumber);
        (await CitizensWithAsync(idNumber)).ShouldBeEmpty("nothing is opened before the citizen consents");

        // Without the consent box: refused, in Vietnamese, nothing opened.
        var refused = await browser.PostFormAsync(ElectronicIdentitySignIn.ResultPath, ElectronicIdentitySignIn.ResultPath, new() { ["Consent"] = "false" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(refused)).ShouldStartWith("Hãy đánh dấu đồng ý với việc xử lý dữ liệu cá nhân");
        (await CitizensWithAsync(idNumber)).ShouldBeEmpty();

        var opened = await browser.PostFormAsync(ElectronicIdentitySignIn.ResultPath, ElectronicIdentitySignIn.ResultPath, new() { ["Consent"] = "true" });
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        opened.Headers.Location!.ToString().ShouldBe("/ho-so-cua-toi");
        var citizen = (await CitizensWithAsync(idNumber)).ShouldHaveSingleItem();
        (citizen.FullName, citizen.PhoneNumber, citizen.VerifiedWithElectronicIdentity, citizen.PasswordHash).ShouldBe(("Võ Thị Định Danh", phone, true, null));
        // The date of birth the provider gave (the simulator's form says 1988-05-04) is kept on the account.
        citizen.BirthDate.ShouldBe(new DateOnly(1988, 5, 4));
        var login = (await LoginsOfAsync(citizen.Id)).ShouldHaveSingleItem();
        (login.LoginProvider, login.ProviderKey).ShouldBe((LinkElectronicIdentity.VNeID, ElectronicIdentitySimulator.SubjectOf(idNumber)));
        var consentClaim = await app.WithDbAsync(db => db.UserClaims.AsNoTracking().SingleAsync(c => c.UserId == citizen.Id && c.ClaimType == PersonalDataConsent.ClaimType, Ct));
        consentClaim.ClaimValue.ShouldStartWith(PersonalDataConsent.NoticeVersion + "|");

        // Signed in with the portal's own cookie: the account page shows the verified identity.
        var account = await browser.GetPageAsync("/tai-khoan");
        account.QuerySelector("dl.facts")!.TextContent.ShouldContain("Đã xác thực");
        account.QuerySelector("#birth-date")!.TextContent.ShouldBe("04/05/1988");

        // Next time the same person goes straight in, to the same account.
        var again = await OfficeClient.AnonymousAsync(app);
        var (home, homeUrl) = await SignInAsync(again, idNumber, "Võ Thị Định Danh", phone);
        (home.StatusCode, homeUrl.AbsolutePath).ShouldBe((HttpStatusCode.OK, "/ho-so-cua-toi"));
        (await CitizensWithAsync(idNumber)).ShouldHaveSingleItem().Id.ShouldBe(citizen.Id);
    }

    [Fact]
    public async Task AnExistingPasswordAccount_LinksFromTheAccountPage_AndBecomesVerified()
    {
        var citizen = await Citizens.CreateAsync(app, fullName: "Vo Thi Lien Ket");
        var browser = await OfficeClient.SignInCitizenAsync(app, citizen.PhoneNumber!);
        var profile = await browser.GetPageAsync("/tai-khoan");
        profile.QuerySelector("a[href='/dang-nhap/vneid?lienKet=true']")!.TextContent.ShouldBe("Liên kết tài khoản với VNeID");
        profile.QuerySelector("#birth-date").ShouldBeNull("registration on the portal does not ask the date of birth");

        var (done, url) = await SignInAsync(browser, citizen.PersonalIdNumber, "Võ Thị Liên Kết", "0977000999", "/dang-nhap/vneid?lienKet=true");

        (done.StatusCode, url.AbsolutePath).ShouldBe((HttpStatusCode.OK, "/tai-khoan"));
        var page = await OfficeClient.ParseAsync(await done.Content.ReadAsStringAsync(Ct));
        page.QuerySelector("[role=status]")!.TextContent.ShouldContain("Đã liên kết tài khoản với định danh điện tử VNeID");
        var saved = await Citizens.ReloadAsync(app, citizen.Id);
        // Verified, the name as the population database has it; the phone and password stay the citizen's own.
        (saved.VerifiedWithElectronicIdentity, saved.FullName, saved.PhoneNumber, saved.BirthDate).ShouldBe((true, "Võ Thị Liên Kết", citizen.PhoneNumber, new DateOnly(1988, 5, 4)));
        page.QuerySelector("#birth-date")!.TextContent.ShouldBe("04/05/1988");
        (await Citizens.PasswordWorksAsync(app, citizen.Id, TestData.Password)).ShouldBeTrue();
        (await LoginsOfAsync(citizen.Id)).ShouldHaveSingleItem().ProviderKey.ShouldBe(ElectronicIdentitySimulator.SubjectOf(citizen.PersonalIdNumber));
    }

    [Fact]
    public async Task ASecondAccount_CannotTakeAnIdentityAlreadyLinked()
    {
        var first = await Citizens.CreateAsync(app, fullName: "Dang Van Mot");
        await SignInAsync(await OfficeClient.SignInCitizenAsync(app, first.PhoneNumber!), first.PersonalIdNumber, "Đặng Văn Một", "0977000111", "/dang-nhap/vneid?lienKet=true");
        (await Citizens.ReloadAsync(app, first.Id)).VerifiedWithElectronicIdentity.ShouldBeTrue();
        // Another account that typed the same number at registration (ADR 0013) tries to link the same person.
        var second = await Citizens.CreateAsync(app, fullName: "Ke Mao Danh");
        await app.WithDbAsync(db => db.Citizens.Where(c => c.Id == second.Id)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.PersonalIdNumber, first.PersonalIdNumber), Ct));
        var browser = await OfficeClient.SignInCitizenAsync(app, second.PhoneNumber!);

        var (refused, url) = await SignInAsync(browser, first.PersonalIdNumber, "Đặng Văn Một", "0977000111", "/dang-nhap/vneid?lienKet=true");

        (refused.StatusCode, url.AbsolutePath).ShouldBe((HttpStatusCode.OK, ElectronicIdentitySignIn.ResultPath));
        (await AlertAsync(refused)).ShouldBe("Định danh điện tử này đã được liên kết với một tài khoản khác trên Cổng.");
        var saved = await Citizens.ReloadAsync(app, second.Id);
        (saved.VerifiedWithElectronicIdentity, saved.FullName).ShouldBe((false, "Ke Mao Danh"));
        (await LoginsOfAsync(second.Id)).ShouldBeEmpty();
        // The second account is still the one signed in here, and unverified.
        (await browser.GetPageAsync("/tai-khoan")).QuerySelector("dl.facts")!.TextContent.ShouldContain("Ke Mao Danh");
    }

    [Fact]
    public async Task LinkingAnotherPersonsIdNumber_IsRefusedInVietnamese_AndChangesNothing()
    {
        var citizen = await Citizens.CreateAsync(app, fullName: "Bui Van Khac");
        var browser = await OfficeClient.SignInCitizenAsync(app, citizen.PhoneNumber!);
        var (other, _) = NewPerson();

        var (refused, url) = await SignInAsync(browser, other, "Bùi Văn Người Khác", "0977000222", "/dang-nhap/vneid?lienKet=true");

        (refused.StatusCode, url.AbsolutePath).ShouldBe((HttpStatusCode.OK, ElectronicIdentitySignIn.ResultPath));
        (await AlertAsync(refused)).ShouldBe("Số định danh cá nhân của định danh điện tử khác với số định danh cá nhân của tài khoản này, nên không thể liên kết.");
        var saved = await Citizens.ReloadAsync(app, citizen.Id);
        (saved.VerifiedWithElectronicIdentity, saved.FullName, saved.PersonalIdNumber).ShouldBe((false, "Bui Van Khac", citizen.PersonalIdNumber));
        (await LoginsOfAsync(citizen.Id)).ShouldBeEmpty();
        (await CitizensWithAsync(other)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ATamperedState_IsRefusedOnTheVietnamesePage_AndNobodyIsSignedIn()
    {
        var (idNumber, phone) = NewPerson();
        var browser = await OfficeClient.AnonymousAsync(app);
        var (page, _) = await ToProviderAsync(browser);
        var answer = await ConfirmAsync(browser, page, idNumber, "Hồ Văn Giả Mạo", phone, (name, value) => name == "state" ? value[..^4] + "AAAA" : value);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (refused, url) = await FollowAsync(browser, answer, new Uri("http://localhost/"));

        (refused.StatusCode, url.AbsolutePath).ShouldBe((HttpStatusCode.OK, ElectronicIdentitySignIn.ResultPath));
        (await AlertAsync(refused)).ShouldStartWith("Không hoàn tất được đăng nhập bằng VNeID");
        (await CitizensWithAsync(idNumber)).ShouldBeEmpty();
        (await browser.Http.GetAsync("/tai-khoan", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task AnAttackersPkceChallenge_GivesACodeTheVictimsHandlerCannotRedeem()
    {
        // The code is bound to the challenge sent to the provider: a request whose challenge was swapped on the way gets a
        // code that the handler's own verifier does not redeem.
        var (idNumber, phone) = NewPerson();
        var browser = await OfficeClient.AnonymousAsync(app);
        var (page, _) = await ToProviderAsync(browser);
        var answer = await ConfirmAsync(browser, page, idNumber, "Hồ Văn Đổi Mã", phone,
            (name, value) => name == "code_challenge" ? "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" : value);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (refused, url) = await FollowAsync(browser, answer, new Uri("http://localhost/"));

        (refused.StatusCode, url.AbsolutePath).ShouldBe((HttpStatusCode.OK, ElectronicIdentitySignIn.ResultPath));
        (await AlertAsync(refused)).ShouldStartWith("Không hoàn tất được đăng nhập bằng VNeID");
        (await CitizensWithAsync(idNumber)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ACallbackReplayedInAnotherBrowser_IsRefused()
    {
        var (idNumber, phone) = NewPerson();
        var browser = await OfficeClient.AnonymousAsync(app);
        var (page, _) = await ToProviderAsync(browser);
        var answer = await ConfirmAsync(browser, page, idNumber, "Hồ Thị Bắt Được", phone);
        var callback = new Uri(new Uri("http://localhost/"), answer.Headers.Location!);

        // Someone who caught the address (code and state) opens it without the browser's correlation cookie.
        var thief = await OfficeClient.AnonymousAsync(app);
        var (refused, url) = await FollowAsync(thief, await thief.Http.GetAsync(callback, Ct), callback);

        (refused.StatusCode, url.AbsolutePath).ShouldBe((HttpStatusCode.OK, ElectronicIdentitySignIn.ResultPath));
        (await AlertAsync(refused)).ShouldStartWith("Không hoàn tất được đăng nhập bằng VNeID");
        (await CitizensWithAsync(idNumber)).ShouldBeEmpty();
        (await thief.Http.GetAsync("/tai-khoan", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ThePersonRefusingAtTheProvider_EndsOnTheVietnamesePage()
    {
        var browser = await OfficeClient.AnonymousAsync(app);
        var (page, _) = await ToProviderAsync(browser);
        var deny = page.QuerySelectorAll("form").Single(f => f.QuerySelector("button[value=deny]") is not null);
        var fields = deny.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Append(new("sim_choice", "deny"));
        var answer = await browser.Http.PostAsync(ElectronicIdentitySimulator.AuthorizePath, new FormUrlEncodedContent(fields), Ct);

        var (refused, url) = await FollowAsync(browser, answer, new Uri("http://localhost/"));

        (refused.StatusCode, url.AbsolutePath).ShouldBe((HttpStatusCode.OK, ElectronicIdentitySignIn.ResultPath));
        (await AlertAsync(refused)).ShouldStartWith("Bạn đã không đồng ý chia sẻ thông tin định danh điện tử");
    }

    [Fact]
    public async Task TheResultPageOpenedDirectly_SaysTheSessionIsGone()
    {
        var browser = await OfficeClient.AnonymousAsync(app);
        var response = await browser.Http.GetAsync(ElectronicIdentitySignIn.ResultPath, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(response)).ShouldBe(Web.Pages.Portal.Account.ElectronicIdentityModel.ExpiredMessage);
        // A forged consent post without the provider's answer opens nothing.
        var forged = await browser.PostFormAsync("/dang-nhap", ElectronicIdentitySignIn.ResultPath, new() { ["Consent"] = "true" });
        forged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(forged)).ShouldBe(Web.Pages.Portal.Account.ElectronicIdentityModel.ExpiredMessage);
    }

    [Fact]
    public async Task TheSimulator_RefusesAnotherClientOrRedirectAddress()
    {
        var browser = await OfficeClient.AnonymousAsync(app);
        var (_, authorize) = await ToProviderAsync(browser);
        var evil = authorize.ToString().Replace(Uri.EscapeDataString("http://localhost/dang-nhap/vneid/callback"), Uri.EscapeDataString("https://lua-dao.example.com/dang-nhap/vneid/cb"), StringComparison.Ordinal);
        evil.ShouldNotBe(authorize.ToString());
        var refused = await browser.Http.GetAsync(evil, Ct);
        ((int)refused.StatusCode).ShouldBe(400);
        refused.Headers.Location.ShouldBeNull();
    }
}
