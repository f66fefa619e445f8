using System.Net;
using AngleSharp.Html.Dom;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages.Portal.Catalog;

/// <summary>The public catalog at /thu-tuc: search without diacritics, each filter, and what each result shows.</summary>
public sealed class CatalogPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IHtmlDocument> PageAsync(string url)
    {
        await PortalCatalog.SeedAsync(app);
        var visitor = await OfficeClient.AnonymousAsync(app);
        return await visitor.GetPageAsync(url);
    }

    private static List<string> Names(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".procedure-list .procedure h3 a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task Search_WithoutDiacritics_FindsTheProcedure()
    {
        var page = await PageAsync("/thu-tuc?q=dang+ky+khai+sinh");

        Names(page).ShouldBe([PortalCatalog.Birth]);
        page.QuerySelector(".catalog-results .total")!.TextContent.ShouldContain("Tìm thấy 1 thủ tục");
        page.QuerySelector("#q")!.GetAttribute("value").ShouldBe("dang ky khai sinh");   // the form keeps what was typed
    }

    [Fact]
    public async Task Search_IgnoresCase_AndFindsEveryWordInAnyOrder()
    {
        var page = await PageAsync("/thu-tuc?q=TRU+DANG+KY");

        Names(page).ShouldBe([PortalCatalog.TemporaryResidence, PortalCatalog.Residence], ignoreOrder: true);
    }

    [Fact]
    public async Task NoConditions_ListsTheWholeCatalog_WithTheTotal()
    {
        var page = await PageAsync("/thu-tuc");

        Names(page).ShouldBe([.. PortalCatalog.CommuneLevel, PortalCatalog.Karaoke], ignoreOrder: true);
        page.QuerySelector(".catalog-results .total")!.TextContent.ShouldContain("Tìm thấy 6 thủ tục");
        page.QuerySelector("form.catalog-search")!.GetAttribute("method").ShouldBe("get");
        page.QuerySelector(".pager").ShouldBeNull();
    }

    [Fact]
    public async Task FieldFilter_ListsOnlyThatField_AndItsSelectIsBuiltFromTheCatalog()
    {
        var page = await PageAsync("/thu-tuc?field=CT");

        Names(page).ShouldBe([PortalCatalog.Certification, PortalCatalog.Will], ignoreOrder: true);
        var options = page.QuerySelectorAll("#field option").Select(o => (o.GetAttribute("value"), o.TextContent.Trim())).ToList();
        options.ShouldBe([("", "Tất cả lĩnh vực"), ("CT", "Chứng thực"), ("CU", "Cư trú"), ("HT", "Hộ tịch"), ("VH", "Văn hóa")]);
        page.QuerySelector("#field option[selected]")!.GetAttribute("value").ShouldBe("CT");
        page.QuerySelector("details.catalog-filters")!.HasAttribute("open").ShouldBeTrue();
    }

    [Fact]
    public async Task UnitFilter_ListsWhatThatUnitCanHandle()
    {
        var world = await PortalCatalog.SeedAsync(app);

        var province = await PageAsync($"/thu-tuc?unitId={world.ProvinceId}");
        var ward = await PageAsync($"/thu-tuc?unitId={world.CommuneId}");
        var commune = await PageAsync($"/thu-tuc?unitId={world.OtherCommuneId}");

        Names(province).ShouldBe([PortalCatalog.Karaoke]);
        province.QuerySelector(".catalog-results .total")!.TextContent.ShouldContain("do Tỉnh Thử Nghiệm giải quyết");
        Names(ward).ShouldBe(PortalCatalog.CommuneLevel, ignoreOrder: true);
        Names(commune).ShouldBe(PortalCatalog.CommuneLevel, ignoreOrder: true);
    }

    [Fact]
    public async Task UnitSelect_ListsTheProvinceAndItsCommunes_NotTheBodiesInsideThem()
    {
        var world = await PortalCatalog.SeedAsync(app);

        var page = await PageAsync($"/thu-tuc?unitId={world.CommuneId}");

        var options = page.QuerySelectorAll("#unitId option").Select(o => o.TextContent.Trim()).ToList();
        options.ShouldBe(["Tất cả đơn vị", "Tỉnh Thử Nghiệm", "Phường Một", "Xã Hai"]);
        page.QuerySelector("#unitId option[selected]")!.GetAttribute("value").ShouldBe(world.CommuneId.ToString());
    }

    [Fact]
    public async Task OnlineLevelFilter_ListsOnlyThatLevel()
    {
        var none = await PageAsync("/thu-tuc?onlineLevel=None");
        var partial = await PageAsync("/thu-tuc?onlineLevel=partial");
        var full = await PageAsync("/thu-tuc?onlineLevel=Full");

        Names(none).ShouldBe([PortalCatalog.Will]);
        Names(partial).ShouldBe([PortalCatalog.Certification]);
        Names(full).ShouldBe([PortalCatalog.Residence, PortalCatalog.Birth, PortalCatalog.TemporaryResidence, PortalCatalog.Karaoke], ignoreOrder: true);
    }

    [Fact]
    public async Task OnlineOnlyFilter_ListsThePilotList()
    {
        var page = await PageAsync("/thu-tuc?onlineOnly=true");

        Names(page).ShouldBe([PortalCatalog.TemporaryResidence]);
        page.QuerySelector("#onlineOnly")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector(".procedure .badge.pilot")!.TextContent.ShouldBe("Chỉ tiếp nhận trực tuyến");
    }

    [Fact]
    public async Task Filters_Combine()
    {
        var world = await PortalCatalog.SeedAsync(app);

        var page = await PageAsync($"/thu-tuc?q=chung+thuc&field=CT&unitId={world.CommuneId}&onlineLevel=None");

        Names(page).ShouldBe([PortalCatalog.Will]);
    }

    [Fact]
    public async Task Result_ShowsCodeFieldOnlineLevelLegalTimeAndFees_AndLinksToTheProcedure()
    {
        var page = await PageAsync("/thu-tuc?q=1.004222");

        var item = page.QuerySelector(".procedure-list .procedure")!;
        item.QuerySelector("h3 a")!.GetAttribute("href").ShouldBe("/thu-tuc/1.004222");
        item.QuerySelector(".meta")!.TextContent.ShouldBe("Mã 1.004222 · Lĩnh vực Cư trú");
        item.QuerySelector(".badge.full")!.TextContent.ShouldBe("Trực tuyến toàn trình");
        var facts = item.QuerySelector(".procedure-facts")!.TextContent;
        facts.ShouldContain("7 ngày làm việc");
        facts.ShouldContain("Có thu phí, lệ phí");

        var birth = (await PageAsync("/thu-tuc?q=khai+sinh")).QuerySelector(".procedure-list .procedure")!;
        // Registration is free, but the extract copies asked for on its e-form are charged per copy.
        birth.QuerySelector(".procedure-facts")!.TextContent.ShouldContain("Có thu phí, lệ phí");
        birth.QuerySelector(".procedure-facts")!.TextContent.ShouldContain("Trong ngày");
        var will = (await PageAsync("/thu-tuc?q=di+chuc")).QuerySelector(".procedure-list .procedure")!;
        will.QuerySelector(".badge.none")!.TextContent.ShouldBe("Không trực tuyến");
        var certification = (await PageAsync("/thu-tuc?q=2.000815")).QuerySelector(".procedure-list .procedure")!;
        certification.QuerySelector(".badge.partial")!.TextContent.ShouldBe("Trực tuyến một phần");
    }

    [Fact]
    public async Task NothingFound_SaysSoClearly()
    {
        var page = await PageAsync("/thu-tuc?q=xyz+khong+co&onlineOnly=true");

        Names(page).ShouldBeEmpty();
        page.QuerySelector(".catalog-results .total")!.TextContent.ShouldContain("Không tìm thấy thủ tục nào");
        var empty = page.QuerySelector(".catalog-results .empty")!.TextContent;
        empty.ShouldContain("“xyz khong co”");
        empty.ShouldContain("Bỏ bớt bộ lọc");
    }

    [Fact]
    public async Task StaleOrWrongLinkValues_AreExplained_AndTheRestOfTheListIsShown()
    {
        var page = await PageAsync($"/thu-tuc?unitId={Guid.NewGuid()}&field=KHONG&onlineLevel=whole");

        var problems = page.QuerySelectorAll("[role=alert]").Select(p => p.TextContent).ToList();
        problems.ShouldContain(p => p.Contains("Đơn vị đã chọn không còn"));
        problems.ShouldContain(p => p.Contains("Không còn lĩnh vực mã \"KHONG\""));
        problems.ShouldContain(p => p.Contains("Mức độ trực tuyến"));
        Names(page).Count.ShouldBe(6);
    }

    [Fact]
    public async Task HomePage_HasTheSearchBox_AndLinksIntoTheCatalogAndLookup()
    {
        var home = await PageAsync("/");

        var form = home.QuerySelector(".home-search form")!;
        form.GetAttribute("action").ShouldBe("/thu-tuc");
        form.GetAttribute("method").ShouldBe("get");
        form.QuerySelector("input[name=q]").ShouldNotBeNull();
        var links = home.QuerySelectorAll(".home-search a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain("/thu-tuc");
        links.ShouldContain("/thu-tuc?onlineOnly=true");
        links.ShouldContain("/tra-cuu");
        home.QuerySelector("#so-lieu").ShouldNotBeNull();   // the figures stay
    }

    [Fact]
    public async Task Catalog_NeedsNoSignIn()
    {
        await PortalCatalog.SeedAsync(app);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        (await client.GetAsync("/thu-tuc", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/thu-tuc/1.004222", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
