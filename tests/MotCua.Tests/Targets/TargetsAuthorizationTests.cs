using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Features.Identity;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Targets;
using static MotCua.Tests.Targets.TargetsTestKit;

namespace MotCua.Tests.Targets;

/// <summary>Phường Một's targets, campaigns and tasks against everyone who must not see or change them: another commune
/// (404, as for a dossier), an official of Phường Một without a writing role (403 on writes), a citizen (403) and
/// nobody signed in (401). Nothing changes.</summary>
public sealed class TargetsAuthorizationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Task, Guid Campaign, TestData.World World)> SubjectsAsync()
    {
        var world = await app.SeedWorldAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync("stats.other") is null)
            {
                // Xã Hai's statistics office, leader and administrator at once: every writing role, in another commune.
                var official = new Official { Id = Guid.NewGuid(), UserName = "stats.other", FullName = "Cán bộ thống kê xã Hai", UnitId = world.OtherCommuneId };
                (await users.CreateAsync(official, TestData.Password)).Succeeded.ShouldBeTrue();
                (await users.AddToRolesAsync(official, [nameof(OfficialRole.StatisticsOffice), nameof(OfficialRole.Leader), nameof(OfficialRole.Administrator)])).Succeeded.ShouldBeTrue();
            }
        }
        var stats = await app.ClientAsAsync("stats");
        var existing = await app.WithDbAsync(db => db.Set<PlanTask>().Select(t => (Guid?)t.Id).FirstOrDefaultAsync(Ct));
        if (existing is { } id)
            return (id, await app.WithDbAsync(db => db.Set<Campaign>().Select(c => c.Id).FirstAsync(Ct)), world);
        await PostAsync<GetTargetProgress.Result>(stats, "/api/targets", new { unit = world.CommuneCode, year = 2026, targets = new[] { new { metric = "toan-trinh", value = 60 } } });
        var task = await PostAsync<GetPlanTask.View>(stats, "/api/plan-tasks", new
        {
            unit = world.CommuneCode, title = "Tuyên truyền dịch vụ công trực tuyến", leadUnits = "Bộ phận TN&TKQ", dueDate = "2026-12-31",
        }, HttpStatusCode.Created);
        var campaign = await PostAsync<CreateCampaign.Response>(stats, "/api/campaigns", new
        {
            unit = world.CommuneCode, name = "Chiến dịch 30 ngày", start = "2026-11-01", end = "2026-11-30",
            milestones = new[] { new { metric = "so-hoa", value = 80 } },
        }, HttpStatusCode.Created);
        return (task.Id, campaign.Id, world);
    }

    private Task<object> StateAsync() => app.WithDbAsync<object>(async db => new
    {
        Targets = string.Join(",", await db.Set<UnitTarget>().OrderBy(t => t.Id).Select(t => t.Metric + "=" + t.Value).ToListAsync(Ct)),
        Tasks = string.Join(",", await db.Set<PlanTask>().OrderBy(t => t.Id).Select(t => t.Status + "/" + t.Revision).ToListAsync(Ct)),
        Campaigns = string.Join(",", await db.Set<Campaign>().OrderBy(c => c.Id).Select(c => c.Name + "/" + c.Revision).ToListAsync(Ct)),
    }.ToString()!);

    public static TheoryData<string, string> Cases() => new()
    {
        // who, what
        { "stats.other", "read" }, { "stats.other", "write" },
        { "desk", "write" }, { "specialist", "write" }, { "clerk", "write" },
        { "citizen", "read" }, { "citizen", "write" },
        { "anonymous", "read" }, { "anonymous", "write" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Intruders_AreRefused_AndChangeNothing(string who, string what)
    {
        var (taskId, campaignId, world) = await SubjectsAsync();
        var before = await StateAsync();
        var client = who switch
        {
            "anonymous" => app.CreateClient(),
            "citizen" => (await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone)).Http,
            _ => await app.ClientAsAsync(who),
        };
        var expected = who switch
        {
            "anonymous" => HttpStatusCode.Unauthorized,
            "citizen" => HttpStatusCode.Forbidden,
            "stats.other" => HttpStatusCode.NotFound,
            _ => HttpStatusCode.Forbidden,
        };
        var code = world.CommuneCode;
        var requests = what == "read"
            ? new Func<Task<HttpResponseMessage>>[]
            {
                () => client.GetAsync($"/api/targets?unit={code}", Ct),
                () => client.GetAsync($"/api/campaigns?unit={code}", Ct),
                () => client.GetAsync($"/api/campaigns/{campaignId}", Ct),
                () => client.GetAsync($"/api/plan-tasks?unit={code}", Ct),
                () => client.GetAsync($"/api/plan-tasks/{taskId}", Ct),
            }
            : new Func<Task<HttpResponseMessage>>[]
            {
                () => client.PostAsJsonAsync("/api/targets", new { unit = code, year = 2026, targets = new[] { new { metric = "toan-trinh", value = 1 } } }, Ct),
                () => client.PostAsJsonAsync("/api/plan-tasks", new { unit = code, title = "X", leadUnits = "Y", dueDate = "2026-12-31" }, Ct),
                () => client.PostAsJsonAsync($"/api/plan-tasks/{taskId}/updates", new { status = "Done", evidence = "Giả mạo" }, Ct),
                () => client.PostAsJsonAsync("/api/campaigns", new { unit = code, name = "X", start = "2026-11-01", end = "2026-11-02", milestones = new[] { new { metric = "so-hoa", value = 1 } } }, Ct),
                () => client.PutAsJsonAsync($"/api/campaigns/{campaignId}", new { name = "X", start = "2026-11-01", end = "2026-11-02", milestones = new[] { new { metric = "so-hoa", value = 1 } } }, Ct),
                () => client.DeleteAsync($"/api/campaigns/{campaignId}", Ct),
                () => client.PutAsJsonAsync($"/api/plan-tasks/{taskId}", new { title = "X", leadUnits = "Y", dueDate = "2026-12-31" }, Ct),
                () => client.PostAsJsonAsync($"/api/plan-tasks/{taskId}/cancel", new { reason = "Giả mạo" }, Ct),
                () => client.DeleteAsync($"/api/plan-tasks/{taskId}", Ct),
            };
        foreach (var request in requests)
        {
            using var response = await request();
            var body = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.ShouldBe(expected, $"{who} {what} {response.RequestMessage!.RequestUri}: {body}");
            if (expected != HttpStatusCode.Unauthorized) response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        (await StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task TheProvince_ReadsAndSetsACommunesTargets_AndAnOfficialOfTheUnitReadsThem()
    {
        var (_, _, world) = await SubjectsAsync();
        var admin = await app.ClientAsAsync("admin");
        await PostAsync<GetTargetProgress.Result>(admin, "/api/targets", new { unit = world.OtherCommuneCode, year = 2026, targets = new[] { new { metric = "so-hoa", value = 75 } } });
        var seen = await GetAsync<GetTargetProgress.Result>(await app.ClientAsAsync("desk.other"), "/api/targets?year=2026");
        seen.Metrics.Single(m => m.Metric == TargetMetric.Digitized).Target.ShouldBe(75m);
        // A body inside the commune reads the commune's targets (the desk is under Phường Một).
        var desk = await GetAsync<GetTargetProgress.Result>(await app.ClientAsAsync("desk"), "/api/targets?year=2026");
        desk.Unit.ShouldBe(world.CommuneCode);
        // A department is not given targets of its own.
        var response = await admin.PostAsJsonAsync("/api/targets", new { unit = "000.02.41.H98", year = 2026, targets = new[] { new { metric = "so-hoa", value = 75 } } }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Pages_RefuseAnotherCommune_AndShowTheProgress()
    {
        var (taskId, campaignId, world) = await SubjectsAsync();
        var other = await OfficeClient.SignInAsync(app, "stats.other");
        foreach (var url in new[] { $"/office/targets?unit={world.CommuneCode}", $"/office/targets/tasks?unit={world.CommuneCode}",
                     $"/office/targets/tasks/{taskId}", $"/office/targets/campaigns/{campaignId}", $"/office/targets/campaigns?unit={world.CommuneCode}" })
            (await other.Http.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        // Editing is for the writing roles.
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var edit = await desk.Http.GetAsync("/office/targets/edit", Ct);
        (await edit.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Lưu chỉ tiêu");

        var page = await (await OfficeClient.SignInAsync(app, "stats")).GetPageAsync("/office/targets?year=2026");
        var row = page.QuerySelector("#targets tr[data-metric='toan-trinh']")!;
        row.QuerySelector(".target")!.TextContent.ShouldContain("60 %");
        row.QuerySelector(".pace")!.TextContent.Trim().ShouldNotBeEmpty();
        page.QuerySelector("#targets tr[data-metric='phan-anh-dung-han'] .measured")!.TextContent.ShouldContain("chưa có dữ liệu");

        // Feedback sent to the commune is measured as indicator 5.2: pending and within its 15 working days, on time.
        app.Clock.Set(TestClock.Vn(2026, 11, 20, 9));
        using var sent = await app.CreateClient().PostAsJsonAsync("/api/feedback", new
        {
            category = "RulesAndProcedures", title = "Hỏi về lệ phí", content = "Lệ phí đăng ký thường trú trực tuyến là bao nhiêu?",
            senderName = "Trần Văn Hỏi", senderPhone = "0912000411", unit = world.CommuneCode,
        }, Ct);
        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync(Ct));
        var measured = (await (await OfficeClient.SignInAsync(app, "stats")).GetPageAsync("/office/targets?year=2026"))
            .QuerySelector("#targets tr[data-metric='phan-anh-dung-han'] .measured")!.TextContent;
        measured.ShouldContain("100 %");
        measured.ShouldContain("1 / 1");
    }
}
