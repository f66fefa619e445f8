using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Infrastructure;

public sealed class MigrationsTests
{
    /// <summary>Both migration sets must describe the current model: a model change without a migration for
    /// either provider fails here (add them with scripts/add-migration.sh).</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=not_opened")]
    public void MigrationSet_ForEachProvider_HasNoPendingModelChanges(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(options, provider, connectionString, Database.MigrationsAssembly(provider));
        using var db = new AppDbContext(options.Options);

        db.Database.GetMigrations().ShouldNotBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse($"the {provider} migrations are behind the model: run scripts/add-migration.sh");
    }

    /// <summary>SQLite alters a column by rebuilding its table from the model the migration was made against: a
    /// migration made on one branch rebuilds the table without the columns another branch's earlier migration added
    /// (the snapshot still agrees with the model). Every column the model maps must exist after migrating.</summary>
    [Fact]
    public void SqliteMigrations_FromEmpty_CreateEveryColumnTheModelMaps()
    {
        var file = Path.Combine(Path.GetTempPath(), $"motcua-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            Database.Configure(options, DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", Database.MigrationsAssembly(DatabaseProvider.Sqlite));
            using var db = new AppDbContext(options.Options);
            db.Database.Migrate();

            var missing = new List<string>();
            var connection = db.Database.GetDbConnection();
            connection.Open();
            foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null))
            {
                var table = entity.GetTableName()!;
                var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                var columns = new HashSet<string>();
                using (var reader = command.ExecuteReader())
                    while (reader.Read()) columns.Add(reader.GetString(0));
                missing.AddRange(entity.GetProperties().Select(p => p.GetColumnName(store)).OfType<string>()
                    .Where(c => !columns.Contains(c)).Select(c => $"{table}.{c}"));
            }
            connection.Close();
            missing.Distinct().ShouldBeEmpty("the SQLite migrations lose these columns");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
