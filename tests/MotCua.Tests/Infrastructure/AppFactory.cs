using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Infrastructure;

/// <summary>The real app over HTTP, on its own fresh database (SQLite or PostgreSQL), with the clock as the
/// only thing replaced. One instance per test class (IClassFixture); tests create the data they need.</summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public AppFactory() : this(TestDatabase.Create(), ownsDatabase: true)
    {
    }

    /// <summary>An app on <paramref name="database"/>; a second node on another's database does not own it (TwoNodesTests).</summary>
    protected AppFactory(TestDatabase database, bool ownsDatabase)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    private readonly bool _ownsDatabase;

    public TestDatabase Database { get; }

    /// <summary>Defaults to a Tuesday morning in office hours, Vietnam time.</summary>
    public TestClock Clock { get; } = new(TestClock.Vn(2026, 11, 17, 9, 0));

    internal SemaphoreSlim SeedLock { get; } = new(1, 1);
    internal TestData.World? World { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting($"ConnectionStrings:{Database.Provider}", Database.ConnectionString);
        builder.UseSetting("Storage:DataDirectory", Database.DataDirectory);
        builder.UseSetting("DemoData:SeedOnFirstStart", "false");
        // Not the test runner's own ASP.NET key folder: a test database starts with keys of its own (docs/adr/0035b).
        builder.UseSetting("DataProtection:FormerKeyFolder", "");
        // Tests sign the same officials in many times from one address: the limits stay on, far above what tests use
        // (WebSecurityTests lowers them to see them work).
        foreach (var limit in new[] { "SignInPerClient", "SignInPerAccount", "AccountFormsPerClient", "LookupPerClient" })
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "1000000");
        // Sign-in with the national e-ID against the app's own simulator (/sandbox/vneid), as in development: the handler's
        // calls to the provider (discovery, keys, the code exchange) go to the test server itself.
        builder.UseSetting("ElectronicIdentity:Enabled", "true");
        builder.UseSetting("ElectronicIdentity:Authority", "http://localhost/sandbox/vneid/");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient(MotCua.Web.Features.Identity.ElectronicIdentitySignIn.HttpClientName).ConfigurePrimaryHttpMessageHandler(ElectronicIdentityHandler);
        });
    }

    /// <summary>How the app's e-ID handler reaches the provider simulator: the in-memory test server, or the loopback for an
    /// app on Kestrel (<c>BrowserApp</c> and the other apps that listen on a port), which has no test server.</summary>
    protected virtual HttpMessageHandler ElectronicIdentityHandler()
    {
        try
        {
            return Server.CreateHandler();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            return new SocketsHttpHandler();   // an app on Kestrel (UseKestrel) has no test server
        }
    }

    public virtual ValueTask InitializeAsync()
    {
        _ = Server; // starts the host: the schema is migrated on start
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A scope for arranging data and asserting what was persisted, through the app's own DbContext.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>An HTTP client signed in with Identity's bearer token, as a kiosk or integration would be.</summary>
    public async Task<HttpClient> ClientAsAsync(string userName, string password = TestData.Password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record TokenResponse(string AccessToken);
}
