using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MotCua.Web.Features.Scorecard;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Reports;

/// <summary>The office's dashboard and report pages on the hand-built set of <see cref="ReportApp"/> (the clock at
/// 03/12/2026): a commune's figures for this month and this year, the province's communes side by side and ranked,
/// and the refusals.</summary>
public sealed class DashboardPageTests(ReportApp app) : IClassFixture<ReportApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<OfficeClient> SignInAsync(string user)
    {
        await app.ReadyAsync();
        return await OfficeClient.SignInAsync(app, user);
    }

    private static string Figure(AngleSharp.Html.Dom.IHtmlDocument page, string period, string figure) =>
        page.QuerySelector($"#cards-{period} [data-figure={figure}] .value")!.TextContent.Trim();

    [Fact]
    public async Task Dashboard_ForTheCommune_ShowsThisMonthAndThisYear_WithCharts()
    {
        var page = await (await SignInAsync("stats")).GetPageAsync("/office/dashboard");

        page.QuerySelector("h1")!.TextContent.ShouldContain("Phường Một");
        // December: one received (01/12 00:30), one settled (early); this year: 13 received, 6 settled, 5 of them early or on time.
        (Figure(page, "thang", "received"), Figure(page, "thang", "settled"), Figure(page, "thang", "on-time")).ShouldBe(("1", "1", "100%"));
        (Figure(page, "nam", "received"), Figure(page, "nam", "settled"), Figure(page, "nam", "on-time"), Figure(page, "nam", "late"),
            Figure(page, "nam", "pending"), Figure(page, "nam", "overdue")).ShouldBe(("13", "6", "83,3%", "1", "5", "1"));
        // The charts are images with their values in words.
        var outcome = page.QuerySelector("#chart-outcome svg")!;
        outcome.GetAttribute("role").ShouldBe("img");
        page.QuerySelector("#chart-outcome desc")!.TextContent.ShouldBe("Trước hạn: 3 (27,3%); Đúng hạn: 2 (18,2%); Trễ hạn: 1 (9,1%); Đang giải quyết trong hạn: 4 (36,4%); Đang giải quyết quá hạn: 1 (9,1%)");
        page.QuerySelector("#chart-channels desc")!.TextContent.ShouldStartWith("Trực tuyến: 1");
        page.QuerySelector("#ranking").ShouldBeNull(); // no administrative unit under a ward
    }

    [Fact]
    public async Task Dashboard_ForTheProvince_RanksItsCommunes()
    {
        var page = await (await SignInAsync(ReportApp.ProvinceStats)).GetPageAsync("/office/dashboard");

        var rows = page.QuerySelectorAll("#ranking tbody tr").Select(r => (
            Rank: r.QuerySelector(".rank")!.TextContent, Name: r.QuerySelector("th")!.TextContent.Trim(),
            Cells: r.QuerySelectorAll("td.num").Select(c => c.TextContent).ToList())).ToList();
        rows.Select(r => (r.Rank, r.Name)).ShouldBe([("1", "Xã Hai"), ("2", "Phường Một")]);
        // The last column is each commune's 766 total for the year, as the scorecard itself gives it.
        var card = (await (await SignInAsync(ReportApp.ProvinceStats)).Http.GetFromJsonAsync<GetScorecard.Result>(
            $"/api/scorecard?unit={TestData.ProvinceCode}&from=2026-01-01&to=2026-12-31", TestJson.Options, Ct))!;
        string Score(string name) => card.Children.Single(c => c.Name == name).Total.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"));
        var headers = page.QuerySelectorAll("#ranking thead th");
        headers[^1].TextContent.ShouldBe("Điểm Bộ chỉ số 766");
        rows[0].Cells.ShouldBe(["2", "2", "100%", "0", "0", Score("Xã Hai")]);
        rows[1].Cells.ShouldBe(["13", "6", "83,3%", "1", "1", Score("Phường Một")]);
        Score("Xã Hai").ShouldNotBe(Score("Phường Một"));
        page.QuerySelectorAll("#unit option").Select(o => o.TextContent).ShouldBe(["Tỉnh Thử Nghiệm", "Phường Một", "Xã Hai"]);

        // This month: only Phường Một settled anything, so Xã Hai is not ranked.
        var month = await (await SignInAsync(ReportApp.ProvinceStats)).GetPageAsync("/office/dashboard?ky=thang");
        month.QuerySelectorAll("#ranking tbody tr").Select(r => (r.QuerySelector(".rank")!.TextContent, r.QuerySelector("th")!.TextContent.Trim()))
            .ShouldBe([("1", "Phường Một"), ("—", "Xã Hai")]);
    }

    [Fact]
    public async Task Dashboard_OfAnotherCommune_IsRefused()
    {
        var client = await SignInAsync("desk.other");
        var response = await client.Http.GetAsync("/office/dashboard?unit=000.00.41.H98", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        page.QuerySelector(".alert.error")!.TextContent.ShouldContain("đơn vị mình");
        page.QuerySelector("#cards-nam").ShouldBeNull();
    }

    [Fact]
    public async Task ReportPage_ShowsTheTable_WithDownloadsForThePeriod()
    {
        var page = await (await SignInAsync("stats")).GetPageAsync("/office/reports?from=2026-11-01&to=2026-11-30");

        var total = page.QuerySelector("#report tr.total")!;
        total.QuerySelectorAll("td.num").Select(c => c.TextContent).ShouldBe(["11", "1", "1", "8", "1", "4", "1", "2", "1", "75%", "5", "4", "1", "1", "1", "1"]);
        page.QuerySelectorAll("#report thead th").Select(th => th.TextContent).ShouldContain("Trễ hạn");
        page.QuerySelectorAll(".downloads a").Select(a => a.GetAttribute("href"))
            .ShouldBe(["/api/reports/dossiers?unit=000.00.41.H98&from=2026-11-01&to=2026-11-30&format=xlsx",
                       "/api/reports/dossiers?unit=000.00.41.H98&from=2026-11-01&to=2026-11-30&format=pdf"]);
        page.QuerySelector(".period-presets a[aria-current=true]")!.TextContent.ShouldBe("Tháng trước");
    }

    [Fact]
    public async Task ReportPage_WithABadRange_Says400InVietnamese()
    {
        var client = await SignInAsync("stats");
        var response = await client.Http.GetAsync("/office/reports?from=2026-11-30&to=2026-11-01", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        page.QuerySelector(".alert.error")!.TextContent.ShouldContain("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu");
        page.QuerySelector("#report").ShouldBeNull();
    }

    [Fact]
    public async Task OfficeNavigation_LinksTheDashboard()
    {
        var page = await (await SignInAsync("desk")).GetPageAsync("/office");
        page.QuerySelectorAll(".office-nav a").Select(a => a.GetAttribute("href")).ShouldContain("/office/dashboard");
    }
}
