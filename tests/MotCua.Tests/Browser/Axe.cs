using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace MotCua.Tests.Browser;

/// <summary>The axe-core accessibility check, run inside the page: any "serious" or "critical" violation fails
/// the test with the rule, its help text and the elements concerned. axe-core is pinned in
/// tests/MotCua.Tests/Browser/package.json and installed by scripts/test.sh (npm ci).</summary>
public static class Axe
{
    internal static readonly Lazy<string> ScriptPath = new(() =>
    {
        var path = Path.Combine(RepositoryRoot.Path, "tests", "MotCua.Tests", "Browser", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"axe-core was not found at {path}: run `npm ci --prefix tests/MotCua.Tests/Browser --no-audit --no-fund` (scripts/test.sh does it).");
    });

    private const string Run = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return JSON.stringify(result.violations.map(v => ({
            id: v.id, impact: v.impact ?? '', help: v.help,
            targets: v.nodes.map(n => JSON.stringify(n.target)),
          })));
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Targets);

    /// <summary>All violations on the page as it is now, whatever their impact.</summary>
    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath.Value });
        var json = await page.EvaluateAsync<string>(Run);
        return JsonSerializer.Deserialize<List<Violation>>(json, Json) ?? [];
    }

    /// <summary>Fails on any serious or critical violation, listing them.</summary>
    public static async Task CheckAsync(IPage page, string what)
    {
        var blocking = (await RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        if (blocking.Count == 0) return;
        var message = new StringBuilder($"axe-core: {blocking.Count} serious/critical accessibility violation(s) on {what} ({page.Url}):");
        foreach (var v in blocking)
            message.Append("\n- [").Append(v.Impact).Append("] ").Append(v.Id).Append(": ").Append(v.Help)
                .Append("\n    ").AppendJoin("\n    ", v.Targets);
        throw new ShouldAssertException(message.ToString());
    }
}

/// <summary>The folder holding MotCua.slnx, found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MotCua.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds MotCua.slnx.");
    });

    public static string Path => Root.Value;
}
