using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Browser;

/// <summary>The real app served by Kestrel on a free localhost port (its own database and test clock, as every
/// <see cref="AppFactory"/>), and one Chromium driven by Playwright for the test class.</summary>
public class BrowserApp : AppFactory, IAsyncLifetime
{
    /// <summary>Chromium from Debian; CI installs it through scripts/test.sh. Playwright's own browsers are never downloaded.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp() => UseKestrel(0);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The national e-ID's simulator on the app's own Kestrel address (empty authority), as in development; the
        // handler reaches it over the loopback.
        builder.UseSetting("ElectronicIdentity:Authority", "");
    }

    /// <summary>Where the app answers, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        // Fail, never skip: a machine without Chromium must not pass the browser journeys silently.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}: the browser tests need it. Run scripts/test.sh as root once (it installs it), or apt-get install -y chromium.");

        StartServer(); // Kestrel on port 0: the schema is migrated on start
        BaseAddress = new Uri(ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority));

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
