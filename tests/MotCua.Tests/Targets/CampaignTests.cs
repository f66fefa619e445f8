using System.Net;
using System.Net.Http.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Targets;
using static MotCua.Tests.Targets.TargetsTestKit;

namespace MotCua.Tests.Targets;

/// <summary>A campaign's weekly table, as seed 004 asks: each week measured on its own dossiers, compared with the week
/// before, its milestone met or missed once it is over.</summary>
public sealed class CampaignTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Campaign(string unit) => new
    {
        unit,
        name = "Chiến dịch nâng cao tỷ lệ số hóa, dịch vụ công trực tuyến",
        decision = "Kế hoạch số 07/KH-UBND ngày 02/11/2026",
        start = "2026-11-02",
        end = "2026-11-29",
        phases = new[] { new { name = "Giai đoạn 1", start = "2026-11-02", end = "2026-11-29" } },
        weeks = new[]
        {
            new { number = 1, start = "2026-11-02", end = "2026-11-08", work = "Xây dựng kế hoạch, truyền thông" },
            new { number = 2, start = "2026-11-09", end = "2026-11-15", work = "Kiểm tra, giám sát" },
            new { number = 3, start = "2026-11-16", end = "2026-11-22", work = "So sánh với tuần 1 và 2" },
            new { number = 4, start = "2026-11-23", end = "2026-11-29", work = "Tổng hợp, đánh giá" },
        },
        milestones = new object[]
        {
            new { week = 1, metric = "truc-tuyen", value = 60 },
            new { week = 2, metric = "truc-tuyen", value = 80 },
            new { week = 3, metric = "truc-tuyen", value = 90 },
            new { week = (int?)null, metric = "truc-tuyen", value = 75 },
            new { week = 2, metric = "phan-anh-dung-han", value = 100 },
        },
    };

    [Fact]
    public async Task WeeklyTable_ComparesEachWeekWithTheOneBefore_AndJudgesTheMilestonesOfWeeksThatAreOver()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9));
        // Week 1: one desk, one online (50 %); week 2: two online (100 %); week 3 (running): one online (100 %).
        foreach (var (idNumber, day, isOnline) in new[] { ("079190009001", 3, false), ("079190009002", 4, true), ("079190009003", 9, true),
                     ("079190009004", 15, true), ("079190009005", 17, true) })
        {
            var d = await ReceiveAsync(app, "desk", idNumber);
            await ReceivedAtAsync(app, d.Id, TestClock.Vn(2026, 11, day, 10));
            if (isOnline) await OnlineAsync(app, d.Id, OnlineLevel.Partial);
        }
        // Week 2: one feedback item, still within its 15 working days a week later (5.2: on time).
        app.Clock.Set(TestClock.Vn(2026, 11, 10, 10));
        using (var sent = await app.CreateClient().PostAsJsonAsync("/api/feedback", new
        {
            category = "RulesAndProcedures", title = "Hỏi về hồ sơ", content = "Hồ sơ đăng ký thường trú cần những giấy tờ gì?",
            senderName = "Trần Văn Hỏi", senderPhone = "0912000412", unit = world.CommuneCode,
        }, Ct))
            sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync(Ct));
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9));
        var stats = await app.ClientAsAsync("stats");
        var created = await PostAsync<CreateCampaign.Response>(stats, "/api/campaigns", Campaign(world.CommuneCode), HttpStatusCode.Created);

        var view = await GetAsync<GetCampaign.View>(stats, $"/api/campaigns/{created.Id}");

        view.Metrics.Select(m => m.Metric).ShouldBe([TargetMetric.SubmittedOnline, TargetMetric.FeedbackOnTime]);
        var online = view.Weeks.Select(w => (w.Number, w.State, Cell: w.Cells.Single(c => c.Metric == TargetMetric.SubmittedOnline))).ToList();
        online.Select(w => (w.Number, w.State, w.Cell.Numerator, w.Cell.Denominator, w.Cell.Percent, w.Cell.Change, w.Cell.Milestone, w.Cell.Met)).ShouldBe(
        [
            (1, WeekState.Past, 1, 2, 50m, null, 60m, false),
            (2, WeekState.Past, 2, 2, 100m, 50m, 80m, true),
            (3, WeekState.Current, 1, 1, 100m, 0m, 90m, null),
            (4, WeekState.Future, null, null, null, null, null, null),
        ]);
        // Feedback is measured on the items received each week: week 2's one is on time, its milestone met; week 1 had none:
        // no data, never a missed milestone.
        var feedback = view.Weeks[1].Cells.Single(c => c.Metric == TargetMetric.FeedbackOnTime);
        (feedback.HasData, feedback.Numerator, feedback.Denominator, feedback.Met, feedback.Milestone).ShouldBe((true, 1, 1, (bool?)true, 100m));
        (view.Weeks[0].Cells.Single(c => c.Metric == TargetMetric.FeedbackOnTime).HasData).ShouldBeFalse();
        var soFar = view.SoFar.Single(c => c.Metric == TargetMetric.SubmittedOnline);
        (soFar.Numerator, soFar.Denominator, soFar.Percent, soFar.Milestone, soFar.Met).ShouldBe((4, 5, 80m, 75m, (bool?)null));

        // After the campaign, the last milestone is judged too.
        app.Clock.Set(TestClock.Vn(2026, 12, 1, 9));
        view = await GetAsync<GetCampaign.View>(await app.ClientAsAsync("stats"), $"/api/campaigns/{created.Id}");
        view.Weeks[2].Cells.Single(c => c.Metric == TargetMetric.SubmittedOnline).Met.ShouldBe(true);
        view.SoFar.Single(c => c.Metric == TargetMetric.SubmittedOnline).Met.ShouldBe(true);

        // The campaign page shows the same table.
        var page = await (await OfficeClient.SignInAsync(app, "leader")).GetPageAsync($"/office/targets/campaigns/{created.Id}");
        var week2 = page.QuerySelector("tr[data-week='2'] td[data-metric='truc-tuyen']")!.TextContent;
        week2.ShouldContain("100 %");
        week2.ShouldContain("▲ +50 điểm %");
        week2.ShouldContain("Mốc 80 % — đạt");
        page.QuerySelector("tr[data-week='1'] td[data-metric='truc-tuyen']")!.TextContent.ShouldContain("không đạt");
    }

    [Fact]
    public async Task Campaign_WithWeeksOutsideItsDates_OrAnUnknownMetric_IsRefusedInVietnamese()
    {
        var world = await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var response = await stats.PostAsync("/api/campaigns", System.Net.Http.Json.JsonContent.Create(new
        {
            unit = world.CommuneCode, name = "Sai", start = "2026-11-02", end = "2026-11-08",
            weeks = new[] { new { number = 1, start = "2026-11-02", end = "2026-11-15", work = "" } },
            milestones = new[] { new { week = 1, metric = "so-hoa", value = 120 } },
        }), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var body = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(response.Content, TestJson.Options, Ct))!.Detail!;
        body.ShouldContain("Tuần 1 phải nằm trong thời gian của chiến dịch.");
        body.ShouldContain("Chỉ tiêu là tỷ lệ phần trăm, từ 0 đến 100.");

        response = await stats.PostAsync("/api/campaigns", System.Net.Http.Json.JsonContent.Create(new
        {
            unit = world.CommuneCode, name = "Sai", start = "2026-11-02", end = "2026-11-08", milestones = new[] { new { metric = "khong-co", value = 10 } },
        }), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(response.Content, TestJson.Options, Ct))!
            .Detail!.ShouldStartWith("Chỉ tiêu \"khong-co\" không có.");
    }
}
