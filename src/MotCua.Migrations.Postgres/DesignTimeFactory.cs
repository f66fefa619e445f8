using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using MotCua.Web.Infrastructure;

namespace MotCua.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without starting the app.
/// The connection string is never opened when adding a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(builder, DatabaseProvider.Postgres, "Host=localhost;Database=motcua_design", typeof(DesignTimeFactory).Assembly);
        return new AppDbContext(builder.Options);
    }
}
