using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MotCua.Bench;

/// <summary>
/// Load over real HTTP, each figure beside its baseline measured in the same run (docs/benchmarks.md, "Under load").
/// <code>
/// MotCua.Bench load --app NAME=DIR [--app NAME=DIR]... [--sqlite DATADIR] [--postgres CONNECTIONSTRING]
///                   [--lookup 50,200] [--writers 1,8] [--rounds 3] [--warmup 5] [--duration 15] [--starts 3] [--only start,lookup,receive] [--out FILE.md]
/// </code>
/// Every app (a build of MotCua.Web: DIR holds MotCua.Web.dll — e.g. main before and after a change) and the bare
/// baseline (<see cref="BareApp"/>) run as their own processes on the same database, on loopback ports. For each
/// measure and round the targets take turns (baseline, app 1, app 2, …), so load from other work falls on all of
/// them alike; the printed figure is the median over rounds, with its ratio to the baseline of the same run and the
/// load average at the start of each window.
/// </summary>
internal static class LoadCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string DeskUser = "motcua.tranbien";
    private const string Procedure = "1.004222";

    private sealed record Target(string Name, string? AppDir);

    public static async Task<int> RunAsync(string[] args)
    {
        var apps = new List<Target>();
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--app")
            {
                var parts = args[i + 1].Split('=', 2);
                apps.Add(new Target(parts[0], Path.GetFullPath(parts[1])));
            }
            else options[args[i].TrimStart('-')] = args[i + 1];
        }
        if (apps.Count == 0 || !(options.ContainsKey("sqlite") || options.ContainsKey("postgres")))
        {
            Console.Error.WriteLine("Usage: MotCua.Bench load --app NAME=DIR [--app NAME=DIR]... [--sqlite DATADIR] [--postgres CS] [options]");
            return 2;
        }
        var lookupConnections = Ints(options.GetValueOrDefault("lookup", "50,200"));
        var writers = Ints(options.GetValueOrDefault("writers", "1,8"));
        var rounds = int.Parse(options.GetValueOrDefault("rounds", "3"), Inv);
        var warmup = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("warmup", "5"), Inv));
        var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("duration", "15"), Inv));
        var starts = int.Parse(options.GetValueOrDefault("starts", "3"), Inv);
        var output = options.GetValueOrDefault("out", "artifacts/bench/load.md");
        // --only start,lookup,receive (default all)
        bool Wanted(string measure) => options.GetValueOrDefault("only") is not { } only || only.Split(',').Contains(measure);
        var report = new Report(apps.Select(a => a.Name).ToList());
        report.Line($"Load run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Machine()}; " +
                    $"{rounds} rounds of {warmup.TotalSeconds:0} s warm-up + {duration.TotalSeconds:0} s timed per target and measure, median shown.");

        var providers = new List<(string Name, string Connection, string[] AppSettings)>();
        if (options.TryGetValue("sqlite", out var dataDir))
        {
            dataDir = Path.GetFullPath(dataDir);
            providers.Add(("SQLite", $"Data Source={Path.Combine(dataDir, "motcua.db")}", [$"--Storage:DataDirectory={dataDir}"]));
        }
        if (options.TryGetValue("postgres", out var pg))
            providers.Add(("PostgreSQL", pg, ["--Database:Provider=Postgres", $"--ConnectionStrings:Postgres={pg}",
                $"--Storage:DataDirectory={Path.Combine(Path.GetTempPath(), "motcua-load-files")}"]));

        foreach (var (provider, connection, settings) in providers)
        {
            var size = await CountAsync(provider, connection);
            var backlog = await ClearFormBacklogAsync(provider, connection);
            report.Line($"{provider}: {size:N0} dossiers" + (backlog > 0 ? $"; {backlog:N0} form-production jobs left queued by seed-demo were deleted first." : "."));
            if (Wanted("start"))
                await MeasureStartsAsync(report, provider, connection, settings, apps, starts);

            var running = new List<(Target Target, Server Server)>();
            try
            {
                running.Add((new Target("bare", null), await Server.StartBareAsync(provider, connection)));
                foreach (var app in apps) running.Add((app, await Server.StartAppAsync(app.AppDir!, settings)));
                var samples = await SampleLookupsAsync(provider, connection, 2000);

                foreach (var c in Wanted("lookup") ? lookupConnections : [])
                    await MeasureAsync(report, $"Lookup `GET /api/tracking/{{code}}`, {provider}, {c} connections", running, rounds, async (target, server) =>
                    {
                        var n = 0;
                        using var client = LoadGenerator.Client(server.Address, c);
                        return await LoadGenerator.RunAsync(target.Name, client, () =>
                        {
                            var (code, lookup) = samples[Interlocked.Increment(ref n) % samples.Count];
                            return new HttpRequestMessage(HttpMethod.Get, target.AppDir is null ? $"/bare/{code}" : $"/api/tracking/{code}?lookupCode={lookup}");
                        }, HttpStatusCode.OK, c, warmup, duration, server.Pid, CancellationToken.None);
                    });

                foreach (var w in Wanted("receive") ? writers : [])
                    await MeasureAsync(report, $"Desk receptions `POST /api/dossiers/desk`, {provider}, {w} writers", running, rounds, async (target, server) =>
                    {
                        using var client = LoadGenerator.Client(server.Address, w);
                        if (target.AppDir is null)
                        {
                            var template = await running.First(r => r.Target.AppDir is not null).Server.TemplateAsync();
                            return await LoadGenerator.RunAsync(target.Name, client, () => new HttpRequestMessage(HttpMethod.Post, $"/bare/receive?template={template}"),
                                HttpStatusCode.Created, w, warmup, duration, server.Pid, CancellationToken.None);
                        }
                        var (token, body) = await server.ReceptionAsync();
                        return await LoadGenerator.RunAsync(target.Name, client, () => new HttpRequestMessage(HttpMethod.Post, "/api/dossiers/desk")
                        {
                            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
                            Content = new StringContent(body, Encoding.UTF8, "application/json"),
                        }, HttpStatusCode.Created, w, warmup, duration, server.Pid, CancellationToken.None);
                    });
            }
            finally
            {
                foreach (var (_, server) in running) server.Dispose();
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine();
        Console.WriteLine(report.ToString());
        return 0;
    }

    private static int[] Ints(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, Inv))];

    private static string Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"{model}, {long.Parse(memory, Inv) / 1024 / 1024} GiB";
    }

    private static async Task MeasureAsync(Report report, string title, List<(Target Target, Server Server)> running, int rounds,
        Func<Target, Server, Task<LoadResult>> measure)
    {
        Console.WriteLine($"== {title}");
        var results = running.ToDictionary(r => r.Target.Name, _ => new List<LoadResult>());
        for (var round = 0; round < rounds; round++)
            foreach (var (target, server) in running)
            {
                var result = await measure(target, server);
                results[target.Name].Add(result);
                Console.WriteLine($"   round {round + 1} {target.Name,-12} {result.PerSecond,9:N0}/s  p50 {result.P50Ms,7:N1} ms  p99 {result.P99Ms,7:N1} ms  " +
                                  $"failed {result.Failed}  RSS {result.MaxRssMb:N0} MB  load {result.LoadAverage}{(result.FirstFailure is { } f ? "  first failure: " + f : "")}");
            }
        report.Measure(title, results);
    }

    private static async Task MeasureStartsAsync(Report report, string provider, string connection, string[] settings, List<Target> apps, int starts)
    {
        Console.WriteLine($"== Cold start, {provider}");
        var times = new Dictionary<string, List<(double Seconds, double RssMb)>> { ["bare"] = [] };
        foreach (var app in apps) times[app.Name] = [];
        for (var i = 0; i < starts; i++)
        {
            using (var bare = await Server.StartBareAsync(provider, connection)) times["bare"].Add((bare.StartSeconds, LoadGenerator.RssMb(bare.Pid)));
            foreach (var app in apps)
            {
                using var server = await Server.StartAppAsync(app.AppDir!, settings);
                times[app.Name].Add((server.StartSeconds, LoadGenerator.RssMb(server.Pid)));
            }
        }
        report.Starts($"Cold start to first page ({provider}), and RSS just after", times);
    }

    private static async Task<long> CountAsync(string provider, string connection)
    {
        await using var source = provider == "PostgreSQL" ? NpgsqlDataSource.Create(connection) : SqliteFactory.Instance.CreateDataSource(connection);
        await using var command = source.CreateCommand("""SELECT COUNT(*) FROM "Dossiers" """);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), Inv);
    }

    /// <summary><c>seed-demo</c> makes its dossiers through the domain's operations, which queue the production of each
    /// filed form (Form 01 at reception, …) as a job, and never runs the worker: a data set of 100,000 dossiers comes
    /// with ~100,000 PDF jobs queued. Every app started on it would spend the run producing old forms, in the background
    /// of what is measured. A node in service has no such backlog (its worker keeps up), so the queued ones are deleted;
    /// the forms of the receptions made during the run are queued and produced as in service.</summary>
    private static async Task<int> ClearFormBacklogAsync(string provider, string connection)
    {
        await using var source = provider == "PostgreSQL" ? NpgsqlDataSource.Create(connection) : SqliteFactory.Instance.CreateDataSource(connection);
        await using var command = source.CreateCommand("""DELETE FROM "Jobs" WHERE "Kind" = 'forms.produce' AND "State" IN ('Pending', 'Running')""");
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Codes and lookup codes of dossiers spread over the data set, as citizens would look them up.</summary>
    private static async Task<List<(string Code, string Lookup)>> SampleLookupsAsync(string provider, string connection, int count)
    {
        await using var source = provider == "PostgreSQL" ? NpgsqlDataSource.Create(connection) : SqliteFactory.Instance.CreateDataSource(connection);
        await using var command = source.CreateCommand(
            $"""SELECT "Code", "LookupCode" FROM "Dossiers" WHERE "Code" IS NOT NULL ORDER BY {(provider == "PostgreSQL" ? "random()" : "random()")} LIMIT {count}""");
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<(string, string)>();
        while (await reader.ReadAsync()) list.Add((reader.GetString(0), reader.GetString(1)));
        if (list.Count == 0) throw new InvalidOperationException("The data set has no received dossier: prepare it with seed-demo --dossiers N.");
        return list;
    }

    /// <summary>One server process on a loopback port: a build of the app, or the bare baseline.</summary>
    private sealed class Server : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();
        private (string Token, string Body)? _reception;
        private Guid? _template;

        public Uri Address { get; }
        public int Pid => _process.Id;
        public double StartSeconds { get; private set; }

        private Server(ProcessStartInfo start, Uri address)
        {
            Address = address;
            start.RedirectStandardOutput = start.RedirectStandardError = true;
            start.UseShellExecute = false;
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Keep(e.Data);
            _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        }

        private void Keep(string? line)
        {
            if (line is null) return;
            lock (_log)
            {
                if (_log.Length > 20_000) _log.Remove(0, 10_000);
                _log.AppendLine(line);
            }
        }

        private static Uri FreeAddress()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        }

        public static Task<Server> StartAppAsync(string appDir, string[] settings)
        {
            var address = FreeAddress();
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = appDir };
            foreach (var a in (string[])["MotCua.Web.dll", $"--urls={address}", "--RateLimits:Enabled=false", "--DemoData:SeedOnFirstStart=false",
                         "--Logging:LogLevel:Default=Warning", "--AllowedHosts=127.0.0.1", "--Forms:PublicBaseUrl=https://dichvucong.example.vn/", .. settings])
                start.ArgumentList.Add(a);
            // As a province runs it: the Production environment (appsettings.json only).
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            return new Server(start, address).StartAsync("/");
        }

        public static Task<Server> StartBareAsync(string provider, string connection)
        {
            var address = FreeAddress();
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
            foreach (var a in (string[])["MotCua.Bench.dll", "bare-app", "--provider", provider == "PostgreSQL" ? "postgres" : "sqlite",
                         "--connection", connection, "--urls", address.ToString()])
                start.ArgumentList.Add(a);
            return new Server(start, address).StartAsync("/bare/none");
        }

        /// <summary>Starts the process and waits for its first answer to <paramref name="firstPage"/>: the time a
        /// user waits after a restart.</summary>
        private async Task<Server> StartAsync(string firstPage)
        {
            var clock = Stopwatch.StartNew();
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
            while (clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                if (_process.HasExited) throw new InvalidOperationException($"{_process.StartInfo.ArgumentList[0]} exited: {_log}");
                try
                {
                    using var response = await client.GetAsync(firstPage);
                    if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound)
                    {
                        StartSeconds = clock.Elapsed.TotalSeconds;
                        return this;
                    }
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(20);
            }
            throw new TimeoutException($"No answer from {Address} after 3 minutes: {_log}");
        }

        /// <summary>A bearer token of the demo desk official and a reception of the demo catalogue's residence
        /// registration with the components it requires.</summary>
        public async Task<(string Token, string Body)> ReceptionAsync()
        {
            if (_reception is { } ready) return ready;
            using var client = new HttpClient { BaseAddress = Address };
            var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = DeskUser, password = "MotCua@2026" });
            var token = (await login.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
            var procedure = (await client.GetFromJsonAsync<JsonObject>($"/api/procedures/{Procedure}"))!;
            var components = Find(procedure, "components")!.AsArray()
                .Where(c => c!["optional"]?.GetValue<bool>() != true)
                .Select(c => new { requirementCode = c!["code"]!.GetValue<string>() }).ToArray();
            var body = JsonSerializer.Serialize(new
            {
                procedureCode = Procedure,
                applicant = new { kind = "Person", fullName = "Nguyễn Văn Tải", idNumber = "079195004321", phone = "0987654321" },
                components,
                unscannedReason = "Đo tải: giấy tờ được nhận, bản quét bổ sung sau.",
            });
            _reception = (token, body);
            return (token, body);
        }

        /// <summary>A dossier this app received, whose rows the bare baseline copies.</summary>
        public async Task<Guid> TemplateAsync()
        {
            if (_template is { } t) return t;
            var (token, body) = await ReceptionAsync();
            using var client = new HttpClient { BaseAddress = Address };
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers/desk")
            {
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Reception refused: {text}");
            _template = JsonNode.Parse(text)!["id"]!.GetValue<Guid>();
            return _template.Value;
        }

        private static JsonNode? Find(JsonNode? node, string name) => node switch
        {
            JsonObject o => o.TryGetPropertyValue(name, out var v) ? v : o.Select(p => Find(p.Value, name)).FirstOrDefault(x => x is not null),
            _ => null,
        };

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
    }

    /// <summary>The printed table: per measure, the baseline's figure and each app's with its share of the baseline.</summary>
    private sealed class Report(List<string> apps)
    {
        private readonly StringBuilder _text = new();

        public void Line(string line) => _text.AppendLine(line).AppendLine();

        public void Measure(string title, Dictionary<string, List<LoadResult>> results)
        {
            static LoadResult Median(List<LoadResult> r) => r.OrderBy(x => x.PerSecond).ElementAt(r.Count / 2);
            var bare = Median(results["bare"]);
            _text.AppendLine(Inv, $"### {title}").AppendLine();
            _text.AppendLine("| Target | Requests/s | Share of baseline | p50 ms | p99 ms | Failed | Max RSS MB | Load average at each round |");
            _text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
            foreach (var name in apps.Prepend("bare"))
            {
                var m = Median(results[name]);
                _text.AppendLine(Inv, $"| {(name == "bare" ? "baseline (bare app, ADO.NET)" : name)} | {m.PerSecond:N0} | {(name == "bare" ? "1" : (m.PerSecond / bare.PerSecond).ToString("P1", Inv))} | " +
                                     $"{m.P50Ms:N1} | {m.P99Ms:N1} | {results[name].Sum(r => r.Failed)} | {results[name].Max(r => r.MaxRssMb):N0} | {string.Join(" / ", results[name].Select(r => r.LoadAverage))} |");
            }
            _text.AppendLine();
        }

        public void Starts(string title, Dictionary<string, List<(double Seconds, double RssMb)>> times)
        {
            _text.AppendLine(Inv, $"### {title}").AppendLine();
            _text.AppendLine("| Target | Start to first answer, median (all) | Ratio to baseline | RSS after start, MB |");
            _text.AppendLine("|---|---:|---:|---:|");
            var bare = times["bare"].Select(t => t.Seconds).Order().ElementAt(times["bare"].Count / 2);
            foreach (var name in apps.Prepend("bare"))
            {
                var s = times[name].Select(t => t.Seconds).Order().ToList();
                var median = s[s.Count / 2];
                _text.AppendLine(Inv, $"| {(name == "bare" ? "baseline (bare app)" : name)} | {median:N2} s ({string.Join(", ", s.Select(x => x.ToString("N2", Inv)))}) | " +
                                     $"{median / bare:N1}× | {times[name].Max(t => t.RssMb):N0} |");
            }
            _text.AppendLine();
        }

        public override string ToString() => _text.ToString();
    }
}
