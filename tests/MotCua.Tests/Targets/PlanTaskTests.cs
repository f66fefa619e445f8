using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Targets;
using static MotCua.Tests.Targets.TargetsTestKit;

namespace MotCua.Tests.Targets;

/// <summary>Plan tasks (Phụ lục 1): overdue once the deadline has passed and the task is not done, on the list, its
/// filters and the start page; updates recorded with who, when and the evidence.</summary>
public sealed class PlanTaskTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Task(string unit, string title, string due) => new
    {
        unit, plan = "Kế hoạch số 175/KH-UBND ngày 17/02/2025", number = "2", title,
        leadUnits = "Bộ phận TN&TKQ", coordinatingUnits = "Bộ phận VH TT, VP HĐND&UBND xã",
        dueDate = due, deadlineText = "Trước ngày " + due, expectedProduct = "Ban hành văn bản chỉ đạo, đôn đốc.",
    };

    [Fact]
    public async Task Task_BecomesOverdue_TheDayAfterItsDeadline_UntilItIsDone()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 16));
        var stats = await app.ClientAsAsync("stats");
        var task = await PostAsync<GetPlanTask.View>(stats, "/api/plan-tasks", Task(world.CommuneCode, "Ban hành văn bản chỉ đạo", "2026-11-17"), HttpStatusCode.Created);
        task.Overdue.ShouldBeFalse("the deadline's own day is in time");
        (await GetAsync<ListPlanTasks.Result>(stats, "/api/plan-tasks?overdue=true")).Items.ShouldNotContain(i => i.Id == task.Id);

        app.Clock.Set(TestClock.Vn(2026, 11, 18, 0, 1));
        stats = await app.ClientAsAsync("stats");
        var overdue = await GetAsync<ListPlanTasks.Result>(stats, "/api/plan-tasks?overdue=true");
        overdue.Items.Single(i => i.Id == task.Id).Overdue.ShouldBeTrue();
        overdue.Overdue.ShouldBe(1);
        (await GetAsync<ListPlanTasks.Result>(stats, "/api/plan-tasks?overdue=false")).Items.ShouldNotContain(i => i.Id == task.Id);
        (await GetAsync<ListPlanTasks.Result>(stats, "/api/plan-tasks?status=NotStarted")).Items.ShouldContain(i => i.Id == task.Id);
        // The start page and the list page flag it.
        var leader = await OfficeClient.SignInAsync(app, "leader");
        (await leader.GetPageAsync("/office")).QuerySelector("#overdue-plan-tasks")!.TextContent.ShouldContain("1 nhiệm vụ kế hoạch quá hạn");
        (await leader.GetPageAsync("/office/targets/tasks")).QuerySelector($"tr[data-id='{task.Id}'] .status")!.TextContent.ShouldContain("Quá hạn");

        // Done needs evidence; then it is no longer overdue, and the history says who did what.
        var response = await stats.PostAsJsonAsync($"/api/plan-tasks/{task.Id}/updates", new { status = "Done", revision = 0 }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(TestJson.Options, Ct))!.Detail
            .ShouldBe("Nhiệm vụ hoàn thành cần có kết quả, minh chứng (nội dung hoặc tệp đính kèm).");
        var done = await PostAsync<GetPlanTask.View>(stats, $"/api/plan-tasks/{task.Id}/updates",
            new { status = "Done", evidence = "Đã ban hành Công văn số 12/UBND-VP ngày 18/11/2026", revision = 0 });
        (done.Status, done.Overdue, done.Revision).ShouldBe((PlanTaskStatus.Done, false, 1));
        done.History.Select(h => (h.ActorName, h.ActorRole, h.FromStatus, h.ToStatus, h.Evidence)).ShouldBe(
        [
            ("Cán bộ stats", "Văn phòng – Thống kê", null, PlanTaskStatus.NotStarted, "Giao nhiệm vụ"),
            ("Cán bộ stats", "Văn phòng – Thống kê", PlanTaskStatus.NotStarted, PlanTaskStatus.Done, "Đã ban hành Công văn số 12/UBND-VP ngày 18/11/2026"),
        ]);
        (await GetAsync<ListPlanTasks.Result>(stats, "/api/plan-tasks?overdue=true")).Overdue.ShouldBe(0);
        (await (await OfficeClient.SignInAsync(app, "leader")).GetPageAsync("/office")).QuerySelector("#overdue-plan-tasks").ShouldBeNull();

        // An update on a revision someone else has changed since is refused.
        response = await stats.PostAsJsonAsync($"/api/plan-tasks/{task.Id}/updates", new { status = "InProgress", revision = 0 }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await GetAsync<GetPlanTask.View>(stats, $"/api/plan-tasks/{task.Id}")).Status.ShouldBe(PlanTaskStatus.Done);
    }

    [Fact]
    public async Task TaskPage_RecordsAnEvidenceFile_InTheFileStore_AndServesItToTheUnitOnly()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9));
        var task = await PostAsync<GetPlanTask.View>(await app.ClientAsAsync("leader"), "/api/plan-tasks",
            Task(world.CommuneCode, "Thí điểm tiếp nhận chỉ trực tuyến", "2026-12-31"), HttpStatusCode.Created);
        var leader = await OfficeClient.SignInAsync(app, "leader");
        var page = await leader.GetPageAsync($"/office/targets/tasks/{task.Id}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("InProgress"), "Status" },
            { new StringContent("Đã niêm yết danh mục"), "Evidence" },
            { new StringContent(task.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Revision" },
        };
        var file = new ByteArrayContent(TestPdf.OnePage);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Upload", "bien-ban-niem-yet.pdf");
        var response = await leader.Http.PostAsync($"/office/targets/tasks/{task.Id}", form, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Ct));

        var view = await GetAsync<GetPlanTask.View>(await app.ClientAsAsync("leader"), $"/api/plan-tasks/{task.Id}");
        (view.Status, view.Evidence, view.EvidenceFileName).ShouldBe((PlanTaskStatus.InProgress, "Đã niêm yết danh mục", "bien-ban-niem-yet.pdf"));
        (await app.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == view.EvidenceFileId, Ct))).ShouldBeTrue();
        var url = $"/office/targets/tasks/{task.Id}?handler=File&fileId={view.EvidenceFileId}";
        var download = await leader.Http.GetAsync(url, Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(TestPdf.OnePage);
        (await (await OfficeClient.SignInAsync(app, "desk.other")).Http.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
