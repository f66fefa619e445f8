using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Browser;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Infrastructure;

/// <summary>The app with low rate limits, and a test header that stands for the client's address (the TCP peer a
/// test server does not have).</summary>
public sealed class LowLimitsApp : AppFactory
{
    public const string ClientHeader = "X-Test-Client";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:SignInPerClient:PermitLimit", "8");
        builder.UseSetting("RateLimits:SignInPerClient:Window", "01:00:00");
        builder.UseSetting("RateLimits:SignInPerAccount:PermitLimit", "5");
        builder.UseSetting("RateLimits:SignInPerAccount:Window", "01:00:00");
        builder.UseSetting("RateLimits:AccountFormsPerClient:PermitLimit", "2");
        builder.UseSetting("RateLimits:AccountFormsPerClient:Window", "01:00:00");
        builder.UseSetting("RateLimits:LookupPerClient:PermitLimit", "3");
        builder.UseSetting("RateLimits:LookupPerClient:Window", "01:00:00");
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (IPAddress.TryParse(ctx.Request.Headers[ClientHeader].ToString(), out var address)) ctx.Connection.RemoteIpAddress = address;
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }

    public HttpClient ClientAt(string address)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add(ClientHeader, address);
        return http;
    }
}

/// <summary>Sign-in, the account forms and the public lookup are slowed per client, and sign-in also per client and
/// account below the account's lockout, so one address can neither spray passwords nor lock an official out.</summary>
public sealed class RateLimitTests(LowLimitsApp app) : IClassFixture<LowLimitsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> OfficeSignInAsync(HttpClient http, string userName, string password)
    {
        var page = await OfficeClient.ParseAsync(await http.GetStringAsync("/office/login", Ct));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await http.PostAsync("/office/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }), Ct);
    }

    [Fact]
    public async Task GuessingAnOfficialsPassword_FromOneAddress_IsStoppedBeforeTheAccountLocks_AndTheOfficialStillSignsIn()
    {
        await app.SeedWorldAsync();
        var attacker = app.ClientAt("203.0.113.7");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) answers.Add((await OfficeSignInAsync(attacker, "desk", $"DoanMo{i}2026")).StatusCode);

        answers.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK);
        answers.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        var refused = await OfficeSignInAsync(attacker, "desk", "DoanMo992026");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain(WebSecurity.TooManyRequests);
        var desk = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "desk", Ct));
        desk.LockoutEnd.ShouldBeNull("one address must not reach the account's lockout");

        var official = app.ClientAt("198.51.100.20");
        var signedIn = await OfficeSignInAsync(official, "desk", TestData.Password);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe("/office");
    }

    [Fact]
    public async Task SprayingManyAccounts_FromOneAddress_IsSlowedWithAVietnameseAnswer_OnThePagesAndTheApi()
    {
        await app.SeedWorldAsync();
        var sprayer = app.ClientAt("203.0.113.9");
        var statuses = new List<HttpStatusCode>();
        foreach (var name in new[] { "specialist", "leader", "clerk", "stats", "admin", "khong-co", "ai-do", "nguoi-khac" })
            statuses.Add((await OfficeSignInAsync(sprayer, name, "MatKhau2026")).StatusCode);
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);

        var page = await OfficeSignInAsync(sprayer, "mot-nguoi-nua", "MatKhau2026");
        var api = await sprayer.PostAsJsonAsync("/api/auth/login", new { userName = "khac-nua", password = "MatKhau2026" }, Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await page.Content.ReadAsStringAsync(Ct)).ShouldContain(WebSecurity.TooManyRequests);
        api.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var problem = await api.Content.ReadFromJsonAsync<ProblemDetails>(Ct);
        (problem!.Title, problem.Detail).ShouldBe(("Quá nhiều yêu cầu", WebSecurity.TooManyRequests));
        // Another address is not slowed by this one.
        (await app.ClientAt("198.51.100.30").PostAsJsonAsync("/api/auth/login", new { userName = "desk", password = "sai" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Registration_AndPublicLookup_AreLimitedPerAddress()
    {
        var visitor = app.ClientAt("203.0.113.11");
        var lookups = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) lookups.Add((await visitor.GetAsync($"/api/tracking/H99.99-261117-{i:D4}?lookupCode=ABCDEFGH", Ct)).StatusCode);
        lookups.Take(3).ShouldAllBe(s => s == HttpStatusCode.NotFound);
        lookups[3].ShouldBe(HttpStatusCode.TooManyRequests);
        (await visitor.GetAsync("/tra-cuu?code=X&lookupCode=Y", Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var page = await OfficeClient.ParseAsync(await visitor.GetStringAsync("/dang-ky", Ct));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posts = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            posts.Add((await visitor.PostAsync("/dang-ky", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["FullName"] = "Thử Giới Hạn", ["__RequestVerificationToken"] = token,
            }), Ct)).StatusCode);
        posts.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
    }
}

/// <summary>Headers every answer carries, and pages that keep to the Content-Security-Policy.</summary>
public sealed partial class SecurityHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/office/login")]
    [InlineData("/dang-nhap")]
    [InlineData("/khong-co-trang-nay")]
    [InlineData("/api/tracking/KHONG-CO?lookupCode=X")]
    [InlineData("/css/site.css")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        var response = await app.CreateClient().GetAsync(path, Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("object-src 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
    }

    /// <summary>script-src 'self' forbids inline scripts and event-handler attributes: every page keeps its script in
    /// wwwroot/js, or the CSP would silently break it.</summary>
    [Fact]
    public void Pages_HaveNoInlineScriptsOrEventHandlers()
    {
        var pages = Path.Combine(RepositoryRoot.Path, "src", "MotCua.Web", "Pages");
        var offending = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => InlineScript().IsMatch(x.line) || EventHandler().IsMatch(x.line) || x.line.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
            .Select(x => $"{Path.GetRelativePath(pages, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        offending.ShouldBeEmpty();
    }

    [Fact]
    public async Task OfficeLoginRedirect_IsRelative_WhateverTheHostHeaderSays()
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/office/reception/desk");
        request.Headers.Host = "lua-dao.example.com";

        var response = await http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/office/login?ReturnUrl=%2Foffice%2Freception%2Fdesk");
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
