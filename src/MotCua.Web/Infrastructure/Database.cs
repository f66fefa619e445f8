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
        var queue = new SqliteSingleWriter(configuration.GetValue("Database:WriterQueueTimeout", SqliteSingleWriter.DefaultTimeout));
        // Pooled: the options (provider, the features' interceptors) are built once, not for every request, and a
        // request leases a context instead of building one (docs/adr/0035a). The interceptors are singletons.
        services.AddDbContextPool<AppDbContext>(options => Configure(options, provider, connectionString, migrations, queue));
        return services;
    }

    /// <param name="writerQueue">SQLite only: the queue of this process's writers (docs/adr/0035c); the default one when
    /// not given. PostgreSQL locks rows, not the database, and has no queue.</param>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, Assembly migrationsAssembly,
        SqliteSingleWriter? writerQueue = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(migrationsAssembly));
                options.AddInterceptors(writerQueue ?? SqliteSingleWriter.Default);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {provider}");
        }
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

    /// <summary>Brings the schema up to date. SQLite also gets WAL, so that readers do not block the writer.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // Migrate also compares the model with the last migration's snapshot (0.4–0.6 s): only when there is one to apply.
        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any()) return;
        await db.Database.MigrateAsync(ct);
        await AnalyzeAsync(db, ct);
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
