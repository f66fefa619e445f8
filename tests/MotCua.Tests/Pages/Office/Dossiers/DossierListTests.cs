using System.Net;
using AngleSharp.Dom;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages.Office.Dossiers;

/// <summary>/office/dossiers: search by code, name without diacritics, personal ID or phone, within the
/// official's units only, one page at a time.</summary>
public sealed class DossierListTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_ByCodeNameWithoutDiacriticsIdOrPhone_FindsTheDossier()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Trần Thị Bích Ngọc", "079090000201", "0912345201"));
        var desk = await OfficeClient.SignInAsync(app, "desk");

        foreach (var q in new[] { received.Code, received.Code[..^1], "tran thi bich", "Trần Thị Bích Ngọc", "079090000201", "0912 345 201" })
        {
            var page = await desk.GetPageAsync("/office/dossiers?q=" + Uri.EscapeDataString(q));
            var rows = OfficeDossiers.Rows(page, "results");
            rows.Select(r => r[0]).ShouldContain(received.Code, $"search \"{q}\"");
            page.QuerySelector($"a[href='/office/dossiers/{received.Id}']").ShouldNotBeNull();
            page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input#q")!.Value.ShouldBe(q);
        }
        var row = OfficeDossiers.Rows(await desk.GetPageAsync("/office/dossiers?q=" + received.Code), "results").Single();
        row.ShouldBe([received.Code, "Đăng ký thường trú", "Trần Thị Bích Ngọc", "Được tiếp nhận", "", "Trực tiếp", "09:00 17/11/2026", "09:00 26/11/2026 Trong hạn", "—"]);
    }

    [Fact]
    public async Task Search_ByOfficialOfAnotherCommune_FindsNothing_AndTheDossierPageIs404()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Hoàng Văn Ngoài Phạm Vi", "079090000202", "0912345202"));
        var other = await OfficeClient.SignInAsync(app, "desk.other");

        var page = await other.GetPageAsync("/office/dossiers?q=" + received.Code);
        OfficeDossiers.Rows(page, "results").ShouldBeEmpty();
        page.QuerySelector("main")!.TextContent.ShouldContain("Không tìm thấy hồ sơ nào phù hợp trong phạm vi đơn vị của bạn.");
        OfficeDossiers.Rows(await other.GetPageAsync("/office/dossiers?q=hoang van ngoai"), "results").ShouldBeEmpty();

        var response = await other.Http.GetAsync($"/office/dossiers/{received.Id}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        html.QuerySelector("h1")!.TextContent.ShouldBe("Không tìm thấy hồ sơ");
        html.QuerySelector("main")!.TextContent.ShouldNotContain("Hoàng Văn Ngoài Phạm Vi");
    }

    [Fact]
    public async Task List_OfMoreThanAPage_HasNextAndPreviousPageLinks()
    {
        await app.SeedWorldAsync();
        for (var i = 0; i < 21; i++)
            await OfficeDossiers.ReceiveAtDeskAsync(app, new($"Phân Trang Số {i:00}", $"0790900003{i:00}", $"09123453{i:00}"));
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var first = await desk.GetPageAsync("/office/dossiers?q=phan+trang&status=2");
        OfficeDossiers.Rows(first, "results").Count.ShouldBe(20);
        first.QuerySelector("a[rel=prev]").ShouldBeNull();
        var next = first.QuerySelector("a[rel=next]")!;
        next.TextContent.ShouldContain("Trang sau");
        next.GetAttribute("href").ShouldBe("/office/dossiers?q=phan%20trang&status=2&page=2");
        first.QuerySelector("select#status option[selected]")!.GetAttribute("value").ShouldBe("2");

        var second = await desk.GetPageAsync(next.GetAttribute("href")!);
        OfficeDossiers.Rows(second, "results").Count.ShouldBe(1);
        second.QuerySelector("a[rel=prev]")!.TextContent.ShouldContain("Trang trước");
        second.QuerySelector("a[rel=next]").ShouldBeNull();
    }
}
