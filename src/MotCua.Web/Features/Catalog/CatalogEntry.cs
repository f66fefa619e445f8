using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace MotCua.Web.Features.Catalog;

/// <summary>One procedure in the catalog's JSON file: what a province publishes, in the shape that moves a
/// catalog between systems (seed file, import, export).</summary>
/// <param name="Code">Mã TTHC, or a local code without spaces where the national database has none.</param>
/// <param name="Decision">The publishing decision (quyết định công bố) of this version.</param>
public sealed record CatalogEntry(string Code, string? Decision, ProcedureContent Content);

/// <summary>Reads and writes the catalog's JSON file.</summary>
public static class CatalogJson
{
    /// <summary>Strict reading: a file is typed by people and by other systems, so a misspelt property, an
    /// enum given as a number or a null where a value is required is an error rather than silently lost data.</summary>
    public static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The storage format of <see cref="ProcedureVersion.Content"/>, indented, with Vietnamese letters
    /// written as they are so that the exported file can be read and diffed by the people who maintain it.</summary>
    public static readonly JsonSerializerOptions WriteOptions = new(ProcedureVersionConfiguration.Json)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>For the catalog's API answers: enums by name, as in the file, so that what the detail endpoint
    /// returns can be pasted into a catalog file. The resolver is set because a result type given options
    /// without one cannot serialize.</summary>
    public static readonly JsonSerializerOptions ApiOptions = new(ProcedureVersionConfiguration.Json)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <exception cref="JsonException">The text is not a JSON array of catalog entries.</exception>
    public static async Task<IReadOnlyList<CatalogEntry>> ReadAsync(Stream json, CancellationToken ct)
    {
        var entries = await JsonSerializer.DeserializeAsync<List<CatalogEntry>>(json, ReadOptions, ct);
        return entries ?? throw new JsonException("The catalog file must be a JSON array, not null.");
    }

    /// <inheritdoc cref="ReadAsync"/>
    public static IReadOnlyList<CatalogEntry> Read(Stream json) =>
        JsonSerializer.Deserialize<List<CatalogEntry>>(json, ReadOptions)
        ?? throw new JsonException("The catalog file must be a JSON array, not null.");

    public static byte[] Write(IReadOnlyList<CatalogEntry> entries) => JsonSerializer.SerializeToUtf8Bytes(entries, WriteOptions);

    /// <summary>The content as it is stored: two contents are the same version when these strings are equal.</summary>
    internal static string Canonical(ProcedureContent content) => JsonSerializer.Serialize(content, ProcedureVersionConfiguration.Json);

    /// <summary>The top-level fields (as named in the file) whose values differ between two contents, for the audit log.</summary>
    internal static List<string> ChangedFields(ProcedureContent before, ProcedureContent after)
    {
        var old = System.Text.Json.Nodes.JsonNode.Parse(Canonical(before))!.AsObject();
        var now = System.Text.Json.Nodes.JsonNode.Parse(Canonical(after))!.AsObject();
        return [.. old.Select(p => p.Key).Union(now.Select(p => p.Key)).Distinct(StringComparer.Ordinal)
            .Where(k => !System.Text.Json.Nodes.JsonNode.DeepEquals(old[k], now[k])).Order(StringComparer.Ordinal)];
    }
}
