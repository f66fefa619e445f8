using System.Text.Json;
using System.Text.Json.Serialization;

namespace MotCua.Tests.Infrastructure;

/// <summary>Reads the API's JSON as the app writes it (web defaults, enums by name).</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
