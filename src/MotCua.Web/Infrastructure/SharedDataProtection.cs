using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Web.Infrastructure;

/// <summary>Data a feature keeps in the database under Data Protection (a unit's seal, an official's PKCS#12). Before the
/// keys moved into the database each machine protected it with keys of its own folder; at the first start with the
/// shared keys it is read with those and protected again with the database's (docs/adr/0035b).</summary>
public interface IProtectedAtRest
{
    /// <summary>Protects with <paramref name="current"/> every value that <paramref name="former"/> can read and saves them;
    /// values <paramref name="former"/> cannot read are left as they are. Returns how many rows changed.</summary>
    Task<int> ReprotectAsync(IDataProtectionProvider former, IDataProtectionProvider current, CancellationToken ct);
}

/// <summary>One key ring for every node: the Data Protection keys (sign-in cookies and bearer tokens, antiforgery
/// tokens, payment, receipt and rating links, password-reset tokens, the seals kept in the database) live in the
/// app's own database, and every node names the application the same, so what one node protects any other reads
/// (docs/adr/0035b-shared-data-protection-keys.md).</summary>
public static class SharedDataProtection
{
    /// <summary>The application's name in every protector's purpose. Without it ASP.NET uses the content root's path,
    /// which differs between nodes installed in different folders.</summary>
    public const string ApplicationName = "MotCua";

    /// <summary>Where the versions before the shared keys kept this machine's keys; empty for none.</summary>
    public const string FormerKeyFolderKey = "DataProtection:FormerKeyFolder";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<AppDbContext>();
        return services;
    }

    /// <summary>Run after the migrations, before the first request. On a database without keys: makes the first key
    /// now, so that nodes started together do not each make their own at their first request, and moves the data
    /// protected at rest from this machine's former keys (if it has any) to the shared ones. Returns the rows moved.</summary>
    public static async Task<int> PrepareKeysAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.DataProtectionKeys.AnyAsync(ct)) return 0;

        var shared = services.GetRequiredService<IDataProtectionProvider>();
        // Protecting anything makes the key ring's first key and saves it in the database.
        shared.CreateProtector("MotCua.KeyRing.FirstKey").Protect([1]);

        var folder = FormerKeyFolder(services.GetRequiredService<IConfiguration>());
        if (folder is null || !folder.Exists || !folder.EnumerateFiles("key-*.xml").Any()) return 0;
        // The former purposes began with the application discriminator ASP.NET computes (the content root's path),
        // still what IApplicationDiscriminator answers: SetApplicationName replaces it only in the options.
        var formerName = services.GetApplicationUniqueIdentifier();
        var former = DataProtectionProvider.Create(folder, b =>
        {
            if (formerName is not null) b.SetApplicationName(formerName);
            // Read only: a folder whose keys have all expired still decrypts what they protected.
            b.DisableAutomaticKeyGeneration();
        });
        var moved = 0;
        foreach (var data in scope.ServiceProvider.GetServices<IProtectedAtRest>())
            moved += await data.ReprotectAsync(former, shared, ct);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SharedDataProtection))
            .LogInformation("Data Protection keys are now kept in the database; {Count} value(s) protected with this machine's former keys ({Folder}) were protected again with them.",
                moved, folder.FullName);
        return moved;
    }

    /// <summary><see cref="FormerKeyFolderKey"/>, or where ASP.NET Core keeps a machine's keys when none is configured:
    /// %LOCALAPPDATA%\ASP.NET\DataProtection-Keys on Windows, $HOME/.aspnet/DataProtection-Keys elsewhere.</summary>
    public static DirectoryInfo? FormerKeyFolder(IConfiguration configuration)
    {
        var configured = configuration[FormerKeyFolderKey];
        if (configured is not null) return configured.Length == 0 ? null : new DirectoryInfo(configured);
        if (OperatingSystem.IsWindows() && Environment.GetEnvironmentVariable("LOCALAPPDATA") is { Length: > 0 } local)
            return new DirectoryInfo(Path.Combine(local, "ASP.NET", "DataProtection-Keys"));
        return Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
            ? new DirectoryInfo(Path.Combine(home, ".aspnet", "DataProtection-Keys"))
            : null;
    }
}
