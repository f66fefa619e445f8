using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Exchange;

/// <summary>How sync records are read and written: the exchange's field names as they are, nulls left out, Vietnamese
/// text as text, codes and flags as numbers (read also from strings and true/false, as other systems send them), and
/// its two date forms.</summary>
public static class SyncRecordJson
{
    /// <summary>The exchange's date form: Vietnam local time, to the second.</summary>
    public const string CompactFormat = "yyyyMMddHHmmss";

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new LenientIntConverter(), new LenientLongConverter() },
        MaxDepth = 16,
    };

    public static string Format(DateTime utc) => VietnamTime.ToLocal(utc).ToString(CompactFormat, CultureInfo.InvariantCulture);

    public static string? Format(DateTime? utc) => utc is { } value ? Format(value) : null;

    /// <summary>yyyyMMddHHmmss (Vietnam time) or ISO 8601 with an offset (or Z). A date without an offset other than the
    /// compact form is refused: whose local time it is cannot be known.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return false;
        if (t.Length == CompactFormat.Length && t.All(char.IsAsciiDigit))
        {
            if (!DateTime.TryParseExact(t, CompactFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
            utc = VietnamTime.ToUtc(local);
            return true;
        }
        var hasOffset = t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 19 && (t[^6] is '+' or '-') && t[^3] == ':');
        if (!hasOffset || !t.Contains('T', StringComparison.OrdinalIgnoreCase)) return false;
        if (!DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset)) return false;
        // Kept to the second, as the exchange's own form is.
        var ticks = offset.UtcDateTime.Ticks;
        utc = new DateTime(ticks - ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return true;
    }

    private sealed class LenientIntConverter : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetInt32(),
            JsonTokenType.True => 1,
            JsonTokenType.False => 0,
            JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw new JsonException("Expected a whole number."),
        };

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    private sealed class LenientLongConverter : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt64(out var n) => n,
            // An amount written 20000.0 is still whole đồng.
            JsonTokenType.Number when reader.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue => (long)d,
            JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw new JsonException("Expected a whole number of đồng."),
        };

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }
}
