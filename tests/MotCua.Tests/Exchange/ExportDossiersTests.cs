using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Exchange;

namespace MotCua.Tests.Exchange;

/// <summary>GET /api/dossiers/export, and the round trip: what this system handled, exported and imported into an
/// empty system, exports again field for field the same.</summary>
public sealed class ExportDossiersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Missing = ["Hợp đồng thuê nhà có công chứng"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Reception(string idNumber, string name) => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = name, idNumber, phone = "0912345678", email = "dan@example.vn" },
        components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
    };

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFactory, Task<string>> Handled = [];

    /// <summary>Three dossiers handled here on 17/11/2026, made once per app: received; received, asked for a supplement
    /// and answered; refused at the desk. Answers the first one's code.</summary>
    private Task<string> HandledHereAsync()
    {
        lock (Handled) return Handled.GetValue(app, _ => MakeHandledHereAsync());
    }

    private async Task<string> MakeHandledHereAsync()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var received = await (await SyncRecords.PostJsonAsync(desk, "/api/dossiers/desk", Reception("079095001111", "Trần Thị Một")))
            .Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct);
        var asked = await (await SyncRecords.PostJsonAsync(desk, "/api/dossiers/desk", Reception("079095002222", "Lê Văn Hai")))
            .Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct);
        (await SyncRecords.PostJsonAsync(desk, $"/api/dossiers/{asked!.Id}/supplement-requests",
            new { reason = "Thiếu giấy tờ", missingItems = Missing })).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        (await SyncRecords.PostJsonAsync(desk, $"/api/dossiers/{asked.Id}/supplement-answer", new { note = "Đã bổ sung" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SyncRecords.PostJsonAsync(desk, "/api/dossiers/desk/refusals", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Vũ Thị Ba", idNumber = "079188000333", phone = "0987654321" },
            components = new[] { new { requirementCode = "TK" } },
            reason = "Giấy tờ đã hết hiệu lực",
            channel = "Desk",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return received!.Code;
    }

    [Fact]
    public async Task Export_ThenImportIntoAnEmptySystem_GivesTheSameRecords()
    {
        await HandledHereAsync();
        var exported = await SyncRecords.ExportAsync(await app.ClientAsAsync("stats"), "from=2026-11-17&to=2026-11-17");
        exported.Count.ShouldBe(3);
        exported.Count(r => r.TrangThaiHoSo == 2).ShouldBe(2);
        exported.Count(r => r.TrangThaiHoSo == 3).ShouldBe(1);
        exported.Single(r => r.ChuHoSo == "Lê Văn Hai").DanhSachHoSoBoSung!.Single().TrangThaiBoSung.ShouldBe(1);

        await using var empty = new AppFactory();
        await empty.InitializeAsync();
        await empty.SeedWorldAsync();
        var stats = await empty.ClientAsAsync("stats");
        var result = await SyncRecords.ImportAsync(stats, SyncRecords.Array([.. exported]));
        (result.Imported, result.RejectedCount).ShouldBe((3, 0), JsonSerializer.Serialize(result.Rejected));
        var again = await SyncRecords.ExportAsync(stats, "from=2026-11-17&to=2026-11-17");

        static string Json(SyncRecord r) => JsonSerializer.Serialize(r, SyncRecordJson.Options);
        again.OrderBy(r => r.MaHoSo).Select(Json).ShouldBe(exported.OrderBy(r => r.MaHoSo).Select(Json));
    }

    [Fact]
    public async Task Export_AsJsonLines_GivesOneRecordALineForThePeriodOnly()
    {
        var code = await HandledHereAsync();
        var leader = await app.ClientAsAsync("leader");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dossiers/export?from=2026-11-17&to=2026-11-17");
        request.Headers.Accept.ParseAdd("application/x-ndjson");

        using var response = await leader.SendAsync(request, Ct);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => JsonSerializer.Deserialize<SyncRecord>(l, SyncRecordJson.Options)!.MaHoSo).ShouldContain(code);
        (await SyncRecords.ExportAsync(leader, "from=2026-11-18&to=2026-12-31")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("from=2026-11-17", "to")]
    [InlineData("from=17/11/2026&to=2026-11-17", "from")]
    [InlineData("from=2026-11-18&to=2026-11-17", "to")]
    [InlineData("from=2026-11-17&to=2026-11-17&unit=000.00.42.H98", "unit")]
    public async Task Export_WithABadQuery_Is400InVietnamese(string query, string field)
    {
        await app.SeedWorldAsync();

        using var response = await (await app.ClientAsAsync("stats")).GetAsync($"/api/dossiers/export?{query}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(Ct))!;
        problem.Errors.Keys.ShouldContain(field);
    }

    [Theory]
    [InlineData("desk")]
    [InlineData("specialist")]
    public async Task Export_ByAnOfficialWithoutTheRole_Is403(string who)
    {
        await app.SeedWorldAsync();
        (await (await app.ClientAsAsync(who)).GetAsync("/api/dossiers/export?from=2026-11-17&to=2026-11-17", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
