using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace MotCua.Tests.Infrastructure;

/// <summary>The built app run with <c>dotnet MotCua.Web.dll</c> on a free port, on the test's database and data folder,
/// as Production runs it; a test kills it with SIGKILL (no shutdown, no flush, no finally) and starts it again.</summary>
public sealed class AppProcess : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly Process _process;

    private AppProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    /// <param name="settings">More command-line settings (<c>--Key=value</c>); a key given twice takes the last value.</param>
    public static async Task<AppProcess> StartAsync(TestDatabase database, params string[] settings)
    {
        // The free port is found by binding and releasing it, so another process may take it before the app binds
        // (a busy machine opens thousands of client ports): the app then fails to start, and is started on another.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(database, FreePort(), settings);
            try
            {
                await server.WaitUntilReadyAsync();
                return server;
            }
            catch (AppExitedException) when (attempt < 3 && server.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                server.Dispose();
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    private static AppProcess Launch(TestDatabase database, int port, string[] settings)
    {
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
                     // Its own database's keys, never the test runner's home folder (docs/adr/0035b).
                     "--DataProtection:FormerKeyFolder=",
                     // Production refuses to start without its public address (docs/operations.md §8).
                     "--AllowedHosts=127.0.0.1", "--Forms:PublicBaseUrl=https://dichvucong.example.vn/",
                 }.Concat(settings))
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var server = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private readonly Queue<string> _lastLines = new();

    /// <summary>The app's last 40 lines of output, to say why it stopped.</summary>
    private string Output
    {
        get
        {
            lock (_lastLines) return string.Join('\n', _lastLines);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    private sealed class AppExitedException(string message) : Exception(message);

    public HttpClient Client(string? token = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
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
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the output's last lines are read to the end
                throw new AppExitedException($"The app exited with code {_process.ExitCode} while starting. Its last output:\n{Output}");
            }
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
