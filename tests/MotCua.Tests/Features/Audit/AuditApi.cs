using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Features.Audit;

/// <summary>The administration audit log as an administrator reads it through <c>GET /api/admin/audit</c>.</summary>
internal static class AuditApi
{
    public sealed record Entry(
        Guid Id, DateTime AtUtc, Guid? ActorId, string ActorName, string ActorRole, Guid? ActorUnitId, string? ActorUnitName,
        string Kind, string SubjectType, string? SubjectId, string Description, JsonElement? Before, JsonElement? After)
    {
        public string? BeforeText(string property) => Text(Before, property);

        public string? AfterText(string property) => Text(After, property);

        private static string? Text(JsonElement? element, string property) =>
            element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
                : null;
    }

    public sealed record EntriesPage(List<Entry> Items, int Page, int PageSize, int Total);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<EntriesPage> ReadAsync(AppFactory app, string? kind = null, string? subjectId = null, int page = 1, int pageSize = 100)
    {
        using var admin = await app.ClientAsAsync("admin");
        var query = string.Create(CultureInfo.InvariantCulture, $"/api/admin/audit?page={page}&pageSize={pageSize}");
        if (kind is not null) query += "&kind=" + kind;
        if (subjectId is not null) query += "&subjectId=" + Uri.EscapeDataString(subjectId);
        using var response = await admin.GetAsync(query, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<EntriesPage>(TestJson.Options, Ct))!;
    }

    /// <summary>The one entry of this kind about this subject.</summary>
    public static async Task<Entry> SingleAsync(AppFactory app, string kind, string subjectId) =>
        (await ReadAsync(app, kind, subjectId)).Items.ShouldHaveSingleItem();

    public static async Task<int> TotalAsync(AppFactory app) => (await ReadAsync(app, pageSize: 1)).Total;

    /// <summary>Everything the log holds, as the API sends it: secrets must appear nowhere in it.</summary>
    public static async Task<string> RawAsync(AppFactory app)
    {
        using var admin = await app.ClientAsAsync("admin");
        return await admin.GetStringAsync("/api/admin/audit?pageSize=500", Ct);
    }
}
