using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Units;

namespace MotCua.Tests.Pages.Portal.Catalog;

/// <summary>The catalog list across pages, and the unit filter following new versions at once. These tests add
/// procedures, so they have their own app; each uses names of its own.</summary>
public sealed class CatalogChangesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static ProcedureContent Content(string name, string fieldCode = "TN", IReadOnlyList<UnitKind>? kinds = null) => new()
    {
        Name = name,
        FieldCode = fieldCode,
        FieldName = "Thử nghiệm",
        CompetentAuthority = "Ủy ban nhân dân cấp xã",
        CompetentUnitKinds = kinds ?? [UnitKind.Commune, UnitKind.Ward, UnitKind.SpecialZone],
        OnlineLevel = OnlineLevel.Full,
        LegalTime = LegalTime.Days(3),
        ResultName = "Kết quả",
    };

    private Task PublishAsync(string code, ProcedureContent content) => app.WithDbAsync(async db =>
    {
        var procedure = await db.Procedures.Include(p => p.Versions).SingleOrDefaultAsync(p => p.Code == code);
        if (procedure is null) db.Procedures.Add(procedure = new Procedure(Guid.NewGuid(), code));
        procedure.Publish(content, app.Clock.GetUtcNow().UtcDateTime, "Quyết định thử nghiệm");
        await db.SaveChangesAsync();
    });

    private async Task<IHtmlDocument> PageAsync(string url) => await (await OfficeClient.AnonymousAsync(app)).GetPageAsync(url);

    private static List<string> Names(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".procedure-list .procedure h3 a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task LongList_IsPaged_AndTheLinksKeepTheConditions()
    {
        await app.SeedWorldAsync();
        for (var i = 1; i <= 45; i++)
            await PublishAsync($"TEST.PG.{i:00}", Content($"Thủ tục phân trang số {i:00}"));

        var first = await PageAsync("/thu-tuc?q=phan+trang&onlineLevel=Full");
        var second = await PageAsync(first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);
        var third = await PageAsync("/thu-tuc?q=phan+trang&onlineLevel=Full&page=3");

        first.QuerySelector(".catalog-results .total")!.TextContent.ShouldContain("Tìm thấy 45 thủ tục");
        Names(first).Count.ShouldBe(20);
        Names(first)[0].ShouldBe("Thủ tục phân trang số 01");
        first.QuerySelector(".pager")!.TextContent.ShouldContain("Trang 1 / 3");
        first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href").ShouldBe("/thu-tuc?q=phan%20trang&onlineLevel=Full&page=2");
        Names(second)[0].ShouldBe("Thủ tục phân trang số 21");
        second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href").ShouldBe("/thu-tuc?q=phan%20trang&onlineLevel=Full");
        Names(third).ShouldBe([.. Enumerable.Range(41, 5).Select(i => $"Thủ tục phân trang số {i}")]);
        third.QuerySelector(".pager a[rel=next]").ShouldBeNull();
        third.QuerySelector("ol.procedure-list")!.GetAttribute("start").ShouldBe("41");
    }

    [Fact]
    public async Task UnitFilter_FollowsANewVersion_OnTheNextSearch()
    {
        var world = await app.SeedWorldAsync();
        await PublishAsync("TEST.DV.01", Content("Thủ tục đổi thẩm quyền", kinds: [UnitKind.Province]));
        var url = $"/thu-tuc?q=doi+tham+quyen&unitId={world.CommuneId}";
        Names(await PageAsync(url)).ShouldBeEmpty();

        await PublishAsync("TEST.DV.01", Content("Thủ tục đổi thẩm quyền", kinds: [UnitKind.Province, UnitKind.Ward]));

        Names(await PageAsync(url)).ShouldBe(["Thủ tục đổi thẩm quyền"]);
        Names(await PageAsync($"/thu-tuc?q=doi+tham+quyen&unitId={world.OtherCommuneId}")).ShouldBeEmpty();   // a commune, not a ward
    }

    [Fact]
    public async Task FieldSelect_FollowsNewFields()
    {
        await app.SeedWorldAsync();
        (await PageAsync("/thu-tuc")).QuerySelectorAll("#field option").Select(o => o.GetAttribute("value")).ShouldNotContain("MOI");

        await PublishAsync("TEST.LV.01", Content("Thủ tục lĩnh vực mới", fieldCode: "MOI") with { FieldName = "Lĩnh vực mới" });

        var page = await PageAsync("/thu-tuc?field=MOI");
        page.QuerySelector("#field option[selected]")!.TextContent.ShouldBe("Lĩnh vực mới");
        Names(page).ShouldBe(["Thủ tục lĩnh vực mới"]);
    }
}
