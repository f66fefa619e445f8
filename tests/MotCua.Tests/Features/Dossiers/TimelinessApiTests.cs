using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>Lateness through the API as the office sees it: an apology never makes a late dossier on time, a second
/// supplement request is refused, and a dossier already overdue when the supplement was asked for stays late.</summary>
public sealed class TimelinessApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Lease = ["Hợp đồng thuê nhà có công chứng"];
    private static readonly string[] BirthCertificate = ["Bản sao giấy khai sinh"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateTime Vn(int month, int day, int hour, int minute = 0) => TestClock.Vn(2026, month, day, hour, minute);

    /// <summary>Residence, 7 working days: received Tuesday 17/11 09:00, due Thursday 26/11 09:00.</summary>
    internal static async Task<ReceiveInPerson.Response> ReceiveAsync(HttpClient desk, string idNumber)
    {
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Vũ Thị Mai", idNumber, phone = "0987000111" },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!;
    }

    internal static async Task<DossierSummary> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new ShouldAssertException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<DossierSummary>(TestJson.Options, Ct))!;
    }

    /// <summary>A fresh bearer token: the tests move the clock by days, longer than a token lives.</summary>
    private Task<HttpClient> As(string userName) => app.ClientAsAsync(userName);

    private static async Task<ListDossiers.Item?> InLateListAsync(HttpClient client, string code)
    {
        var page = await client.GetFromJsonAsync<ListDossiers.Page>($"/api/dossiers?list=Late&pageSize=100&q={code}", TestJson.Options, Ct);
        return page!.Items.SingleOrDefault(i => i.Code == code);
    }

    [Fact]
    public async Task Apology_ForALateDossier_KeepsTheLegalDueDate_AndTheDossierStaysInTheLateList()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Vn(11, 17, 9));
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk, "079190007001");

        app.Clock.Set(Vn(11, 27, 10)); // a day after the due date
        (await InLateListAsync(await As("leader"), received.Code)).ShouldNotBeNull();
        await PostAsync(await As("leader"), $"/api/dossiers/{received.Id}/apology", new { reason = "Phải xác minh chỗ ở với Công an tỉnh", newDueAtUtc = Vn(12, 4, 17) });

        var view = (await (await As("leader")).GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{received.Id}", TestJson.Options, Ct))!;
        (view.OriginalDueAtUtc, view.DueAtUtc).ShouldBe((Vn(11, 26, 9), Vn(11, 26, 9)));
        (view.Apology!.PreviousDueUtc, view.Apology.NewDueUtc).ShouldBe((Vn(11, 26, 9), Vn(12, 4, 17)));
        var late = await InLateListAsync(await As("leader"), received.Code);
        late.ShouldNotBeNull("an apology does not make a late dossier on time");
        late.DueState.ShouldBe(DueState.Late);
        view.History[^1].Description.ShouldContain("gửi muộn");
    }

    [Fact]
    public async Task Apology_LessThanOneWorkingDayBeforeTheDueDate_IsRecordedAsSentLate_OneDayBefore_IsNot()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Vn(11, 17, 9));
        var desk = await app.ClientAsAsync("desk");
        var early = await ReceiveAsync(desk, "079190007002");
        var late = await ReceiveAsync(desk, "079190007003");

        app.Clock.Set(Vn(11, 25, 9)); // exactly one working day before 26/11 09:00
        await PostAsync(await As("leader"), $"/api/dossiers/{early.Id}/apology", new { reason = "Chờ xác minh", newDueAtUtc = Vn(12, 2, 17) });
        app.Clock.Set(Vn(11, 25, 14)); // the afternoon before: less than one working day left
        await PostAsync(await As("leader"), $"/api/dossiers/{late.Id}/apology", new { reason = "Chờ xác minh", newDueAtUtc = Vn(12, 2, 17) });

        var onTime = (await (await As("leader")).GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{early.Id}", TestJson.Options, Ct))!;
        onTime.History[^1].Description.ShouldNotContain("muộn");
        var sentLate = (await (await As("leader")).GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{late.Id}", TestJson.Options, Ct))!;
        sentLate.History[^1].Description.ShouldContain("gửi muộn");
        sentLate.History[^1].Description.ShouldContain("chậm nhất 1 ngày làm việc");
    }

    [Fact]
    public async Task DossierPage_WarnsBeforeALateApology_AndShowsBothDatesAfterIt()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Vn(11, 17, 9));
        var received = await ReceiveAsync(await As("desk"), "079190007007");
        var url = $"/office/dossiers/{received.Id}";

        app.Clock.Set(Vn(11, 24, 9)); // two working days left: in time
        (await (await OfficeClient.SignInAsync(app, "leader")).GetPageAsync(url)).QuerySelector(".apology-late").ShouldBeNull();
        app.Clock.Set(Vn(11, 25, 14)); // less than one working day left
        var leader = await OfficeClient.SignInAsync(app, "leader");
        var page = await leader.GetPageAsync(url);
        page.QuerySelector(".apology-late")!.TextContent.ShouldContain("gửi muộn");

        await PostAsync(await As("leader"), $"/api/dossiers/{received.Id}/apology", new { reason = "Chờ xác minh", newDueAtUtc = Vn(12, 2, 17) });
        page = await leader.GetPageAsync(url);
        page.QuerySelector(".promised-due")!.TextContent.ShouldBe("17:00 02/12/2026");
        var legal = page.QuerySelectorAll("dt").Single(dt => dt.TextContent == "Hạn giải quyết").NextElementSibling!;
        legal.TextContent.ShouldContain("09:00 26/11/2026"); // the legal date stays beside the promised one
    }

    [Fact]
    public async Task SupplementRequest_ASecondTime_IsRefusedWithAClearMessage_AndChangesNothing()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Vn(11, 17, 9));
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk, "079190007004");
        var s = await PostAsync(await As("desk"), $"/api/dossiers/{received.Id}/supplement-requests",
            new { reason = "Hợp đồng thuê nhà chưa công chứng", missingItems = Lease });
        app.Clock.Set(Vn(11, 18, 9));
        s = await PostAsync(await As("desk"), $"/api/dossiers/{received.Id}/supplement-answer", new { note = "Đã nộp", revision = s.Revision });

        var again = await (await As("desk")).PostAsJsonAsync($"/api/dossiers/{received.Id}/supplement-requests",
            new { reason = "Còn thiếu", missingItems = BirthCertificate, revision = s.Revision }, Ct);

        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var detail = (await again.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!;
        detail.ShouldContain("chỉ yêu cầu bổ sung một lần");
        detail.ShouldContain("17/11/2026");
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Supplements).SingleAsync(d => d.Id == received.Id, Ct));
        (stored.Status, stored.SupplementCount, stored.Supplements.Count, stored.Revision).ShouldBe((DossierStatus.Received, 1, 1, s.Revision));
    }

    [Fact]
    public async Task SupplementRequest_WhenTheDossierWasAlreadyOverdue_ShowsItLate_WhileOneAskedInTimeIsPaused()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Vn(11, 17, 9));
        var desk = await app.ClientAsAsync("desk");
        var inTime = await ReceiveAsync(desk, "079190007005");
        var overdue = await ReceiveAsync(desk, "079190007006");
        app.Clock.Set(Vn(11, 18, 9));
        await PostAsync(await As("desk"), $"/api/dossiers/{inTime.Id}/supplement-requests", new { reason = "Thiếu giấy tờ", missingItems = Lease });

        app.Clock.Set(Vn(11, 27, 10)); // overdue since 26/11 09:00
        await PostAsync(await As("desk"), $"/api/dossiers/{overdue.Id}/supplement-requests", new { reason = "Thiếu giấy tờ", missingItems = Lease });

        var late = await InLateListAsync(await As("leader"), overdue.Code);
        late.ShouldNotBeNull("the clock can only stop before the due date");
        (late.Status, late.DueState).ShouldBe((DossierStatus.SupplementRequested, DueState.Late));
        (await InLateListAsync(await As("leader"), inTime.Code)).ShouldBeNull();
        var all = await (await As("leader")).GetFromJsonAsync<ListDossiers.Page>($"/api/dossiers?q={inTime.Code}", TestJson.Options, Ct);
        all!.Items.Single().DueState.ShouldBe(DueState.Paused);
    }
}
