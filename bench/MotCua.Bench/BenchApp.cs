using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Bench;

/// <summary>The real app (Program: its services, options, DbContext and provider choice) hosted in process on the
/// prepared database. Nothing is replaced: the clock is the system clock, as in production, because the seeded
/// data is laid out around the moment it was generated. Only a command interceptor is added, to read back the
/// SQL the handlers send (for the plans).</summary>
internal sealed class BenchApp(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    public CommandCapture Capture { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // "Benchmark" has no appsettings file of its own: appsettings.json only, as a production node reads it.
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("DemoData:SeedOnFirstStart", "false");
        // The data set is prepared by `seed-demo`, which migrates; the bench never writes.
        builder.UseSetting("Database:MigrateOnStart", "false");
        // A node that only serves pages: no job worker polling the database between the timed queries.
        builder.UseSetting("Jobs:Enabled", "false");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        builder.ConfigureServices(services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(Capture)));
    }

    public async Task<Official> OfficialAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByNameAsync(userName) as Official
            ?? throw new InvalidOperationException($"No official '{userName}': was the database prepared with seed-demo?");
    }

    /// <summary>The claims the app puts in the cookie or bearer token of any account (an official, or a citizen of the
    /// portal), made by the app's own factory; an empty name is an anonymous visitor.</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync(string userName)
    {
        if (userName.Length == 0) return new ClaimsPrincipal(new ClaimsIdentity());
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName)
                   ?? throw new InvalidOperationException($"No account '{userName}': was the database prepared with seed-demo?");
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        return await factory.CreateAsync(user);
    }

    /// <summary>Runs <paramref name="action"/> as one request would: a fresh DI scope (a fresh DbContext) and an
    /// HttpContext carrying the signed-in user, seen by the app's <c>CurrentUser</c>.</summary>
    public async Task<T> AsRequestAsync<T>(ClaimsPrincipal user, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { User = user, RequestServices = scope.ServiceProvider };
        try
        {
            return await action(scope.ServiceProvider);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
