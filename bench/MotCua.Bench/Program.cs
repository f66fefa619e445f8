using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Bench;

/// <summary>
/// <code>
/// MotCua.Bench lists --label NAME [--rounds 30] [--warmup 3] [--budget 60] [--only REGEX] [--plans true] [--rewrites true] [--out DIR]
///                    [app settings for every set]  --set NAME [app settings]  [--set NAME [app settings]]...
/// MotCua.Bench portal --label NAME [same options as lists] [--prepare true]  --set NAME [app settings]...
/// MotCua.Bench compare BASE.csv OTHER.csv...
/// MotCua.Bench sync-lag [--minutes 3] [--rate 1000] [--drain 120] [--out DIR] [app settings]
/// MotCua.Bench load --app NAME=DIR [--app NAME=DIR]... [--sqlite DATADIR] [--postgres CS] [options]   (LoadCommand)
/// MotCua.Bench sync-records --count N --out FILE.ndjson [--units CODES] [--procedures CODES] [--from DATE] [--to DATE] [--seed S]
/// </code>
/// <c>lists</c> times the office's lists (<see cref="Cases"/>), <c>portal</c> the citizen portal's reads
/// (<see cref="PortalCases"/>).
/// App settings are the app's own configuration keys: <c>--Storage:DataDirectory=DIR</c> (SQLite) or
/// <c>--Database:Provider=Postgres --ConnectionStrings:Postgres=...</c>. Several sets (data sets, or one data set
/// before and after a change) are measured in one process with their rounds interleaved, so that the ratios between
/// them are taken under the same load. See bench/README.md.
/// </summary>
internal static class BenchProgram
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed class DataSet(string name)
    {
        public string Name { get; } = name;
        public Dictionary<string, string> Settings { get; } = [];
        public BenchApp App { get; set; } = null!;
        public List<Case> Cases { get; set; } = [];
        public string Description { get; set; } = "";
        public Dictionary<Case, List<double>> Times { get; } = [];
        public Dictionary<Case, int> Rows { get; } = [];
        public Dictionary<Case, TimeSpan> Spent { get; } = [];
    }

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "compare") return Compare(args[1..]);
        if (args.Length > 0 && args[0] == "exec") return await ExecAsync(args[1..]);
        if (args.Length > 0 && args[0] == "explain") return await ExplainAsync(args[1..]);
        if (args.Length > 0 && args[0] == "sync-records") return await SyncRecordsCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "sync-lag") return await SyncLagCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "load") return await LoadCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "bare-app") return await BareApp.RunAsync(args[1..]);
        if (args.Length == 0 || args[0] is not ("lists" or "portal"))
        {
            Console.Error.WriteLine("Usage: MotCua.Bench lists|portal --label NAME [options] [--set NAME app-settings]... | compare BASE.csv OTHER.csv... | exec [app-settings] FILE.sql|SQL");
            return 2;
        }

        // --key=value with a ':' in the key is an app setting (of the current --set, or of all sets before the first);
        // --option value is a bench option.
        var options = new Dictionary<string, string>();
        var common = new Dictionary<string, string>();
        var sets = new List<DataSet>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument {arg}");
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && arg[..eq].Contains(':', StringComparison.Ordinal))
                (sets.Count == 0 ? common : sets[^1].Settings)[arg[2..eq]] = arg[(eq + 1)..];
            else if (arg == "--set")
                sets.Add(new DataSet(args[++i]));
            else
                options[arg[2..]] = args[++i];
        }
        if (sets.Count == 0) sets.Add(new DataSet("db"));
        var portal = args[0] == "portal";

        var label = options.GetValueOrDefault("label", "run");
        var rounds = int.Parse(options.GetValueOrDefault("rounds", "30"), Inv);
        var warmup = int.Parse(options.GetValueOrDefault("warmup", "3"), Inv);
        var budget = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("budget", "60"), Inv));
        var only = options.TryGetValue("only", out var pattern) ? new Regex(pattern, RegexOptions.IgnoreCase) : null;
        var outDir = Path.GetFullPath(options.GetValueOrDefault("out", "artifacts/bench"));
        Directory.CreateDirectory(outDir);

        var header = new StringBuilder()
            .AppendLine(Inv, $"# {label}: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}")
            .AppendLine(Inv, $"# load average at start: {LoadAverage()}")
            .AppendLine(Inv, $"# {rounds} rounds after {warmup} warm-up rounds, interleaved over sets and cases; a case stops after 10 rounds once it has taken {budget.TotalSeconds:0} s");
        foreach (var set in sets)
        {
            var settings = common.Concat(set.Settings).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
            set.App = new BenchApp(settings);
            var (total, provider, version) = await set.App.WithDbAsync(async db => (await db.Dossiers.CountAsync(), db.Database.ProviderName,
                await db.Database.SqlQueryRaw<string>(db.Database.IsSqlite() ? "SELECT sqlite_version() AS \"Value\"" : "SELECT version() AS \"Value\"").SingleAsync()));
            List<Case> cases;
            string about;
            if (portal)
            {
                var samples = await PortalCases.SampleAsync(set.App, options.GetValueOrDefault("prepare") == "true");
                cases = PortalCases.All(samples);
                about = $"citizen {PortalCases.Citizen}: {samples.Mine:N0} dossiers, {samples.Documents:N0} documents in the store ({samples.StoreNote}); unit {samples.CommuneName}; draft: {samples.DraftNote}; {PortalCases.FewCitizen}: {(samples.FewCode is null ? "none (run with --prepare true)" : "dossier " + samples.FewCode)}";
            }
            else
            {
                var samples = await Cases.SampleAsync(set.App);
                cases = Cases.All(samples);
                if (options.GetValueOrDefault("rewrites") == "true") cases.AddRange([.. Rewrites.All(), Rewrites.CodeByCode(samples.Code[..20])]);
                about = $"{samples.InScope:N0} of commune {samples.AgencyCode}; code {samples.Code}, phone {samples.Phone}";
            }
            set.Cases = [.. cases.Where(c => only is null || only.IsMatch(c.Name))];
            foreach (var c in set.Cases)
            {
                c.User = await set.App.PrincipalAsync(c.UserName);
                set.Times[c] = [];
                set.Rows[c] = 0;
                set.Spent[c] = TimeSpan.Zero;
            }
            set.Description = $"{set.Name}: {total:N0} dossiers; {provider} {version.Split(" on ")[0]}; {about}";
            header.AppendLine(Inv, $"# {set.Description}");
        }
        Console.Write(header);

        // Plans first (they also warm up): the exact SQL each case sent, with its parameters.
        if (options.GetValueOrDefault("plans") == "true")
        {
            foreach (var set in sets)
            {
                var plans = new StringBuilder(header.ToString()).AppendLine();
                foreach (var c in set.Cases)
                {
                    List<CommandCapture.Command> sent;
                    using (set.App.Capture.Begin(out sent))
                        await set.App.AsRequestAsync(c.User!, sp => c.Run(sp, 0));
                    plans.AppendLine(Inv, $"==== {c.Name} (as {c.UserName}) on {set.Name}");
                    // The office's cases: only what reads Dossiers (the unit tree, calendar and procedure names are small
                    // lookups). The portal's: every statement, since its reads go to other tables too.
                    plans.AppendLine(await set.App.WithDbAsync(db => Plans.ExplainAsync(db, sent, all: portal)));
                }
                var planFile = Path.Combine(outDir, $"{label}-{set.Name}-plans.txt");
                await File.WriteAllTextAsync(planFile, plans.ToString());
                Console.WriteLine($"# plans: {planFile}");
            }
        }

        // Interleaved rounds: every set and case once per round, so that load from other work on the machine falls
        // on all of them alike.
        for (var round = -warmup; round < rounds; round++)
        {
            foreach (var set in sets)
            {
                foreach (var c in set.Cases)
                {
                    if (round >= 10 && set.Spent[c] > budget) continue;
                    var watch = Stopwatch.StartNew();
                    var count = await set.App.AsRequestAsync(c.User!, sp => c.Run(sp, round + warmup));
                    watch.Stop();
                    if (round < 0) continue;
                    set.Times[c].Add(watch.Elapsed.TotalMilliseconds);
                    set.Spent[c] += watch.Elapsed;
                    set.Rows[c] = count;
                }
            }
            Console.Error.Write(round < 0 ? "w" : ".");
        }
        Console.Error.WriteLine();

        foreach (var set in sets)
        {
            var csv = new StringBuilder("case,rows,samples,median_ms,p95_ms,min_ms,mean_ms\n");
            foreach (var c in set.Cases)
            {
                var s = Stats.Of(set.Times[c]);
                csv.AppendLine(Inv, $"\"{c.Name}\",{set.Rows[c]},{s.Count},{s.Median:0.00},{s.P95:0.00},{s.Min:0.00},{s.Mean:0.00}");
            }
            await File.WriteAllTextAsync(Path.Combine(outDir, $"{label}-{set.Name}.csv"), csv.ToString());
        }

        var table = new StringBuilder(header.ToString()).AppendLine(Inv, $"# load average at end: {LoadAverage()}").AppendLine();
        table.Append("| Case | Rows |");
        foreach (var set in sets) table.Append(Inv, $" {set.Name} median / p95 ms |");
        foreach (var set in sets.Skip(1)) table.Append(Inv, $" {set.Name} / {sets[0].Name} |");
        table.AppendLine().Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", sets.Count * 2))).AppendLine();
        foreach (var c in sets[0].Cases)
        {
            table.Append(Inv, $"| {c.Name} | {string.Join(" / ", sets.Select(s => s.Rows[s.Cases.Single(x => x.Name == c.Name)]))} |");
            var stats = sets.Select(s => Stats.Of(s.Times[s.Cases.Single(x => x.Name == c.Name)])).ToList();
            foreach (var s in stats) table.Append(Inv, $" {s.Median:0.0} / {s.P95:0.0} |");
            foreach (var s in stats.Skip(1)) table.Append(Inv, $" {s.Median / stats[0].Median:0.0}× |");
            table.AppendLine();
        }
        await File.WriteAllTextAsync(Path.Combine(outDir, $"{label}.md"), table.ToString());
        Console.Write(table);

        foreach (var set in sets) await set.App.DisposeAsync();
        return 0;
    }

    /// <summary>Runs SQL (a file, or the text itself) through the app's own connection, so that SQLite statements such
    /// as ANALYZE or PRAGMA optimize run in the SQLite version the app ships, not the sqlite3 shell's.</summary>
    private static async Task<int> ExecAsync(string[] args)
    {
        var settings = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
            .ToDictionary(a => a[2..a.IndexOf('=', StringComparison.Ordinal)], a => a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var sql = string.Join('\n', args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => File.Exists(a) ? File.ReadAllText(a) : a));
        await using var app = new BenchApp(settings);
        return await app.WithDbAsync(async db =>
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            var watch = Stopwatch.StartNew();
            await db.Database.ExecuteSqlRawAsync(sql);
            Console.WriteLine(string.Create(Inv, $"{watch.Elapsed.TotalSeconds:0.0} s: {sql.ReplaceLineEndings(" ")[..Math.Min(200, sql.Length)]}"));
            return 0;
        });
    }

    /// <summary>The plan of one SQL text (no parameters), as the app's provider and SQLite version make it.</summary>
    private static async Task<int> ExplainAsync(string[] args)
    {
        var settings = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
            .ToDictionary(a => a[2..a.IndexOf('=', StringComparison.Ordinal)], a => a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        await using var app = new BenchApp(settings);
        foreach (var sql in args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)))
            Console.WriteLine(await app.WithDbAsync(db => Plans.ExplainAsync(db, [new CommandCapture.Command(File.Exists(sql) ? File.ReadAllText(sql) : sql, [])])));
        return 0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <summary>Medians and p95 of runs written by <c>lists</c>, side by side, with each one's ratio to the first.</summary>
    private static int Compare(string[] files)
    {
        var runs = files.Select(f => (Name: Path.GetFileNameWithoutExtension(f), Rows: File.ReadAllLines(f).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(p => p[0].Trim('"'), p => Stats.FromCsv(p)))).ToList();
        var sb = new StringBuilder("| Case |");
        foreach (var r in runs) sb.Append(Inv, $" {r.Name} median / p95 ms |");
        foreach (var r in runs.Skip(1)) sb.Append(Inv, $" {r.Name} / {runs[0].Name} |");
        sb.AppendLine().Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", runs.Count * 2 - 1))).AppendLine();
        foreach (var name in runs[0].Rows.Keys)
        {
            sb.Append(Inv, $"| {name} |");
            foreach (var r in runs)
                sb.Append(r.Rows.TryGetValue(name, out var v) ? string.Create(Inv, $" {v.Median:0.0} / {v.P95:0.0} |") : " – |");
            foreach (var r in runs.Skip(1))
                sb.Append(r.Rows.TryGetValue(name, out var v) ? string.Create(Inv, $" {v.Median / runs[0].Rows[name].Median:0.0}× |") : " – |");
            sb.AppendLine();
        }
        Console.Write(sb);
        return 0;
    }
}

/// <summary>Median and p95 by the nearest-rank method (no interpolation: every figure is a measured time).</summary>
internal sealed record Stats(int Count, double Median, double P95, double Min, double Mean)
{
    public static Stats Of(IReadOnlyCollection<double> times)
    {
        var t = times.Order().ToArray();
        double P(double q) => t[Math.Clamp((int)Math.Ceiling(q * t.Length) - 1, 0, t.Length - 1)];
        return new Stats(t.Length, P(0.5), P(0.95), t[0], t.Average());
    }

    public static Stats FromCsv(string[] p) =>
        new(int.Parse(p[2], CultureInfo.InvariantCulture), double.Parse(p[3], CultureInfo.InvariantCulture), double.Parse(p[4], CultureInfo.InvariantCulture),
            double.Parse(p[5], CultureInfo.InvariantCulture), double.Parse(p[6], CultureInfo.InvariantCulture));
}
