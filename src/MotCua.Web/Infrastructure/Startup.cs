using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.DemoData;

namespace MotCua.Web.Infrastructure;

public static class Startup
{
    /// <summary>A fresh machine needs nothing but the app: the SQLite file and its schema are created here, and
    /// on an empty database the demo data is seeded when <c>DemoData:SeedOnFirstStart</c> is on (the default
    /// for the README's run command). Production runs <c>migrate</c> as a deployment step instead.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var ct = app.Lifetime.ApplicationStopping;
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
            await Database.MigrateAsync(app.Services, ct);
        // Before the first request: a database without Data Protection keys gets its first one (docs/adr/0035b).
        await SharedDataProtection.PrepareKeysAsync(app.Services, ct);
        // Before the first request: bytes a killed process left without their row hold personal data nobody can reach.
        await app.Services.GetRequiredService<PendingFileSweep>().RunAsync(ct);
        // The roles are part of the schema's meaning: a fresh install without demo data needs them too.
        await using (var roleScope = app.Services.CreateAsyncScope())
            await Features.Identity.IdentitySetup.EnsureRolesAsync(
                roleScope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole<Guid>>>());
        if (!app.Configuration.GetValue("DemoData:SeedOnFirstStart", false)) return;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Units.AnyAsync(ct))
        {
            // Demo accounts are printed only where the demo province is what the database holds.
            if (await db.Units.AnyAsync(u => u.AgencyCode == DemoDataGenerator.ProvinceCode, ct))
                Console.WriteLine(DemoDataGenerator.AccountsText);
            return;
        }
        var report = await scope.ServiceProvider.GetRequiredService<DemoDataGenerator>().SeedAsync(new DemoOptions(), ct);
        Console.WriteLine(report);
    }
}
