using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Infrastructure;

/// <summary>Concurrent writers on one database (docs/adr/0035c): on SQLite they queue in the process instead of
/// sleeping in the busy handler; on PostgreSQL the same receptions run as before. The database is the tests' file
/// database (WAL), never :memory:. Outcomes are asserted, not durations: the timings are only printed.</summary>
public sealed class SqliteWriterQueueTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Writers = 8;
    private const int Rounds = 5;

    private static object Reception(string idNumber) => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = "Phạm Văn Đồng Thời", idNumber, phone = "0912 345 678" },
        components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
    };

    private static HttpRequestMessage Post(object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers/desk") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static int NumberOf(string code) => int.Parse(code[(code.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);

    [Fact]
    public async Task EightDeskReceptionsAtOnce_SeveralRounds_AllReceivedWithDistinctGaplessCodes()
    {
        var world = await app.SeedWorldAsync();
        var desks = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => app.ClientAsAsync("desk")));
        var before = await CodesTakenTodayAsync(world.CommuneCode);
        var codes = new List<string>();
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;

        for (var round = 0; round < Rounds; round++)
        {
            var answers = await Task.WhenAll(desks.Select(async (desk, i) =>
            {
                var watch = Stopwatch.StartNew();
                var response = await desk.SendAsync(Post(Reception($"0791900{round:D2}{i:D3}"), Guid.NewGuid().ToString()), Ct);
                return (Response: response, Body: await response.Content.ReadAsStringAsync(Ct), watch.Elapsed);
            }));
            foreach (var (response, body, elapsed) in answers)
            {
                if (elapsed > slowest) slowest = elapsed;
                if (response.StatusCode != HttpStatusCode.Created) failures.Add($"{(int)response.StatusCode}: {body}");
                else codes.Add(System.Text.Json.JsonSerializer.Deserialize<ReceiveInPerson.Response>(body, TestJson.Options)!.Code);
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{app.Database.Provider}: {codes.Count} received, {failures.Count} failed, slowest answer {slowest.TotalMilliseconds:0} ms");

        failures.ShouldBeEmpty();
        codes.Count.ShouldBe(Writers * Rounds);
        codes.Distinct().Count().ShouldBe(codes.Count);
        // Gapless: the numbers of the day continue exactly from where the other tests of this class left them.
        codes.Select(NumberOf).Order().ShouldBe(Enumerable.Range(before + 1, Writers * Rounds));
        (await CodesTakenTodayAsync(world.CommuneCode)).ShouldBe(before + Writers * Rounds);
    }

    private Task<int> CodesTakenTodayAsync(string agencyCode) =>
        app.WithDbAsync(db => db.Set<DossierCodeCounter>().Where(c => c.AgencyCode == agencyCode).Select(c => c.LastNumber).SingleOrDefaultAsync(Ct));
}
