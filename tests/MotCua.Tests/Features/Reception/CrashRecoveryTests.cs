using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Features.Reception;

/// <summary>The real app as its own process (the built MotCua.Web.dll, its own data folder and database), killed with
/// SIGKILL while desk officials receive dossiers with scans through the API, then started again: every acknowledged
/// dossier and scan is there, no dossier code is given twice, and no file is left in the data folder without the row
/// that points to it (the start-up sweep removed what the kills left half done).</summary>
public sealed class CrashRecoveryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const int Workers = 6;
    private static readonly byte[] Scan = TestPdf.Create(padding: 1_500_000);

    private sealed record Acknowledged(Guid DossierId, string Code);

    [Fact]
    public async Task KilledDuringConcurrentDeskReceptions_KeepsWhatWasAcknowledgedAndLeavesNoOrphanFile()
    {
        await app.SeedWorldAsync();
        var dossiers = new ConcurrentBag<Acknowledged>();
        var scans = new ConcurrentBag<Guid>();
        var kills = 0;
        for (var round = 0; round < 2; round++)
        {
            using var server = await AppProcess.StartAsync(app.Database);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var token = await server.LoginAsync("desk");
            var ackedThisRound = 0;
            var load = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                using var http = server.Client(token);
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var received = await http.SendAsync(Reception(), stop.Token);
                        if (received.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Reception answered {(int)received.StatusCode}");
                        var body = await received.Content.ReadFromJsonAsync<JsonElement>(stop.Token);
                        var id = body.GetProperty("id").GetGuid();
                        dossiers.Add(new Acknowledged(id, body.GetProperty("code").GetString()!));
                        var view = await http.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}", stop.Token);
                        var component = view.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "CHO_O").GetProperty("id").GetGuid();
                        using var form = new MultipartFormDataContent();
                        var file = new ByteArrayContent(Scan);
                        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                        form.Add(file, "files", "ban-quet.pdf");
                        var scanned = await http.PostAsync($"/api/dossiers/{id}/components/{component}/scans", form, stop.Token);
                        if (scanned.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Scan answered {(int)scanned.StatusCode}");
                        scans.Add(id);
                        Interlocked.Increment(ref ackedThisRound);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return; // the server was killed under this request: it was never acknowledged
                    }
                }
            }, CancellationToken.None)).ToList();

            // Kill while the load runs: scans are being written and transactions committed on every worker.
            var started = Stopwatch.StartNew();
            while (Volatile.Read(ref ackedThisRound) < 4 * Workers && started.Elapsed < TimeSpan.FromSeconds(30) && load.All(t => !t.IsCompleted))
                await Task.Delay(50, Ct);
            await Task.Delay(Random.Shared.Next(50, 250), Ct);
            server.Kill();
            kills++;
            stop.CancelAfter(TimeSpan.FromSeconds(10));
            await Task.WhenAll(load);
        }

        // The restart sweeps what the kills left; it is ready once it answers.
        using (var restarted = await AppProcess.StartAsync(app.Database))
            restarted.Kill();

        kills.ShouldBe(2);
        dossiers.Count.ShouldBeGreaterThan(0);
        var acknowledged = dossiers.Select(d => d.DossierId).ToHashSet();
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Applicant.IdNumber == IdNumber)
            .Select(d => new { d.Id, d.Code, Files = d.Files.Count }).ToListAsync(Ct));
        acknowledged.Except(stored.Select(s => s.Id)).ShouldBeEmpty("an acknowledged reception is missing");
        stored.GroupBy(s => s.Code).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("a dossier code was given twice");
        stored.Where(s => scans.Contains(s.Id)).ShouldAllBe(s => s.Files == 1, "an acknowledged scan is missing");

        var keys = (await app.WithDbAsync(db => db.StoredFiles.AsNoTracking().Select(f => f.StorageKey).ToListAsync(Ct))).ToHashSet();
        var filesRoot = Path.Combine(app.Database.DataDirectory, "files");
        var onDisk = Directory.EnumerateFiles(filesRoot, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(filesRoot, p).Replace('\\', '/')).ToList();
        onDisk.Where(p => !keys.Contains(p)).ShouldBeEmpty("files in the data folder without a row (personal data nobody can reach)");
        keys.Where(k => !File.Exists(Path.Combine(filesRoot, k))).ShouldBeEmpty("rows whose bytes are missing");
    }

    private const string IdNumber = "079190077777";

    private static HttpRequestMessage Reception()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers/desk")
        {
            Content = JsonContent.Create(new
            {
                procedureCode = "1.004222",
                applicant = new { kind = "Person", fullName = "Vũ Thị Tải", idNumber = IdNumber },
                components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }
}
