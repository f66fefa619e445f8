using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;
using Npgsql;

namespace MotCua.Tests.Infrastructure;

/// <summary>Which database the suite runs on: SQLite always, PostgreSQL when the test script started a
/// throwaway cluster and set <c>MOTCUA_TEST_PROVIDER=Postgres</c> and <c>MOTCUA_TEST_POSTGRES</c>.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "motcua-tests");

    private TestDatabase(DatabaseProvider provider, string connectionString, string dataDirectory, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        _postgresName = postgresName;
    }

    private readonly string? _postgresName;

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>Where this test's files (and its SQLite database) live.</summary>
    public string DataDirectory { get; }

    public static DatabaseProvider ConfiguredProvider =>
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("MOTCUA_TEST_PROVIDER"), true, out var p) ? p : DatabaseProvider.Sqlite;

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("MOTCUA_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres";

    /// <summary>A new, empty database for one test class.</summary>
    public static TestDatabase Create()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var dataDirectory = Path.Combine(Root, id);
        Directory.CreateDirectory(dataDirectory);
        if (ConfiguredProvider == DatabaseProvider.Postgres)
        {
            var name = "motcua_test_" + id;
            var cs = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, IncludeErrorDetail = true }.ConnectionString;
            return new TestDatabase(DatabaseProvider.Postgres, cs, dataDirectory, name);
        }
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDirectory, "test.db")}", dataDirectory, null);
    }

    public DbContextOptions<AppDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(builder, Provider, ConnectionString, Database.MigrationsAssembly(Provider));
        return builder.Options;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* a file still open on a slow machine: /tmp is cleaned anyway */ }
    }
}
