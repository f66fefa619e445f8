using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;

namespace MotCua.Tests.Pages.Office.Admin;

public sealed class AdminAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> AdminPages =>
    [
        "/office/admin", "/office/admin/units", "/office/admin/officials/create", "/office/admin/procedures",
        "/office/admin/procedures/1.004222", "/office/admin/procedures/1.004222/publish", "/office/admin/calendar/2026", "/office/admin/pilot",
        "/office/admin/nhat-ky",
    ];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task AdminPage_AsDeskOfficial_RedirectsToDenied(string url)
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var response = await desk.Http.GetAsync(url, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/office/denied?ReturnUrl=");
    }

    /// <summary>The folder's rule, not only each page's attribute, keeps /office/admin for administrators: a page
    /// added later without the attribute is covered too.</summary>
    [Fact]
    public void EveryAdminPage_IsForAdministrators_ByTheFolderRule()
    {
        const string administrator = nameof(OfficialRole.Administrator);
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<CompiledPageActionDescriptor>()))
            .Where(p => p.Page?.ViewEnginePath.StartsWith("/Office/Admin/", StringComparison.Ordinal) == true).ToList();

        pages.ShouldNotBeEmpty();
        foreach (var (endpoint, page) in pages)
        {
            var onThePage = page!.ModelTypeInfo!.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Count(a => a.Policy == administrator);
            var required = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count(a => a.Policy == administrator);
            required.ShouldBeGreaterThan(onThePage, $"{page.ViewEnginePath}: only the page's own attribute asks for an administrator");
        }
    }

    [Fact]
    public async Task AdminPage_WhenNotSignedIn_RedirectsToLogin()
    {
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await http.GetAsync("/office/admin/units", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/office/login");
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task AdminPage_AsAdministrator_OpensWithOneHeading(string url)
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.GetPageAsync(url);

        page.QuerySelectorAll("h1").Length.ShouldBe(1);
        page.QuerySelector("nav[aria-label='Quản trị']").ShouldNotBeNull();
        // Every field has a label (or an accessible name), for screen readers.
        foreach (var field in page.QuerySelectorAll("main input:not([type=hidden]):not([type=submit]), main select, main textarea"))
        {
            var id = field.GetAttribute("id");
            var labelled = field.HasAttribute("aria-label") || (id is not null && page.QuerySelector($"label[for='{id}']") is not null);
            labelled.ShouldBeTrue($"{url}: {field.OuterHtml}");
        }
    }

    [Fact]
    public async Task AdminHome_AsAdministrator_LinksTheSectionsAndTheCatalogExport()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.GetPageAsync("/office/admin");

        foreach (var href in new[] { "/office/admin/units", "/office/admin/procedures", "/office/admin/calendar", "/office/admin/pilot", "/api/catalog/export" })
            page.QuerySelector($"main a[href='{href}']").ShouldNotBeNull(href);
        var export = await admin.Http.GetAsync("/api/catalog/export", TestContext.Current.CancellationToken);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
