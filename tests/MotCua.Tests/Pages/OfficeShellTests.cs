using System.Net;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages;

public sealed class OfficeShellTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Office_WhenNotSignedIn_RedirectsToTheLoginPage()
    {
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await http.GetAsync("/office", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/office/login");
    }

    [Fact]
    public async Task Login_AsDeskOfficial_ShowsTheirNameUnitAndDeskMenu()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync("/office");
        page.QuerySelector(".who")!.TextContent.ShouldContain("Trung tâm Phục vụ hành chính công phường Một");
        page.QuerySelector("a[href='/office/reception/desk']").ShouldNotBeNull();
        page.QuerySelector("a[href='/office/admin']").ShouldBeNull();
    }

    [Fact]
    public async Task Login_WithWrongPassword_OrAsCitizen_IsRefusedInVietnamese()
    {
        await app.SeedWorldAsync();
        var http = app.CreateClient();
        var login = await OfficeClient.ParseAsync(await http.GetStringAsync("/office/login", TestContext.Current.CancellationToken));
        login.QuerySelector("h1")!.TextContent.ShouldBe("Đăng nhập dành cho cán bộ, công chức");
        await Should.ThrowAsync<InvalidOperationException>(() => OfficeClient.SignInAsync(app, "desk", "sai-mat-khau"));
    }

    [Fact]
    public async Task SignOut_WithTheLayoutsOwnForm_EndsTheSession()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var home = await desk.GetPageAsync("/office");
        var form = home.QuerySelector("form[action='/office/logout']")!;
        // What the browser sends: the form's own fields, nothing added.
        var fields = form.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));

        var response = await desk.Http.PostAsync("/office/logout", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/office/login");
        var after = await desk.Http.GetAsync("/office", TestContext.Current.CancellationToken);
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/office/login");
    }
}
