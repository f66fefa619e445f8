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
}
