using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Portal.Catalog;
using MotCua.Web.Features.Catalog;

namespace MotCua.Tests.Features.Catalog;

/// <summary>The public search API's filters (the same handler and search as the portal's catalog page), on the
/// small catalog of <see cref="PortalCatalog"/>.</summary>
public sealed class CatalogFilterApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SearchProcedures.Result> SearchAsync(string url)
    {
        await PortalCatalog.SeedAsync(app);
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<SearchProcedures.Result>(CatalogJson.ApiOptions, Ct))!;
    }

    private static List<string> Names(SearchProcedures.Result result) => [.. result.Items.Select(i => i.Name)];

    [Fact]
    public async Task UnitId_ListsWhatThatUnitCanHandle()
    {
        var world = await PortalCatalog.SeedAsync(app);

        var province = await SearchAsync($"/api/procedures?unitId={world.ProvinceId}");
        var ward = await SearchAsync($"/api/procedures?unitId={world.CommuneId}&pageSize=100");

        Names(province).ShouldBe([PortalCatalog.Karaoke]);
        province.Total.ShouldBe(1);
        Names(ward).ShouldBe(PortalCatalog.CommuneLevel, ignoreOrder: true);
    }

    [Fact]
    public async Task OnlineOnly_ListsThePilotList_AndSaysSoOnEachItem()
    {
        var pilot = await SearchAsync("/api/procedures?onlineOnly=true");
        var all = await SearchAsync("/api/procedures?onlineOnly=false");

        var item = pilot.Items.ShouldHaveSingleItem();
        item.Name.ShouldBe(PortalCatalog.TemporaryResidence);
        item.OnlineOnlyPilot.ShouldBeTrue();
        all.Total.ShouldBe(6);
    }

    [Fact]
    public async Task Filters_Combine_WithSearchAndOnlineLevel()
    {
        var world = await PortalCatalog.SeedAsync(app);

        var found = await SearchAsync($"/api/procedures?q=dang+ky&field=CU&unitId={world.OtherCommuneId}&onlineLevel=full&onlineOnly=true");

        Names(found).ShouldBe([PortalCatalog.TemporaryResidence]);
        found.PageCount.ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/procedures?unitId=xa-mot", "unitId")]
    [InlineData("/api/procedures?unitId=00000000-0000-0000-0000-000000000001", "unitId")]
    [InlineData("/api/procedures?field=KHONG", "field")]
    [InlineData("/api/procedures?onlineOnly=yes", "onlineOnly")]
    [InlineData("/api/procedures?onlineLevel=toan-trinh&onlineOnly=true", "onlineLevel")]
    public async Task InvalidFilters_Return400InVietnamese(string url, string parameter)
    {
        await PortalCatalog.SeedAsync(app);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Title.ShouldBe("Điều kiện tra cứu không hợp lệ");
        problem.Errors.Keys.ShouldBe([parameter]);
        problem.Errors[parameter].ShouldAllBe(message => !message.All(char.IsAscii));
    }

    [Fact]
    public async Task UnitId_OfABodyInsideAUnit_IsRefused()
    {
        var world = await PortalCatalog.SeedAsync(app);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/procedures?unitId={world.DeskId}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors["unitId"][0].ShouldContain("xã, phường, đặc khu hoặc tỉnh");
    }
}
