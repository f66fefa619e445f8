using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Browser;

/// <summary>Journey: the statistics office opens the dashboard from the navigation, reads this month's figures and
/// charts, opens the month's report, picks another period and finds the Excel and PDF downloads. Each page is
/// screenshot and checked with axe-core (the charts are images with their values in words).</summary>
[Collection(BrowserTests.Name)]
public sealed class ReportsJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Dashboard_ThenTheMonthsReport_ThenAnotherPeriod()
    {
        await app.SeedWorldAsync();
        await app.ReceivedAtDeskAsync("Trịnh Văn Thống");
        await using var journey = Journey.Start(app);

        var stats = await journey.SignInAsync("stats");
        await stats.SubmitAsync(stats.Page.GetByRole(AriaRole.Link, new() { Name = "Bảng điều hành, báo cáo" }), "bang-dieu-hanh");
        (await stats.Page.Locator("h1").InnerTextAsync()).ShouldContain("Phường Một");
        (await stats.Page.Locator("#cards-thang [data-figure=received] .value").InnerTextAsync()).ShouldBe("1");
        (await stats.Page.Locator("#chart-outcome svg").GetAttributeAsync("role")).ShouldBe("img");
        await stats.AtTabletAsync("bang-dieu-hanh");

        await stats.SubmitAsync(stats.Page.GetByRole(AriaRole.Link, new() { Name = "Báo cáo tháng" }), "bao-cao-thang");
        (await stats.Page.Locator("#report tr.total td.num").First.InnerTextAsync()).ShouldBe("1");
        (await stats.Page.Locator(".period-presets a[aria-current=true]").InnerTextAsync()).ShouldBe("Tháng này");
        (await stats.Page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp Excel (.xlsx)" }).GetAttributeAsync("href")).ShouldNotBeNull().ShouldContain("format=xlsx");
        (await stats.Page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp PDF" }).GetAttributeAsync("href")).ShouldNotBeNull().ShouldContain("format=pdf");

        await stats.SubmitAsync(stats.Page.GetByRole(AriaRole.Link, new() { Name = "Tháng trước" }), "bao-cao-thang-truoc");
        (await stats.Page.Locator("#report tr.total td.num").First.InnerTextAsync()).ShouldBe("0");
    }
}
