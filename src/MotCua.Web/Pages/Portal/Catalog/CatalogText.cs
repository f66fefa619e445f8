using System.Text.Json;
using System.Text.RegularExpressions;
using MotCua.Web.Features.Catalog;

namespace MotCua.Web.Pages.Portal.Catalog;

/// <summary>How the public catalog names the catalog's values.</summary>
public static partial class CatalogText
{
    public static string OnlineLevelBadge(OnlineLevel level) => level switch
    {
        OnlineLevel.Full => "Trực tuyến toàn trình",
        OnlineLevel.Partial => "Trực tuyến một phần",
        _ => "Không trực tuyến",
    };

    public static string OnlineLevelOption(OnlineLevel level) => level switch
    {
        OnlineLevel.Full => "Toàn trình",
        OnlineLevel.Partial => "Một phần",
        _ => "Không cung cấp trực tuyến",
    };

    public static string OnlineLevelClass(OnlineLevel level) => level switch
    {
        OnlineLevel.Full => "badge full",
        OnlineLevel.Partial => "badge partial",
        _ => "badge none",
    };

    public const string PilotBadge = "Chỉ tiếp nhận trực tuyến";

    public static string ComponentForm(ComponentForm form) => form switch
    {
        Features.Catalog.ComponentForm.Original => "Bản chính",
        Features.Catalog.ComponentForm.Copy => "Bản sao",
        Features.Catalog.ComponentForm.CertifiedCopy => "Bản sao có chứng thực hoặc bản sao điện tử có chứng thực",
        Features.Catalog.ComponentForm.OriginalToShow => "Bản chính để đối chiếu (không nộp lại)",
        _ => form.ToString(),
    };

    public static string Level(ProcedureLevel level) => level switch
    {
        ProcedureLevel.Commune => "Cấp xã",
        ProcedureLevel.District => "Cấp huyện",
        ProcedureLevel.Province => "Cấp tỉnh",
        ProcedureLevel.Ministry => "Cấp bộ, ngành trung ương",
        _ => level.ToString(),
    };

    /// <summary>Free text of the catalog (steps, conditions) keeps its line breaks as paragraphs.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The published content as a citizen reads it: the catalog's editorial mark "[u]" (a value not yet
    /// checked against the legal text, ImportCatalog) is for whoever maintains the catalog, not for the public page.
    /// Every text of the content carries it, components and fees included, so it is taken out of all of them at once.</summary>
    public static ProcedureContent ForPublic(ProcedureContent content)
    {
        var json = JsonSerializer.Serialize(content, PublicJson);
        if (!json.Contains("[u]", StringComparison.Ordinal)) return content;
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Clean(document.RootElement, writer);
        return JsonSerializer.Deserialize<ProcedureContent>(buffer.ToArray(), PublicJson)!;
    }

    /// <summary>The publishing decision as shown to the public; the sample catalog's instruction to its maintainer
    /// ("… – thay bằng quyết định công bố …") is not a decision and is left out.</summary>
    public static string? PublicDecision(string? decision)
    {
        if (string.IsNullOrWhiteSpace(decision)) return null;
        var at = decision.IndexOf("thay bằng quyết định", StringComparison.OrdinalIgnoreCase);
        var kept = at < 0 ? decision : decision[..at].TrimEnd(' ', '–', '-', ',', ';', '(');
        return string.IsNullOrWhiteSpace(kept) ? null : Unmarked(kept);
    }

    /// <summary>The text without the "[u]" mark, its spaces and punctuation left tidy.</summary>
    public static string Unmarked(string text)
    {
        var cleaned = Spaces().Replace(Mark().Replace(text, " "), " ").Trim();
        cleaned = SpaceBeforePunctuation().Replace(cleaned, "$1");
        return cleaned.TrimStart('.', ';', ',', ':', ' ');
    }

    private static readonly JsonSerializerOptions PublicJson = new(JsonSerializerDefaults.Web);

    private static void Clean(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Clean(property.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Clean(item, writer);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Unmarked(element.GetString()!));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    [GeneratedRegex(@"\[u\]")] private static partial Regex Mark();
    [GeneratedRegex(@"[ \t]{2,}")] private static partial Regex Spaces();
    [GeneratedRegex(@"\s+([.,;:)])")] private static partial Regex SpaceBeforePunctuation();
}
