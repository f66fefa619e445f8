using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Targets;
using static MotCua.Tests.Targets.TargetsTestKit;

namespace MotCua.Tests.Targets;

/// <summary>Correcting what was entered: a plan task edited (the history keeps the old values), cancelled with a reason
/// (kept, no longer overdue) or, only when nobody worked on it, erased; a campaign edited or deleted; a target's every
/// change kept with who, when and from what. Bad input is a 422 in Vietnamese that changes nothing; a stale revision a 409.</summary>
public sealed class EditAndCancelTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>(TestJson.Options, Ct))!.Detail!;
    }

    private static async Task<T> PutAsync<T>(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(TestJson.Options, Ct))!;
    }

    private static async Task<GetPlanTask.View> NewTaskAsync(HttpClient client, string unit, string due) =>
        await PostAsync<GetPlanTask.View>(client, "/api/plan-tasks", new
        {
            unit, plan = "Kế hoạch số 175/KH-UBND", number = "3", title = "Rà soát quy trình nội bộ", leadUnits = "Bộ phận TN&TKQ", dueDate = due,
        }, HttpStatusCode.Created);

    [Fact]
    public async Task PlanTask_Edited_HistoryKeepsTheOldValues_StaleRevisionAndBadInputRefused()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 20, 9));
        var stats = await app.ClientAsAsync("stats");
        var task = await NewTaskAsync(stats, world.CommuneCode, "2026-11-30");

        // The province's administrator corrects the commune's task (a unit above may).
        var admin = await app.ClientAsAsync("admin");
        var edited = await PutAsync<GetPlanTask.View>(admin, $"/api/plan-tasks/{task.Id}", new
        {
            plan = "Kế hoạch số 175/KH-UBND", number = "3", title = "Rà soát, công khai quy trình nội bộ", leadUnits = "Bộ phận TN&TKQ",
            coordinatingUnits = "Văn phòng HĐND và UBND", dueDate = "2026-12-15", revision = 0,
        });
        (edited.Title, edited.CoordinatingUnits, edited.DueDate, edited.Revision).ShouldBe(
            ("Rà soát, công khai quy trình nội bộ", "Văn phòng HĐND và UBND", new DateOnly(2026, 12, 15), 1));
        edited.History[^1].Evidence.ShouldBe(
            "Sửa nhiệm vụ: nội dung: \"Rà soát quy trình nội bộ\" → \"Rà soát, công khai quy trình nội bộ\"; phối hợp: \"\" → \"Văn phòng HĐND và UBND\"; "
            + "hạn hoàn thành: 30/11/2026 → 15/12/2026");
        edited.History[^1].ActorName.ShouldNotBe(task.History.Single().ActorName);

        // The revision the commune saw is stale now; an empty title or lead is a 422; none changes anything.
        (await ProblemAsync(await stats.PutAsJsonAsync($"/api/plan-tasks/{task.Id}", new { title = "Khác", leadUnits = "X", dueDate = "2026-12-01", revision = 0 }, Ct),
            HttpStatusCode.Conflict)).ShouldContain("hãy xem lại");
        (await ProblemAsync(await stats.PutAsJsonAsync($"/api/plan-tasks/{task.Id}", new { title = " ", leadUnits = "", revision = 1 }, Ct),
            HttpStatusCode.UnprocessableEntity)).ShouldBe("Hãy nhập nội dung nhiệm vụ. Hãy nhập đơn vị chủ trì. Hãy nhập hạn hoàn thành (ngày cuối cùng của thời gian thực hiện).");
        (await ProblemAsync(await stats.PutAsJsonAsync($"/api/plan-tasks/{task.Id}", new
            {
                plan = "Kế hoạch số 175/KH-UBND", number = "3", title = "Rà soát, công khai quy trình nội bộ", leadUnits = "Bộ phận TN&TKQ",
                coordinatingUnits = "Văn phòng HĐND và UBND", dueDate = "2026-12-15", revision = 1,
            }, Ct), HttpStatusCode.UnprocessableEntity)).ShouldBe("Không có gì thay đổi.");
        var stored = await GetAsync<GetPlanTask.View>(stats, $"/api/plan-tasks/{task.Id}");
        (stored.Title, stored.Revision, stored.History.Count).ShouldBe(("Rà soát, công khai quy trình nội bộ", 1, 2));
    }

    [Fact]
    public async Task PlanTask_WithHistory_IsCancelledWithAReason_NotErased_AndIsNoLongerOverdue()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 20, 9));
        var stats = await app.ClientAsAsync("stats");
        var task = await NewTaskAsync(stats, world.CommuneCode, "2026-11-10");
        task.Overdue.ShouldBeTrue();
        await PostAsync<GetPlanTask.View>(stats, $"/api/plan-tasks/{task.Id}/updates", new { status = "InProgress", evidence = "Đã giao bộ phận rà soát", revision = 0 });

        (await ProblemAsync(await stats.DeleteAsync($"/api/plan-tasks/{task.Id}?revision=1", Ct), HttpStatusCode.UnprocessableEntity))
            .ShouldBe("Nhiệm vụ đã có cập nhật, minh chứng hoặc đã được sửa: không xóa được để giữ lịch sử. Hãy hủy nhiệm vụ và ghi lý do.");
        (await ProblemAsync(await stats.PostAsJsonAsync($"/api/plan-tasks/{task.Id}/cancel", new { reason = "  ", revision = 1 }, Ct),
            HttpStatusCode.UnprocessableEntity)).ShouldBe("Hãy ghi lý do hủy nhiệm vụ.");
        (await ProblemAsync(await stats.PostAsJsonAsync($"/api/plan-tasks/{task.Id}/cancel", new { reason = new string('x', 1001), revision = 1 }, Ct),
            HttpStatusCode.UnprocessableEntity)).ShouldBe("Lý do hủy tối đa 1000 ký tự.");

        var cancelled = await PostAsync<GetPlanTask.View>(stats, $"/api/plan-tasks/{task.Id}/cancel",
            new { reason = "Nhiệm vụ được gộp vào Kế hoạch số 200/KH-UBND", revision = 1 });
        (cancelled.Status, cancelled.StatusName, cancelled.Overdue, cancelled.History.Count).ShouldBe((PlanTaskStatus.Cancelled, "Đã hủy", false, 3));
        cancelled.History[^1].Evidence.ShouldBe("Hủy nhiệm vụ. Lý do: Nhiệm vụ được gộp vào Kế hoạch số 200/KH-UBND");
        (cancelled.History[^1].FromStatus, cancelled.History[^1].ToStatus).ShouldBe((PlanTaskStatus.InProgress, PlanTaskStatus.Cancelled));
        (await GetAsync<ListPlanTasks.Result>(stats, $"/api/plan-tasks?unit={world.CommuneCode}&overdue=true")).Items.ShouldNotContain(i => i.Id == task.Id);
        (await GetAsync<ListPlanTasks.Result>(stats, $"/api/plan-tasks?unit={world.CommuneCode}&status=Cancelled")).Items.Single(i => i.Id == task.Id).StatusName.ShouldBe("Đã hủy");

        // A cancelled task takes no more updates or corrections.
        (await ProblemAsync(await stats.PostAsJsonAsync($"/api/plan-tasks/{task.Id}/updates", new { status = "Done", evidence = "Xong", revision = 2 }, Ct),
            HttpStatusCode.UnprocessableEntity)).ShouldBe("Nhiệm vụ đã bị hủy: không sửa, cập nhật được nữa.");
        (await app.WithDbAsync(db => db.Set<PlanTask>().CountAsync(t => t.Id == task.Id, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task PlanTask_NobodyWorkedOn_IsErased_OnlyByAWriterOfItsUnitOrAbove()
    {
        var world = await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var task = await NewTaskAsync(stats, world.CommuneCode, "2026-12-31");

        // The desk has no writing role; another commune's official does not see it.
        (await (await app.ClientAsAsync("desk")).DeleteAsync($"/api/plan-tasks/{task.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.ClientAsAsync("desk.other")).DeleteAsync($"/api/plan-tasks/{task.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().DeleteAsync($"/api/plan-tasks/{task.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ProblemAsync(await stats.DeleteAsync($"/api/plan-tasks/{task.Id}?revision=7", Ct), HttpStatusCode.Conflict)).ShouldContain("hãy xem lại");
        (await app.WithDbAsync(db => db.Set<PlanTask>().CountAsync(t => t.Id == task.Id, Ct))).ShouldBe(1);

        (await stats.DeleteAsync($"/api/plan-tasks/{task.Id}?revision=0", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await stats.GetAsync($"/api/plan-tasks/{task.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.Set<PlanTaskUpdate>().CountAsync(u => u.PlanTaskId == task.Id, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Campaign_Edited_WithItsRules_ThenDeleted()
    {
        var world = await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var created = await PostAsync<CreateCampaign.Response>(stats, "/api/campaigns", new
        {
            unit = world.CommuneCode, name = "Chiến dịch 30 ngày", start = "2026-11-01", end = "2026-11-30",
            weeks = new[] { new { number = 1, start = "2026-11-01", end = "2026-11-07", work = "Tuyên truyền" } },
            milestones = new[] { new { week = (int?)1, metric = "so-hoa", value = 60m } },
        }, HttpStatusCode.Created);

        var edited = await PutAsync<CreateCampaign.Response>(stats, $"/api/campaigns/{created.Id}", new
        {
            name = "Chiến dịch 45 ngày", start = "2026-11-01", end = "2026-12-15",
            weeks = new[] { new { number = 1, start = "2026-11-01", end = "2026-11-07", work = "Tuyên truyền" }, new { number = 2, start = "2026-11-08", end = "2026-11-14", work = "Số hóa" } },
            milestones = new[] { new { week = (int?)1, metric = "so-hoa", value = 60m }, new { week = (int?)2, metric = "so-hoa", value = 70m }, new { week = (int?)null, metric = "toan-trinh", value = 50m } },
            revision = 0,
        });
        edited.Name.ShouldBe("Chiến dịch 45 ngày");
        var view = await GetAsync<GetCampaign.View>(stats, $"/api/campaigns/{created.Id}");
        (view.End, view.Weeks.Count, view.Metrics.Count, view.Revision, view.UpdatedBy).ShouldBe((new DateOnly(2026, 12, 15), 2, 2, 1, "Cán bộ stats"));

        // Bad input and a stale revision change nothing.
        (await ProblemAsync(await stats.PutAsJsonAsync($"/api/campaigns/{created.Id}", new
            {
                name = "X", start = "2026-11-30", end = "2026-11-01", milestones = new[] { new { metric = "so-hoa", value = 60m } }, revision = 1,
            }, Ct), HttpStatusCode.UnprocessableEntity)).ShouldBe("Ngày kết thúc phải từ ngày bắt đầu trở đi.");
        (await ProblemAsync(await stats.PutAsJsonAsync($"/api/campaigns/{created.Id}", new
            {
                name = "X", start = "2026-11-01", end = "2026-11-30", milestones = new[] { new { metric = "khong-co", value = 60m } }, revision = 1,
            }, Ct), HttpStatusCode.UnprocessableEntity)).ShouldStartWith("Chỉ tiêu \"khong-co\" không có.");
        (await ProblemAsync(await stats.PutAsJsonAsync($"/api/campaigns/{created.Id}", new
            {
                name = "X", start = "2026-11-01", end = "2026-11-30", milestones = new[] { new { metric = "so-hoa", value = 60m } }, revision = 0,
            }, Ct), HttpStatusCode.Conflict)).ShouldContain("hãy xem lại");
        (await GetAsync<GetCampaign.View>(stats, $"/api/campaigns/{created.Id}")).Name.ShouldBe("Chiến dịch 45 ngày");

        (await (await app.ClientAsAsync("desk")).DeleteAsync($"/api/campaigns/{created.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stats.DeleteAsync($"/api/campaigns/{created.Id}?revision=1", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await stats.GetAsync($"/api/campaigns/{created.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Target_KeepsEveryChange_WhoWhenFromWhat()
    {
        var world = await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var admin = await app.ClientAsAsync("admin");
        app.Clock.Set(TestClock.Vn(2026, 3, 2, 9));
        await PostAsync<GetTargetProgress.Result>(stats, "/api/targets", new { unit = world.CommuneCode, year = 2027, source = "Kế hoạch số 1/KH-UBND", targets = new[] { new { metric = "so-hoa", value = (decimal?)60 } } });
        app.Clock.Set(TestClock.Vn(2026, 4, 2, 9));
        await PostAsync<GetTargetProgress.Result>(admin, "/api/targets", new { unit = world.CommuneCode, year = 2027, source = "Kế hoạch số 2/KH-UBND", targets = new[] { new { metric = "so-hoa", value = (decimal?)70 } } });
        // The same value on the same basis again is not a change.
        await PostAsync<GetTargetProgress.Result>(admin, "/api/targets", new { unit = world.CommuneCode, year = 2027, source = "Kế hoạch số 2/KH-UBND", targets = new[] { new { metric = "so-hoa", value = (decimal?)70 } } });
        app.Clock.Set(TestClock.Vn(2026, 5, 2, 9));
        var result = await PostAsync<GetTargetProgress.Result>(stats, "/api/targets", new { unit = world.CommuneCode, year = 2027, targets = new[] { new { metric = "so-hoa", value = (decimal?)null } } });

        var row = result.Metrics.Single(m => m.Code == "so-hoa");
        row.Target.ShouldBeNull();
        row.History.Select(h => $"{VietnamTimeText(h.AtUtc)} {h.ActorName} ({h.ActorRole}): {h.From?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "—"} → {h.To?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "—"} {h.Source}")
            .ShouldBe(Expected);
        // The page shows it.
        var page = await (await OfficeClient.SignInAsync(app, "stats")).GetPageAsync($"/office/targets?unit={world.CommuneCode}&year=2027");
        page.QuerySelector("#targets tr[data-metric='so-hoa'] .target-history")!.TextContent.ShouldContain("60 % → 70 %");
    }

    private static readonly string[] Expected =
    [
        "02/05/2026 Cán bộ stats (Văn phòng – Thống kê): 70 → — ",
        "02/04/2026 Cán bộ admin (Quản trị hệ thống): 60 → 70 Kế hoạch số 2/KH-UBND",
        "02/03/2026 Cán bộ stats (Văn phòng – Thống kê): — → 60 Kế hoạch số 1/KH-UBND",
    ];

    private static string VietnamTimeText(DateTime utc) => MotCua.Web.Infrastructure.VietnamTime.FormatDate(utc);
}
