using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
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

    /// <summary>The built app run with <c>dotnet MotCua.Web.dll</c> on a free port, on the test's database and data folder.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Uri _base;

        private AppProcess(Process process, Uri baseAddress) => (_process, _base) = (process, baseAddress);

        public static async Task<AppProcess> StartAsync(TestDatabase database)
        {
            var port = FreePort();
            var dll = AppDll();
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         dll, "--urls", $"http://127.0.0.1:{port}", "--environment", "Production",
                         $"--Storage:DataDirectory={database.DataDirectory}",
                         $"--Database:Provider={database.Provider}", $"--ConnectionStrings:{database.Provider}={database.ConnectionString}",
                         // One node: another process's unfinished write is a dead one (SQLite's default already).
                         "--Storage:PendingFileGracePeriod=00:00:00",
                         "--Jobs:Enabled=false", "--DemoData:SeedOnFirstStart=false",
                         // Production refuses to start without its public address (docs/operations.md §8).
                         "--AllowedHosts=127.0.0.1", "--Forms:PublicBaseUrl=https://dichvucong.example.vn/",
                     })
                info.ArgumentList.Add(arg);
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
            await server.WaitUntilReadyAsync();
            return server;
        }

        public HttpClient Client(string? token = null)
        {
            var http = new HttpClient { BaseAddress = _base, Timeout = TimeSpan.FromSeconds(60) };
            if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        }

        public async Task<string> LoginAsync(string userName)
        {
            using var http = Client();
            var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = TestData.Password }, Ct);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString()!;
        }

        /// <summary>SIGKILL: no shutdown, no flush, no finally.</summary>
        public void Kill()
        {
            if (_process.HasExited) return;
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private async Task WaitUntilReadyAsync()
        {
            using var http = Client();
            var started = Stopwatch.StartNew();
            while (started.Elapsed < TimeSpan.FromSeconds(90))
            {
                if (_process.HasExited) throw new InvalidOperationException($"The app exited with code {_process.ExitCode} while starting.");
                try
                {
                    if ((await http.GetAsync("/", Ct)).StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(200, Ct);
            }
            throw new TimeoutException("The app did not answer within 90 seconds.");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>The web project's own build output, in the configuration the tests were built in.</summary>
        private static string AppDll()
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var (framework, configuration) = (bin.Name, bin.Parent!.Name);
            var root = bin;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "MotCua.slnx"))) root = root.Parent;
            var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("MotCua.slnx not found above the tests."),
                "src", "MotCua.Web", "bin", configuration, framework, "MotCua.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the web project first.", dll);
        }
    }
}
