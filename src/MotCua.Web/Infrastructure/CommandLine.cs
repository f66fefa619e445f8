using System.Globalization;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.DemoData;

namespace MotCua.Web.Infrastructure;

/// <summary>The few jobs an operator runs from a shell, with the same binary and configuration as the app:
/// <c>migrate</c>, <c>seed-demo [--dossiers N] [--seed S]</c>, <c>import-catalog FILE</c>.</summary>
public static class CommandLine
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return false;
        try
        {
            return await RunAsync(app, args);
        }
        catch (Exception e) when (e is DomainException or ArgumentException or IOException or System.Text.Json.JsonException)
        {
            // An operator's mistake (bad file, bad option) gets a sentence, not a stack trace.
            await Console.Error.WriteLineAsync($"Lỗi: {e.Message}");
            Environment.ExitCode = 1;
            return true;
        }
    }

    private static async Task<bool> RunAsync(WebApplication app, string[] args)
    {
        var ct = app.Lifetime.ApplicationStopping;
        switch (args[0])
        {
            case "migrate":
                await Database.MigrateAsync(app.Services, ct);
                // Nodes started after the deployment's migrate all find the one first key (docs/adr/0035b).
                await SharedDataProtection.PrepareKeysAsync(app.Services, ct);
                Console.WriteLine("Đã cập nhật cấu trúc cơ sở dữ liệu.");
                return true;
            case "seed-demo":
            {
                await Database.MigrateAsync(app.Services, ct);
                var options = new DemoOptions
                {
                    Dossiers = IntOption(args, "--dossiers") ?? DemoOptions.DefaultDossiers,
                    Seed = IntOption(args, "--seed") ?? DemoOptions.DefaultSeed,
                };
                await using var scope = app.Services.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<DemoDataGenerator>().SeedAsync(options, ct);
                await Database.AnalyzeAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
                Console.WriteLine(report);
                return true;
            }
            case "import-catalog" when args.Length > 1:
            {
                await Database.MigrateAsync(app.Services, ct);
                await using var stream = File.OpenRead(args[1]);
                var entries = await CatalogJson.ReadAsync(stream, ct);
                await using var scope = app.Services.CreateAsyncScope();
                // No one is signed in: the audit log names the server account that ran the command.
                scope.ServiceProvider.GetRequiredService<Features.Audit.AuditLog>().ActingAs = Features.Audit.AuditLog.CommandLine(Environment.UserName);
                var result = await scope.ServiceProvider.GetRequiredService<ImportCatalog.Handler>().HandleAsync(entries, ct);
                Console.WriteLine(result);
                return true;
            }
            default:
                await Console.Error.WriteLineAsync($"Lệnh không hợp lệ: {string.Join(' ', args)}. Các lệnh: migrate | seed-demo [--dossiers N] [--seed S] | import-catalog TỆP.json");
                Environment.ExitCode = 2;
                return true;
        }
    }

    private static int? IntOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0) return null;
        if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0) return value;
        throw new ArgumentException($"{name} cần một số nguyên không âm.");
    }
}
