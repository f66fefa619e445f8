using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace MotCua.Bench;

/// <summary>What one timed window of load gave: completed requests per second, latency percentiles of the requests
/// that completed inside the window, failures, the server's largest resident set and the machine's load average.</summary>
internal sealed record LoadResult(
    string Target, int Connections, double Seconds, long Completed, long Failed, double PerSecond, double P50Ms, double P99Ms,
    double MaxRssMb, string LoadAverage, string? FirstFailure)
{
    public static string Now() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}

/// <summary>A closed-loop HTTP load generator: <c>connections</c> workers, each sending its next request as soon as
/// the previous answer is read to the end, over one pooled client with as many connections. Closed loop, because
/// that is how a desk or a portal behaves (a user waits for the answer); the figure is then the server's capacity at
/// that concurrency and the latency it costs. The generator runs on the same two cores as the server — for the
/// baseline exactly as for the app — so its share of the machine falls on both sides of every ratio.</summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(
        string target, HttpClient client, Func<HttpRequestMessage> request, HttpStatusCode expected, int connections,
        TimeSpan warmup, TimeSpan duration, int? serverPid, CancellationToken ct)
    {
        var loadAverage = LoadResult.Now();
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<long>[connections];
        long failed = 0;
        string? firstFailure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var maxRss = 0.0;
        var sampler = serverPid is { } pid ? SampleRssAsync(pid, v => maxRss = Math.Max(maxRss, v), measureFrom, stop.Token) : Task.CompletedTask;

        async Task WorkerAsync(int i)
        {
            var mine = latencies[i] = new List<long>(4096);
            while (true)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= measureTo) return;
                try
                {
                    using var message = request();
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct);
                    var done = Stopwatch.GetTimestamp();
                    if (response.StatusCode != expected)
                    {
                        if (sent >= measureFrom && done <= measureTo) Interlocked.Increment(ref failed);
                        firstFailure ??= $"{(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync(ct))}";
                    }
                    else if (sent >= measureFrom && done <= measureTo)
                        mine.Add(done - sent);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    firstFailure ??= e.Message;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(i => Task.Run(() => WorkerAsync(i), ct)));
        await stop.CancelAsync();
        await sampler;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new LoadResult(target, connections, duration.TotalSeconds, all.Length, failed, all.Length / duration.TotalSeconds,
            Percentile(0.50), Percentile(0.99), maxRss, loadAverage, firstFailure);
    }

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300];

    /// <summary>VmRSS of the server process, every 200 ms of the timed window.</summary>
    private static async Task SampleRssAsync(int pid, Action<double> sample, long from, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (Stopwatch.GetTimestamp() >= from) sample(RssMb(pid));
                await Task.Delay(200, ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    public static double RssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return 0;
    }

    public static HttpClient Client(Uri address, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = address, Timeout = TimeSpan.FromSeconds(60),
            // As the province's reverse proxy forwards it (the app trusts the loopback proxy): an HTTPS request, so
            // Production's HTTPS redirection lets it through.
            DefaultRequestHeaders = { { "X-Forwarded-Proto", "https" } },
        };
}
