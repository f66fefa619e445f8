using Microsoft.Playwright;
using MotCua.Tests.Browser;

namespace MotCua.Tests.Pages.Portal.Catalog;

/// <summary>A citizen on a phone (360 px wide): from the home page's search box to a procedure and its sample form,
/// every page screenshot and checked with axe-core, the "nothing found" and 404 pages included.</summary>
[Collection(BrowserTests.Name)]
public sealed class CatalogBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public async Task Citizen_OnAPhone_FindsAProcedure_AndDownloadsItsForm()
    {
        var world = await PortalCatalog.SeedAsync(app);
        await using var journey = Journey.Start(app);
        var citizen = await journey.OpenAsync("citizen", Phone);

        await citizen.GotoAsync("/", "trang-chu");
        await citizen.Page.GetByLabel("Tên hoặc mã thủ tục (gõ có dấu hay không dấu đều được)").FillAsync("dang ky khai sinh");
        await citizen.SubmitAsync(citizen.Page.Locator(".home-search button"), "ket-qua-tim-kiem");
        (await citizen.Page.Locator(".procedure-list h3 a").AllInnerTextsAsync()).ShouldBe([PortalCatalog.Birth]);

        await citizen.SubmitAsync(citizen.Page.GetByRole(AriaRole.Link, new() { Name = PortalCatalog.Birth }), "khai-sinh");
        var download = await citizen.Page.RunAndWaitForDownloadAsync(() => citizen.Page.Locator("a.sample").First.ClickAsync());
        download.SuggestedFilename.ShouldBe("to-khai-dang-ky-khai-sinh.docx");

        await citizen.GotoAsync($"/thu-tuc?unitId={world.ProvinceId}", "loc-theo-tinh");
        (await citizen.Page.Locator(".procedure-list h3 a").AllInnerTextsAsync()).ShouldBe([PortalCatalog.Karaoke]);
        await citizen.GotoAsync($"/thu-tuc?field=CT&unitId={world.CommuneId}&onlineLevel=None&onlineOnly=true", "khong-co-ket-qua");
        await citizen.GotoAsync("/thu-tuc/" + PortalCatalog.WillCode, "khong-truc-tuyen");
        await citizen.GotoAsync("/thu-tuc/" + PortalCatalog.TemporaryResidenceCode, "chi-truc-tuyen");
        await citizen.GotoAsync("/thu-tuc/9.999999", "khong-co-thu-tuc", expectedStatus: 404);
    }
}
