using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Targets;

namespace MotCua.Tests.Targets;

/// <summary>The plan task's and the campaign's correction forms posted as a browser posts them (the page's antiforgery
/// token, the form's field names): a refusal is the same page with the reason in Vietnamese at the top and nothing
/// changed; a success redirects with its notice. Wrong role and anonymous posts change nothing either.</summary>
public sealed class TargetsEditPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldNotBe(HttpStatusCode.Redirect, html);
        ((int)response.StatusCode).ShouldBeLessThan(500, html);
        var page = await OfficeClient.ParseAsync(html);
        return page.QuerySelector("p.alert.error[role=alert]")?.TextContent ?? throw new ShouldAssertException($"no refusal shown:\n{html[..Math.Min(html.Length, 1500)]}");
    }

    private static string Revision(IHtmlDocument page, string form) => page.QuerySelector($"{form} input[name=Revision]")!.GetAttribute("value")!;

    private Task<PlanTask> TaskAsync(Guid id) => app.WithDbAsync(db => db.Set<PlanTask>().AsNoTracking().SingleAsync(t => t.Id == id, Ct));

    [Fact]
    public async Task PlanTaskPage_EditAndCancel_RefusalsShownInVietnamese_ThenDone()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 20, 9));
        using var created = await (await app.ClientAsAsync("stats")).PostAsJsonAsync("/api/plan-tasks", new
        {
            unit = world.CommuneCode, plan = "Kế hoạch số 175/KH-UBND", number = "3", title = "Rà soát quy trình nội bộ", leadUnits = "Bộ phận TN&TKQ", dueDate = "2026-11-30",
        }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<GetPlanTask.View>(TestJson.Options, Ct))!.Id;
        var url = $"/office/targets/tasks/{id}";
        var stats = await OfficeClient.SignInAsync(app, "stats");
        var page = await stats.GetPageAsync(url);
        var revision = Revision(page, "#edit-task");
        static Dictionary<string, string> Correction(string title, string lead, string due, string rev) => new()
        {
            ["Revision"] = rev, ["Correction.Plan"] = "Kế hoạch số 175/KH-UBND", ["Correction.Number"] = "3", ["Correction.Title"] = title,
            ["Correction.LeadUnits"] = lead, ["Correction.CoordinatingUnits"] = "", ["Correction.DueDate"] = due,
        };

        // An empty title and lead: the rule's words, the typed values kept, nothing saved.
        var empty = await stats.PostFormAsync(url, $"{url}?handler=Edit", Correction(" ", "", "2026-12-15", revision));
        (await RefusedAsync(empty)).ShouldContain("Hãy nhập");
        (await TaskAsync(id)).ShouldSatisfyAllConditions(t => t.Title.ShouldBe("Rà soát quy trình nội bộ"), t => t.Revision.ShouldBe(0));

        // A desk official may read the task but not correct it.
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var refused = await desk.PostFormAsync(url, $"{url}?handler=Edit", Correction("Khác", "Khác", "2026-12-15", revision));
        (await RefusedAsync(refused)).ShouldStartWith("Chỉ Văn phòng – Thống kê, lãnh đạo hoặc quản trị hệ thống");
        // Another commune's writer, with the token of a page of their own: the task is not theirs to know.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var official = new Official { Id = Guid.NewGuid(), UserName = "stats.xahai", FullName = "Cán bộ thống kê xã Hai", UnitId = world.OtherCommuneId };
            (await users.CreateAsync(official, TestData.Password)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(official, nameof(OfficialRole.StatisticsOffice))).Succeeded.ShouldBeTrue();
        }
        var other = await OfficeClient.SignInAsync(app, "stats.xahai");
        var outside = await other.PostFormAsync("/office/targets", $"{url}?handler=Cancel", new() { ["Reason"] = "Không phải của xã", ["Revision"] = revision });
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Anonymous: sent to the login page, nothing saved.
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var sneaked = await anonymous.PostAsync($"{url}?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = "x", ["Revision"] = revision }), Ct);
        sneaked.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await TaskAsync(id)).ShouldSatisfyAllConditions(t => t.Title.ShouldBe("Rà soát quy trình nội bộ"), t => t.Status.ShouldBe(PlanTaskStatus.NotStarted));

        var edited = await stats.PostFormAsync(url, $"{url}?handler=Edit", Correction("Rà soát, công khai quy trình nội bộ", "Bộ phận TN&TKQ", "2026-12-15", revision));
        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect, await edited.Content.ReadAsStringAsync(Ct));
        edited.Headers.Location!.OriginalString.ShouldBe(url);
        (await stats.GetPageAsync(url)).QuerySelector("p.alert.success")!.TextContent.ShouldBe("Đã sửa nhiệm vụ.");
        (await TaskAsync(id)).ShouldSatisfyAllConditions(t => t.Title.ShouldBe("Rà soát, công khai quy trình nội bộ"),
            t => t.DueDate.ShouldBe(new DateOnly(2026, 12, 15)), t => t.Revision.ShouldBe(1));

        // Cancelling with the revision read before the edit, or without a reason, is refused.
        var stale = await stats.PostFormAsync(url, $"{url}?handler=Cancel", new() { ["Reason"] = "Gộp vào kế hoạch khác", ["Revision"] = revision });
        (await RefusedAsync(stale)).ShouldContain("thay đổi");
        var current = Revision(await stats.GetPageAsync(url), "#cancel-task");
        var noReason = await stats.PostFormAsync(url, $"{url}?handler=Cancel", new() { ["Reason"] = "   ", ["Revision"] = current });
        (await RefusedAsync(noReason)).ShouldBe("Hãy ghi lý do hủy nhiệm vụ.");
        (await TaskAsync(id)).Status.ShouldNotBe(PlanTaskStatus.Cancelled);

        var cancelled = await stats.PostFormAsync(url, $"{url}?handler=Cancel", new() { ["Reason"] = "Nhiệm vụ được gộp vào Kế hoạch số 200/KH-UBND", ["Revision"] = current });
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect, await cancelled.Content.ReadAsStringAsync(Ct));
        (await stats.GetPageAsync(url)).QuerySelector("p.alert.success")!.TextContent.ShouldBe("Đã hủy nhiệm vụ.");
        (await TaskAsync(id)).Status.ShouldBe(PlanTaskStatus.Cancelled);
    }

    [Fact]
    public async Task CampaignPage_Edit_RefusalsShownInVietnamese_ThenSaved()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 20, 9));
        using var created = await (await app.ClientAsAsync("stats")).PostAsJsonAsync("/api/campaigns", new
        {
            unit = world.CommuneCode, name = "Chiến dịch 30 ngày", start = "2026-11-01", end = "2026-11-30",
            weeks = new[] { new { number = 1, start = "2026-11-01", end = "2026-11-07", work = "Tuyên truyền" } },
            milestones = new[] { new { week = (int?)1, metric = "so-hoa", value = 60m } },
        }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<CreateCampaign.Response>(TestJson.Options, Ct))!.Id;
        var url = $"/office/targets/campaigns/{id}";
        var stats = await OfficeClient.SignInAsync(app, "stats");
        var page = await stats.GetPageAsync(url);
        var revision = Revision(page, "#edit-campaign");
        static Dictionary<string, string> Form(string start, string end, string milestones, string rev) => new()
        {
            ["Revision"] = rev, ["Name"] = "Chiến dịch 45 ngày", ["Decision"] = "", ["Start"] = start, ["End"] = end, ["Phases"] = "",
            ["Weeks"] = "1; 01/11/2026; 07/11/2026; Tuyên truyền\n2; 08/11/2026; 14/11/2026; Số hóa", ["Milestones"] = milestones,
        };
        Task<Campaign> StoredAsync() => app.WithDbAsync(db => db.Set<Campaign>().AsNoTracking().SingleAsync(c => c.Id == id, Ct));

        (await RefusedAsync(await stats.PostFormAsync(url, $"{url}?handler=Edit", Form("1/11", "15/12/2026", "1; so-hoa; 60", revision))))
            .ShouldBe("Hãy nhập ngày bắt đầu và ngày kết thúc dạng dd/MM/yyyy.");
        (await RefusedAsync(await stats.PostFormAsync(url, $"{url}?handler=Edit", Form("01/11/2026", "15/12/2026", "1; khong-co; 60", revision))))
            .ShouldContain("khong-co");
        var desk = await OfficeClient.SignInAsync(app, "desk");
        (await RefusedAsync(await desk.PostFormAsync(url, $"{url}?handler=Edit", Form("01/11/2026", "15/12/2026", "1; so-hoa; 60", revision))))
            .ShouldStartWith("Chỉ Văn phòng – Thống kê, lãnh đạo hoặc quản trị hệ thống");
        (await RefusedAsync(await desk.PostFormAsync(url, $"{url}?handler=Delete", new() { ["Revision"] = revision })))
            .ShouldStartWith("Chỉ Văn phòng – Thống kê, lãnh đạo hoặc quản trị hệ thống");
        (await StoredAsync()).ShouldSatisfyAllConditions(c => c.Name.ShouldBe("Chiến dịch 30 ngày"), c => c.Revision.ShouldBe(0));

        var saved = await stats.PostFormAsync(url, $"{url}?handler=Edit", Form("01/11/2026", "15/12/2026", "1; so-hoa; 60\n2; so-hoa; 70\n; toan-trinh; 50", revision));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct));
        (await stats.GetPageAsync(url)).QuerySelector("p.alert.success")!.TextContent.ShouldBe("Đã sửa chiến dịch \"Chiến dịch 45 ngày\".");
        var stored = await StoredAsync();
        (stored.Name, stored.EndDate, stored.Weeks.Count, stored.Milestones.Count, stored.Revision).ShouldBe(("Chiến dịch 45 ngày", new DateOnly(2026, 12, 15), 2, 3, 1));

        // The form read before the save is stale now: deleting with it is refused, and the campaign stays.
        (await RefusedAsync(await stats.PostFormAsync(url, $"{url}?handler=Delete", new() { ["Revision"] = revision }))).ShouldContain("thay đổi");
        (await StoredAsync()).Name.ShouldBe("Chiến dịch 45 ngày");
    }
}
