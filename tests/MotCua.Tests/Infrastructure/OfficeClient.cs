using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MotCua.Tests.Infrastructure;

/// <summary>An official using the office pages over HTTP, with the sign-in cookie and the antiforgery token
/// taken from each page's form, as a browser would.</summary>
public sealed class OfficeClient
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    private OfficeClient(HttpClient http) => _http = http;

    public HttpClient Http => _http;

    public static async Task<OfficeClient> SignInAsync(AppFactory app, string userName, string password = TestData.Password)
    {
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var client = new OfficeClient(http);
        var response = await client.PostFormAsync("/office/login", "/office/login", new() { ["UserName"] = userName, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Someone not signed in (a visitor of the portal).</summary>
    public static Task<OfficeClient> AnonymousAsync(AppFactory app) =>
        Task.FromResult(new OfficeClient(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })));

    /// <summary>A citizen signed in at the portal's door (/dang-nhap) with a phone number, e-mail or personal ID number.</summary>
    public static async Task<OfficeClient> SignInCitizenAsync(AppFactory app, string identifier, string password = TestData.Password)
    {
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var client = new OfficeClient(http);
        var response = await client.PostFormAsync("/dang-nhap", "/dang-nhap", new() { ["Identifier"] = identifier, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {identifier} failed: {(int)response.StatusCode}");
        return client;
    }

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await _http.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {response.Headers.Location}\n{html[..Math.Min(html.Length, 2000)]}");
        return await Parser.ParseDocumentAsync(html);
    }

    /// <summary>Posts a form the way the page's own form would: the antiforgery token is read from the page at
    /// <paramref name="pageUrl"/> (the first form that has one).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string action, Dictionary<string, string> fields)
    {
        var page = await GetPageAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException($"{pageUrl} has no antiforgery token");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await _http.PostAsync(action, content, TestContext.Current.CancellationToken);
    }

    public static Task<IHtmlDocument> ParseAsync(string html) => Parser.ParseDocumentAsync(html);
}
