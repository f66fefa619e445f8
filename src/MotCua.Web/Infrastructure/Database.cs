using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Web.Infrastructure;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Chooses the provider and its migration set. SQLite is the default (a commune on a laptop);
/// PostgreSQL runs a province. Each provider has its own migrations project (docs/adr/0002).</summary>
public static class Database
{
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = ConnectionString(configuration, provider, contentRoot);
        var migrations = MigrationsAssembly(provider);
        services.AddDbContext<AppDbContext>(options => Configure(options, provider, connectionString, migrations));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, Assembly migrationsAssembly)
    {
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(migrationsAssembly)),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrationsAssembly)),
            _ => throw new InvalidOperationException($"Unknown database provider {provider}"),
        };
    }

    private static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, string contentRoot)
    {
        var configured = configuration.GetConnectionString(provider.ToString());
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException("ConnectionStrings:Postgres is required when Database:Provider is Postgres.");
        var dataDirectory = Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data", contentRoot);
        Directory.CreateDirectory(dataDirectory);
        return $"Data Source={Path.Combine(dataDirectory, "motcua.db")}";
    }

    /// <summary>The migration projects reference this one, so they are loaded by name when the host references
    /// them (tests, design time) and from beside the app otherwise (the app's build copies them there).</summary>
    public static Assembly MigrationsAssembly(DatabaseProvider provider)
    {
        var name = $"MotCua.Migrations.{provider}";
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, name + ".dll"));
        }
    }

    /// <summary>Brings the schema up to date. SQLite also gets WAL, so that readers do not block the writer. A database
    /// without Data Protection keys gets its first one (<see cref="SharedDataProtection.PrepareKeysAsync"/>).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Any();
        await db.Database.MigrateAsync(ct);
        if (pending) await AnalyzeAsync(db, ct);
        await SharedDataProtection.PrepareKeysAsync(services, ct);
    }

    /// <summary>SQLite has no planner statistics until ANALYZE runs; without them it answers the office's "All"
    /// list and searches through the unit indexes (0.4–0.8 s at 1,000,000 dossiers; docs/benchmarks.md). A full
    /// ANALYZE takes 0.1 s at 10k and 6–25 s at 1M, so it runs after a schema change or a bulk load, not at every
    /// start; PRAGMA optimize's approximate statistics were measured to mislead the planner.</summary>
    public static async Task AnalyzeAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
    }
}
