using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.NationalPortal;
using MotCua.Web.Features.NationalPortal.Sandbox;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Bench;

/// <summary>
/// <code>
/// MotCua.Bench sync-lag [--minutes 3] [--rate 1000] [--drain 120] [--out DIR] [app settings, e.g. --Jobs:PollInterval=00:00:05]
/// </code>
/// The lag of the national sync under load: the real app on Kestrel (its job worker on, as a production node), on a fresh
/// SQLite database in a temporary folder (or the PostgreSQL database given by app settings) seeded with the demo data
/// (300 dossiers, without syncing them), connected to its own national-portal simulator. For <c>--minutes</c>, it makes
/// <c>--rate</c> changes a minute, evenly spaced: one in two a dossier submitted on the national portal (the simulator's
/// intake call, two PDF files), the other the desk receiving the oldest one not yet received (the office API). Then it
/// waits until the outbox is empty (at most <c>--drain</c> s) and reads, for every history entry written during the run,
/// the instant the portal first kept a record holding it: lag = that instant − the entry's instant, both on the app's
/// clock. Prints p50 / p95 / p99 / max, per minute too.
/// </summary>
internal static class SyncLagCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    /// <summary>The demo accounts' password (printed on the console when the demo data is seeded).</summary>
    private const string DemoPassword = "MotCua@2026";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>();
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            var eq = args[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && args[i][..eq].Contains(':', StringComparison.Ordinal)) settings[args[i][2..eq]] = args[i][(eq + 1)..];
            else options[args[i][2..]] = args[++i];
        }
        var minutes = double.Parse(options.GetValueOrDefault("minutes", "3"), Inv);
        var rate = int.Parse(options.GetValueOrDefault("rate", "1000"), Inv);
        var drain = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("drain", "120"), Inv));
        var outDir = Path.GetFullPath(options.GetValueOrDefault("out", "artifacts/bench"));
        Directory.CreateDirectory(outDir);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "motcua-sync-lag-" + Guid.NewGuid().ToString("N")[..8]);
        settings.TryAdd("Storage:DataDirectory", dataDirectory);

        // 1. The demo data, seeded with the sync off: its 300 dossiers are not part of the load.
        Console.WriteLine($"Seeding the demo data in {settings["Storage:DataDirectory"]}…");
        await using (var seeding = new SyncLagApp(settings, sync: false))
            seeding.StartServer();

        // 2. The same database with the sync on and the job worker running.
        await using var app = new SyncLagApp(settings, sync: true);
        app.StartServer();
        var baseAddress = new Uri(app.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority));
        var simulator = app.Services.GetRequiredService<NationalPortalSimulator>();
        var (procedure, agency, components, deskUser) = await app.WithDbAsync(async db =>
        {
            // An online dossier of the demo shows a procedure, a receiving desk and its components that go together.
            var sample = await db.Dossiers.AsNoTracking().Where(d => d.Channel == Channel.Online)
                .Select(d => new { d.Id, d.ProcedureVersionId, d.ReceivingUnitId }).FirstAsync();
            var code = await (from v in db.ProcedureVersions join p in db.Procedures on v.ProcedureId equals p.Id where v.Id == sample.ProcedureVersionId select p.Code).SingleAsync();
            var unit = await db.Units.Where(u => u.Id == sample.ReceivingUnitId).Select(u => u.AgencyCode).SingleAsync();
            // Online dossiers are received by the commune; its desk officials sit in its service centre, a unit under it.
            var near = await db.Units.Where(u => u.Id == sample.ReceivingUnitId || u.ParentId == sample.ReceivingUnitId).Select(u => u.Id).ToListAsync();
            var parts = await db.Set<DossierComponent>().Where(c => c.DossierId == sample.Id).Select(c => c.RequirementCode).Distinct().Take(2).ToListAsync();
            var desk = await (from o in db.Officials
                              join ur in db.UserRoles on o.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where near.Contains(o.UnitId) && r.Name == nameof(OfficialRole.DeskOfficial)
                              select o.UserName!).FirstAsync();
            return (code, unit, string.Join(',', parts), desk);
        });
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = deskUser, password = DemoPassword });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Console.WriteLine($"Load: {rate} changes/min for {minutes} min on {baseAddress} — {procedure} at {agency} ({components}), desk {deskUser}.");

        // 3. The load: evenly spaced, each change on its own task so that a slow answer does not slow the pace.
        var started = DateTime.UtcNow;
        var interval = TimeSpan.FromMinutes(1) / rate;
        var total = (int)(rate * minutes);
        var toReceive = new System.Collections.Concurrent.ConcurrentQueue<Guid>();
        var failures = 0;
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            var due = interval * n;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var submit = n % 2 == 0 || toReceive.IsEmpty;
            var index = n;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    if (submit)
                    {
                        var result = await simulator.SubmitAsync(new NationalPortalSimulator.Submission(procedure, agency, $"Người Nộp Tải {index}",
                            $"0791{index:D8}", "0912345678", null, components), CancellationToken.None);
                        if (result.Status != 201) throw new InvalidOperationException($"intake {result.Status}: {result.Body}");
                        toReceive.Enqueue(JsonDocument.Parse(result.Body).RootElement.GetProperty("maHoSo").GetString() is { } code
                            ? await app.WithDbAsync(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).SingleAsync())
                            : throw new InvalidOperationException("no code"));
                    }
                    else if (toReceive.TryDequeue(out var id))
                    {
                        var received = await http.PostAsJsonAsync($"/api/dossiers/{id}/receive", new { });
                        if (!received.IsSuccessStatusCode) throw new InvalidOperationException($"receive {(int)received.StatusCode}: {await received.Content.ReadAsStringAsync()}");
                    }
                }
#pragma warning disable CA1031 // A failed change is counted and reported, never stops the load.
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref failures) <= 5) Console.Error.WriteLine(e.Message);
                }
#pragma warning restore CA1031
            }));
        }
        await Task.WhenAll(inFlight);
        var loadEnded = DateTime.UtcNow;
        Console.WriteLine($"Load done in {(loadEnded - started).TotalSeconds:0.0} s ({failures} failed changes); draining the outbox…");

        // 4. Drain: the outbox empty (or the limit reached).
        var drainClock = Stopwatch.StartNew();
        while (drainClock.Elapsed < drain && await app.WithDbAsync(db => db.Jobs.AnyAsync(j => j.Kind == SyncDossier.Kind && j.State != JobState.Succeeded && j.State != JobState.Dead)))
            await Task.Delay(500);
        var left = await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == SyncDossier.Kind && j.State != JobState.Succeeded));

        // 5. Lags: each history entry of the run against the first kept record that holds it.
        var events = await app.WithDbAsync(db => (from e in db.DossierEvents.AsNoTracking()
                                                  join d in db.Dossiers.AsNoTracking() on e.DossierId equals d.Id
                                                  where e.AtUtc >= started && e.Kind != DossierEventKind.Import
                                                  select new { d.Code, e.Sequence, e.AtUtc }).ToListAsync());
        var kept = simulator.Deliveries.Where(d => d.Kept).GroupBy(d => d.MaHoSo ?? "").ToDictionary(g => g.Key, g => g.OrderBy(d => d.AtUtc).ToList());
        var lags = new List<(DateTime At, double Seconds)>();
        var never = 0;
        foreach (var e in events)
        {
            var ack = kept.GetValueOrDefault(e.Code ?? "")?.FirstOrDefault(d => d.Revision >= e.Sequence);
            if (ack is null) never++;
            else lags.Add((e.AtUtc, Math.Max(0, (ack.AtUtc - e.AtUtc).TotalSeconds)));
        }
        var report = new StringBuilder();
        report.AppendLine(Inv, $"sync-lag: {rate} changes/min requested for {minutes} min; {total} operations issued in {(loadEnded - started).TotalSeconds:0.0} s, {failures} failed");
        report.AppendLine(Inv, $"history entries written during the run: {events.Count} ({events.Count / Math.Max((loadEnded - started).TotalMinutes, 0.001):0} a minute); records kept by the portal: {kept.Values.Sum(k => k.Count)}; duplicates absorbed: {simulator.Deliveries.Count(d => d.Duplicate)}; refused: {simulator.Deliveries.Count(d => !d.Kept && !d.Duplicate)}");
        report.AppendLine(Inv, $"outbox after draining {drainClock.Elapsed.TotalSeconds:0} s: {left} sync job(s) not succeeded; entries never acknowledged: {never}");
        report.AppendLine(Inv, $"lag (change → portal kept it), s: {Summary(lags.Select(l => l.Seconds).ToList())}");
        foreach (var minute in lags.GroupBy(l => (int)((l.At - started).TotalMinutes)).OrderBy(g => g.Key))
            report.AppendLine(Inv, $"  minute {minute.Key + 1}: {Summary(minute.Select(l => l.Seconds).ToList())}");
        report.AppendLine(Inv, $"settings: {string.Join(' ', settings.Where(s => s.Key != "Storage:DataDirectory").Select(s => $"--{s.Key}={s.Value}"))}");
        Console.Write(report);
        await File.WriteAllTextAsync(Path.Combine(outDir, "sync-lag.txt"), report.ToString());
        await app.DisposeAsync();
        if (!settings.ContainsKey("ConnectionStrings:Postgres"))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { /* /tmp is cleaned anyway */ }
        }
        return left == 0 && never == 0 ? 0 : 1;
    }

    private static string Summary(List<double> values)
    {
        if (values.Count == 0) return "none";
        values.Sort();
        double At(double p) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
        return string.Create(Inv, $"n={values.Count} p50={At(0.50):0.00} p95={At(0.95):0.00} p99={At(0.99):0.00} max={values[^1]:0.00}");
    }

    /// <summary>The real app on Kestrel, as a production node runs it (its job worker on), with its own simulator.</summary>
    private sealed class SyncLagApp : WebApplicationFactory<Program>
    {
        private readonly IReadOnlyDictionary<string, string> _settings;
        private readonly bool _sync;

        public SyncLagApp(IReadOnlyDictionary<string, string> settings, bool sync)
        {
            (_settings, _sync) = (settings, sync);
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Benchmark");
            builder.UseSetting("DemoData:SeedOnFirstStart", _sync ? "false" : "true");
            builder.UseSetting("Jobs:Enabled", _sync ? "true" : "false");
            builder.UseSetting("NationalPortal:BaseUrl", _sync ? "/sandbox/dvcqg/" : "");
            builder.UseSetting("NationalPortal:ClientId", "motcua-tinh");
            builder.UseSetting("NationalPortal:ClientSecret", "bench-secret");
            builder.UseSetting("NationalPortal:Simulator:ClientSecret", "bench-secret");
            builder.UseSetting("NationalPortal:IntakeClientSecret", "bench-intake");
            builder.UseSetting("NationalPortal:Simulator:IntakeSecret", "bench-intake");
            builder.UseSetting("NationalPortal:FileLinkSecret", "bench-file-link-secret-0123456789abcdef");
            builder.UseSetting("RateLimits:SignInPerClient:PermitLimit", "1000000");
            builder.UseSetting("RateLimits:SignInPerAccount:PermitLimit", "1000000");
            foreach (var (key, value) in _settings) builder.UseSetting(key, value);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        }

        public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
        {
            await using var scope = Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
    }
}
