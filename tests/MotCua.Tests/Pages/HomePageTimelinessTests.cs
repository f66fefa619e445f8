using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Features.Dossiers.TimelinessApiTests;

namespace MotCua.Tests.Pages;

/// <summary>The public home page's "settled on time" share reads the same lateness as the office: a dossier settled
/// after its legal due date is late even though an apology gave the applicant a later date. Its own app, because the
/// home page keeps its figures for a few minutes.</summary>
public sealed class HomePageTimelinessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DossierSummary> PostFileAsync(HttpClient client, string url, params (string Name, string Value)[] values)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(TestPdf.OnePage);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "ket-qua.pdf");
        foreach (var (name, value) in values) form.Add(new StringContent(value), name);
        var response = await client.PostAsync(url, form, Ct);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<DossierSummary>(TestJson.Options, Ct))!;
    }

    [Fact]
    public async Task Home_ADossierDecidedAfterItsLegalDueDateButBeforeTheApologysDate_IsNotCountedOnTime()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9));
        var received = await ReceiveAsync(await app.ClientAsAsync("desk"), "079190009001");
        var id = received.Id;
        await PostAsync(await app.ClientAsAsync("desk"), $"/api/dossiers/{id}/start-processing", new { unitId = world.JusticeId });
        var specialistId = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "specialist").Select(o => o.Id).SingleAsync(Ct));
        await PostAsync(await app.ClientAsAsync("leader"), $"/api/dossiers/{id}/assign", new { officialId = specialistId });
        await PostFileAsync(await app.ClientAsAsync("specialist"), $"/api/dossiers/{id}/draft");

        app.Clock.Set(TestClock.Vn(2026, 11, 25, 9)); // one working day before 26/11 09:00
        await PostAsync(await app.ClientAsAsync("leader"), $"/api/dossiers/{id}/apology", new { reason = "Chờ xác minh", newDueAtUtc = TestClock.Vn(2026, 12, 4, 17) });
        app.Clock.Set(TestClock.Vn(2026, 12, 1, 9));
        await PostAsync(await app.ClientAsAsync("specialist"), $"/api/dossiers/{id}/submit-for-approval", new { note = "Đủ điều kiện" });
        await PostAsync(await app.ClientAsAsync("leader"), $"/api/dossiers/{id}/approve", new { });
        var decided = await PostFileAsync(await app.ClientAsAsync("clerk"), $"/api/dossiers/{id}/issue", ("number", "7/TB-UBND"));
        decided.Status.ShouldBe(9);

        var history = await app.WithDbAsync(db => db.DossierEvents.Where(e => e.DossierId == id && e.Kind == DossierEventKind.Decide).Select(e => e.Description).SingleAsync(Ct));
        history.ShouldContain("trễ hạn");
        var home = await OfficeClient.ParseAsync(await app.CreateClient().GetStringAsync("/", Ct));
        var card = home.QuerySelectorAll(".card").Single(c => c.TextContent.Contains("đúng hạn", StringComparison.Ordinal));
        card.QuerySelector(".value")!.TextContent.ShouldBe((0.0).ToString("P1", CultureInfo.GetCultureInfo("vi-VN")));
    }
}
