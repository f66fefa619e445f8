using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Browser;

/// <summary>One test's walk through the office: the officials taking part (each in their own browser context,
/// so their cookies are their own), and the screenshots of every page they see, numbered in order under
/// artifacts/screenshots/&lt;TestName&gt;/.</summary>
public sealed partial class Journey : IAsyncDisposable
{
    public static readonly ViewportSize OfficePc = new() { Width = 1366, Height = 768 };
    public static readonly ViewportSize Tablet = new() { Width = 768, Height = 1024 };
    /// <summary>A common low-cost Android phone: the portal is designed for it first.</summary>
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 800 };

    private readonly List<OfficeSession> _sessions = [];
    private readonly HashSet<string> _checkedPages = [];
    private int _shots;

    private Journey(BrowserApp app, string name)
    {
        App = app;
        ScreenshotDirectory = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots", name);
        if (Directory.Exists(ScreenshotDirectory)) Directory.Delete(ScreenshotDirectory, recursive: true);
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public BrowserApp App { get; }
    public string ScreenshotDirectory { get; }

    /// <summary>A journey named after the running test.</summary>
    public static Journey Start(BrowserApp app) =>
        new(app, TestContext.Current.TestMethod?.MethodName ?? throw new InvalidOperationException("No test is running."));

    /// <summary>Opens a browser context for the official and signs in through the login page.</summary>
    public async Task<OfficeSession> SignInAsync(string userName, string password = TestData.Password, ViewportSize? viewport = null)
    {
        var session = await OpenAsync(userName, viewport);
        await session.SignInAsync(userName, password);
        return session;
    }

    /// <summary>A browser context that is not signed in yet.</summary>
    public async Task<OfficeSession> OpenAsync(string who, ViewportSize? viewport = null)
    {
        var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = viewport ?? OfficePc,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(15_000);
        // axe-core goes in before each page's own scripts: a <script> tag added afterwards would be inline script,
        // which the app's Content-Security-Policy refuses (and must keep refusing during the journeys).
        await context.AddInitScriptAsync(scriptPath: Axe.ScriptPath.Value);
        var session = new OfficeSession(this, who, context, await context.NewPageAsync());
        _sessions.Add(session);
        return session;
    }

    /// <summary>True the first time a page in this state is seen in the journey: the same page with the same
    /// action panel and notices is checked with axe-core once.</summary>
    internal bool FirstSeen(string signature)
    {
        lock (_checkedPages) return _checkedPages.Add(signature);
    }

    internal string NextScreenshotPath(string slug)
    {
        var n = Interlocked.Increment(ref _shots);
        return Path.Combine(ScreenshotDirectory, string.Create(CultureInfo.InvariantCulture, $"{n:00}-{Slug(slug)}.png"));
    }

    /// <summary>"Hồ sơ / Tiếp nhận" → "ho-so-tiep-nhan".</summary>
    public static string Slug(string text)
    {
        var plain = new StringBuilder();
        foreach (var c in text.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(c);
        return NotSlug().Replace(plain.ToString().ToLowerInvariant(), "-").Trim('-');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions) await session.DisposeAsync();
    }
}

/// <summary>One official at their browser: navigate, fill and submit the office pages, each page seen being
/// screenshotted and checked with axe-core.</summary>
public sealed class OfficeSession : IAsyncDisposable
{
    private readonly Journey _journey;
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    internal OfficeSession(Journey journey, string who, IBrowserContext context, IPage page)
    {
        _journey = journey;
        _context = context;
        Who = who;
        Page = page;
        page.PageError += (_, error) => _scriptErrors.Add(error);
        // A script, style or form the Content-Security-Policy refuses is a broken page, though nothing throws.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) _scriptErrors.Add(message.Text);
        };
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame) LastStatus = response.Status;
        };
    }

    public string Who { get; }
    public IPage Page { get; }

    /// <summary>The HTTP status of the last document the page loaded (after redirects).</summary>
    public int LastStatus { get; private set; }

    public async Task SignInAsync(string userName, string password = TestData.Password)
    {
        await GotoAsync("/office/login", "dang-nhap");
        await Page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await Page.GetByLabel("Mật khẩu").FillAsync(password);
        await SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }), "trang-chu");
        new Uri(Page.Url).AbsolutePath.ShouldBe("/office", $"{userName} should land on the office home after signing in");
    }

    /// <summary>A citizen signs in at the portal's door with a phone number, e-mail or ID number.</summary>
    public async Task SignInCitizenAsync(string identifier, string password = TestData.Password)
    {
        await GotoAsync("/dang-nhap", "dang-nhap");
        await Page.GetByLabel("Số điện thoại, thư điện tử hoặc số định danh cá nhân").FillAsync(identifier);
        await Page.GetByLabel("Mật khẩu").FillAsync(password);
        await SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }), "sau-dang-nhap");
    }

    /// <summary>Opens a page, checks its status, screenshots it and checks its accessibility.</summary>
    public async Task GotoAsync(string path, string slug, int expectedStatus = 200)
    {
        var response = await Page.GotoAsync(path) ?? throw new ShouldAssertException($"GET {path} gave no response");
        LastStatus = response.Status;
        await SeenAsync(slug, expectedStatus);
    }

    /// <summary>Clicks a button that submits a form (or a link), waits for the next page to load, then screenshots and checks it.</summary>
    public async Task SubmitAsync(ILocator button, string slug, int expectedStatus = 200)
    {
        // A marker on the current document: it is gone once the browser has loaded the next one.
        await Page.EvaluateAsync("() => { window.__motcuaBefore = true; }");
        await button.ClickAsync();
        await Page.WaitForFunctionAsync("() => window.__motcuaBefore !== true");
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await SeenAsync(slug, expectedStatus);
    }

    /// <summary>Presses a key in a field that submits its form (Enter), then as <see cref="SubmitAsync"/>.</summary>
    public async Task PressAsync(ILocator field, string key, string slug, int expectedStatus = 200)
    {
        await Page.EvaluateAsync("() => { window.__motcuaBefore = true; }");
        await field.PressAsync(key);
        await Page.WaitForFunctionAsync("() => window.__motcuaBefore !== true");
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await SeenAsync(slug, expectedStatus);
    }

    /// <summary>What makes a page distinct for the accessibility check: its path (ids left out), the names of
    /// its query parameters, the actions its panel offers and the notices it shows.</summary>
    private const string Signature = """
        () => location.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}')
          + '?' + [...new URLSearchParams(location.search).keys()].sort().join('&')
          + '|' + [...document.querySelectorAll('summary, legend, h2')].map(e => e.textContent.trim().replace(/\d+/g, '#')).join(',')
          + '|' + [...document.querySelectorAll('.alert, [role=alert]')].map(e => e.className).join(',')
        """;

    /// <summary>The page as it is now: status checked, full-page screenshot, axe-core check (once per distinct
    /// page of the journey), no script errors.</summary>
    public async Task SeenAsync(string slug, int expectedStatus = 200)
    {
        var what = $"{Who}: {slug}";
        LastStatus.ShouldBe(expectedStatus, $"{what} ({Page.Url}) answered {LastStatus}; page text: {await BodyTextAsync(600)}");
        await ScreenshotAsync(slug);
        if (_journey.FirstSeen(await Page.EvaluateAsync<string>(Signature))) await Axe.CheckAsync(Page, what);
        _scriptErrors.ShouldBeEmpty($"script errors on {what}");
    }

    /// <summary>Screenshots and checks the page as seen on a tablet (768×1024), then returns to the office PC size.</summary>
    public async Task AtTabletAsync(string slug)
    {
        await Page.SetViewportSizeAsync(Journey.Tablet.Width, Journey.Tablet.Height);
        try
        {
            await ScreenshotAsync(slug + "-tablet");
            await Axe.CheckAsync(Page, $"{Who}: {slug} (tablet)");
        }
        finally
        {
            await Page.SetViewportSizeAsync(Journey.OfficePc.Width, Journey.OfficePc.Height);
        }
    }

    public Task ScreenshotAsync(string slug) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = _journey.NextScreenshotPath($"{Who}-{slug}"), FullPage = true });

    public async Task<string> BodyTextAsync(int max = int.MaxValue)
    {
        var text = await Page.InnerTextAsync("body");
        return text.Length <= max ? text : text[..max];
    }

    /// <summary>The path of the current page, e.g. /office/dossiers/….</summary>
    public string Path => new Uri(Page.Url).AbsolutePath;

    /// <summary>The dossier id at the end of the current page's path (/office/dossiers/{id}, /office/forms/01/{id}…).</summary>
    public Guid DossierIdFromUrl() => Guid.Parse(Path.TrimEnd('/').Split('/')[^1]);

    /// <summary>The row of a dossier component (reception pages), found by its row header.</summary>
    public ILocator ComponentRow(string name) =>
        Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });

    // ---------------------------------------------------------------- the dossier page

    /// <summary>One action of the dossier page's panel ("Thao tác"), opened: its fields and button are within.</summary>
    public async Task<ILocator> ActionAsync(string summary)
    {
        var action = Page.Locator("details.action").Filter(new() { Has = Page.Locator("summary").GetByText(summary, new() { Exact = true }) });
        (await action.CountAsync()).ShouldBe(1, $"the dossier page of {Who} should offer the action \"{summary}\"; the panel reads: {await PanelTextAsync()}");
        if (await action.GetAttributeAsync("open") is null) await action.Locator("summary").ClickAsync();
        return action;
    }

    /// <summary>Whether the dossier page offers the action to this official.</summary>
    public async Task<bool> OffersAsync(string summary) =>
        await Page.Locator("details.action summary").GetByText(summary, new() { Exact = true }).CountAsync() > 0;

    private async Task<string> PanelTextAsync() =>
        await Page.Locator(".dossier-actions").CountAsync() > 0 ? await Page.Locator(".dossier-actions").InnerTextAsync() : "(no action panel)";

    /// <summary>The status badge of the dossier page, e.g. "Đang xử lý".</summary>
    public Task<string> StatusAsync() => Page.Locator(".status-line .badge.status").InnerTextAsync();

    /// <summary>The success notice (role=status) of the page.</summary>
    public Task<string> NoticeAsync() => Page.Locator(".alert.success").InnerTextAsync();

    /// <summary>The error alert (role=alert) of the page.</summary>
    public Task<string> AlertAsync() => Page.Locator("[role=alert]").First.InnerTextAsync();

    /// <summary>The rows of "Quá trình xử lý", one string per row.</summary>
    public async Task<IReadOnlyList<string>> HistoryAsync() =>
        await Page.Locator("table.history tbody tr").AllInnerTextsAsync();

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
