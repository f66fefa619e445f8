using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Identity;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Pages.Portal.Account;

/// <summary>Quên mật khẩu → e-mail (through the jobs table and a real SMTP listener) → đặt lại mật khẩu → đăng nhập.</summary>
public sealed class PasswordResetTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string NewPassword = "MatKhauMoi2026";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> RequestResetAsync(string identifier)
    {
        var visitor = await OfficeClient.AnonymousAsync(app);
        return await visitor.PostFormAsync("/quen-mat-khau", "/quen-mat-khau", new() { ["Identifier"] = identifier });
    }

    private Task<List<Job>> ResetJobsOfAsync(Guid accountId) =>
        app.WithDbAsync(db => db.Jobs.AsNoTracking()
            .Where(j => j.Kind == SendPasswordResetEmail.Kind && j.IdempotencyKey.Contains(accountId.ToString("N")))
            .ToListAsync(Ct));

    /// <summary>Asks for a reset, runs the job and returns the link from the e-mail.</summary>
    private async Task<string> ResetLinkAsync(Citizen citizen)
    {
        (await RequestResetAsync(citizen.Email!)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.RunJobsAsync();
        return AccountsApp.ResetLink(app.MailTo(citizen.Email!).ShouldHaveSingleItem());
    }

    /// <param name="tokenFrom">The page the antiforgery token is read from: a dead link's page has no form, but a tab
    /// opened while the link was alive still posts one.</param>
    private static Task<HttpResponseMessage> SetPasswordAsync(OfficeClient visitor, string link, string password, string? confirmation = null, string? tokenFrom = null)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        return visitor.PostFormAsync(tokenFrom ?? link, "/dat-lai-mat-khau", new()
        {
            ["Id"] = query["id"]!, ["Token"] = query["token"]!, ["Password"] = password, ["ConfirmPassword"] = confirmation ?? password,
        });
    }

    [Fact]
    public async Task Reset_ByEmail_SendsALinkThatSetsTheNewPassword_AndTheOldOneStopsWorking()
    {
        var citizen = await Citizens.CreateAsync(app, fullName: "Hoàng Thị Quên");

        var asked = await RequestResetAsync(citizen.Email!.ToUpperInvariant());

        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        asked.Headers.Location!.ToString().ShouldBe("/quen-mat-khau");
        (await ResetJobsOfAsync(citizen.Id)).ShouldHaveSingleItem().State.ShouldBe(JobState.Pending);
        app.MailTo(citizen.Email).ShouldBeEmpty();

        await app.RunJobsAsync();
        (await ResetJobsOfAsync(citizen.Id)).ShouldHaveSingleItem().State.ShouldBe(JobState.Succeeded);
        var mail = app.MailTo(citizen.Email).ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Đặt lại mật khẩu tài khoản Dịch vụ công");
        mail.Body.ShouldContain("Kính gửi Hoàng Thị Quên");
        mail.Body.ShouldContain("trong vòng 2 giờ");
        var link = AccountsApp.ResetLink(mail);
        link.ShouldStartWith($"/dat-lai-mat-khau?id={citizen.Id}&token=");

        var visitor = await OfficeClient.AnonymousAsync(app);
        var form = await visitor.GetPageAsync(link);
        form.QuerySelector("h1")!.TextContent.ShouldBe("Đặt lại mật khẩu");
        form.QuerySelector("input[name=Password][type=password]").ShouldNotBeNull();
        var reset = await SetPasswordAsync(visitor, link, NewPassword);
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        reset.Headers.Location!.ToString().ShouldBe("/dang-nhap");
        (await visitor.GetPageAsync("/dang-nhap")).QuerySelector("[role=status]")!.TextContent.ShouldContain("Đã đặt mật khẩu mới");

        var signedIn = await OfficeClient.SignInCitizenAsync(app, citizen.PhoneNumber!, NewPassword);
        (await signedIn.GetPageAsync("/")).QuerySelector("nav.portal-nav")!.TextContent.ShouldContain("Hoàng Thị Quên");
        await Should.ThrowAsync<InvalidOperationException>(() => OfficeClient.SignInCitizenAsync(app, citizen.PhoneNumber!, TestData.Password));
        (await Citizens.ReloadAsync(app, citizen.Id)).EmailConfirmed.ShouldBeTrue();
    }

    [Fact]
    public async Task ResetLink_UsedTwice_IsRefusedTheSecondTime()
    {
        var citizen = await Citizens.CreateAsync(app);
        var link = await ResetLinkAsync(citizen);
        var visitor = await OfficeClient.AnonymousAsync(app);
        (await SetPasswordAsync(visitor, link, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await visitor.GetPageAsync(link);

        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("không còn hiệu lực");
        page.QuerySelector("input[name=Password]").ShouldBeNull();
        page.QuerySelector("a[href='/quen-mat-khau']").ShouldNotBeNull();
        (await Citizens.PasswordWorksAsync(app, citizen.Id, NewPassword)).ShouldBeTrue();
    }

    [Fact]
    public async Task ResetLink_AfterItsLifetime_IsRefusedAndThePasswordStays()
    {
        var citizen = await Citizens.CreateAsync(app);
        var link = await ResetLinkAsync(citizen);
        var start = app.Clock.GetUtcNow().UtcDateTime;
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
            var visitor = await OfficeClient.AnonymousAsync(app);
            (await visitor.GetPageAsync(link)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("đã hết hạn hoặc đã được dùng");

            var posted = await SetPasswordAsync(visitor, link, NewPassword, tokenFrom: "/quen-mat-khau");

            posted.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await OfficeClient.ParseAsync(await posted.Content.ReadAsStringAsync(Ct))).QuerySelector("[role=alert]")!.TextContent.ShouldContain("không còn hiệu lực");
            (await Citizens.PasswordWorksAsync(app, citizen.Id, TestData.Password)).ShouldBeTrue();
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task ResetLink_WithATamperedToken_IsRefused()
    {
        var citizen = await Citizens.CreateAsync(app);
        var link = await ResetLinkAsync(citizen);
        var visitor = await OfficeClient.AnonymousAsync(app);

        var tampered = link.Replace("token=", "token=x", StringComparison.Ordinal);
        (await visitor.GetPageAsync(tampered)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("không còn hiệu lực");

        var posted = await SetPasswordAsync(visitor, tampered, NewPassword, tokenFrom: "/quen-mat-khau");

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await OfficeClient.ParseAsync(await posted.Content.ReadAsStringAsync(Ct))).QuerySelector("[role=alert]")!.TextContent.ShouldContain("không còn hiệu lực");
        (await Citizens.PasswordWorksAsync(app, citizen.Id, TestData.Password)).ShouldBeTrue();
    }

    [Fact]
    public async Task Reset_WithMismatchedOrWeakPassword_ShowsTheProblemsAndKeepsTheLinkUsable()
    {
        var citizen = await Citizens.CreateAsync(app);
        var link = await ResetLinkAsync(citizen);
        var visitor = await OfficeClient.AnonymousAsync(app);

        var weak = await SetPasswordAsync(visitor, link, "ngan", "khac");

        weak.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await OfficeClient.ParseAsync(await weak.Content.ReadAsStringAsync(Ct));
        page.QuerySelector("#Password-error")!.TextContent.ShouldContain("ít nhất 8 ký tự");
        page.QuerySelector("#ConfirmPassword-error")!.TextContent.ShouldContain("không khớp");
        (await Citizens.PasswordWorksAsync(app, citizen.Id, TestData.Password)).ShouldBeTrue();
        (await SetPasswordAsync(visitor, link, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Request_ForAnUnknownAddressOrAnAccountWithoutEmail_AnswersTheSameAndSendsNothing()
    {
        var phoneOnly = await Citizens.CreateAsync(app, email: false);
        var known = await Citizens.CreateAsync(app);
        var jobsBefore = await app.WithDbAsync(db => db.Jobs.CountAsync(Ct));

        var answers = new List<string>();
        foreach (var identifier in new[] { "khongai@example.vn", phoneOnly.PhoneNumber!, known.Email! })
        {
            var visitor = await OfficeClient.AnonymousAsync(app);
            var response = await visitor.PostFormAsync("/quen-mat-khau", "/quen-mat-khau", new() { ["Identifier"] = identifier });
            response.Headers.Location!.ToString().ShouldBe("/quen-mat-khau");
            answers.Add((await visitor.GetPageAsync("/quen-mat-khau")).QuerySelector("[role=status]")!.TextContent.Trim());
        }

        answers.Distinct().ShouldHaveSingleItem().ShouldContain("Nếu thông tin bạn nhập khớp với một tài khoản có thư điện tử");
        (await app.WithDbAsync(db => db.Jobs.CountAsync(Ct))).ShouldBe(jobsBefore + 1);
        (await ResetJobsOfAsync(phoneOnly.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Request_RepeatedWithinFiveMinutes_SendsOneEmail()
    {
        var citizen = await Citizens.CreateAsync(app);

        for (var i = 0; i < 3; i++)
            (await RequestResetAsync(citizen.PhoneNumber!)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.RunJobsAsync();

        (await ResetJobsOfAsync(citizen.Id)).ShouldHaveSingleItem();
        app.MailTo(citizen.Email!).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Request_WithNothingTyped_AsksForTheAddress()
    {
        var response = await RequestResetAsync(" ");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Hãy nhập thư điện tử hoặc số điện thoại");
        page.QuerySelector("#Identifier")!.GetAttribute("aria-invalid").ShouldBe("true");
    }
}
