using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MotCua.Tests.Infrastructure;

public sealed class OpenApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Kiosks and integrations work from the OpenAPI document: every office action must be in it.</summary>
    [Fact]
    public async Task OpenApiDocument_DescribesTheOfficeActionsAndSignIn()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(json);
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        paths.ShouldContain("/api/auth/login");
        paths.ShouldContain("/api/dossiers/desk");
        foreach (var action in new[] { "receive", "refuse", "supplement-requests", "start-processing", "transfer", "assign", "coordinations", "draft",
                     "submit-for-approval", "approve", "send-back", "issue", "payments", "return", "apology", "stop", "withdraw" })
            paths.ShouldContain($"/api/dossiers/{{id}}/{action}");
        var approve = doc.RootElement.GetProperty("paths").GetProperty("/api/dossiers/{id}/approve").GetProperty("post");
        approve.GetProperty("summary").GetString().ShouldBe("Lãnh đạo phê duyệt, ký kết quả.");
        approve.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldContain("409");
    }

    /// <summary>Each body type is documented under its own name: two operations share a schema only when they take
    /// the same body type (the desk reception's body is not the approval's).</summary>
    [Fact]
    public async Task OpenApiDocument_GivesEachRequestBodyTypeItsOwnSchema()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(json);
        var bodies = new Dictionary<string, (string Schema, Type Type)>();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            if (!operation.Value.TryGetProperty("requestBody", out var body) ||
                !body.GetProperty("content").TryGetProperty("application/json", out var content)) continue;
            var schema = SchemaName(content.GetProperty("schema"));
            var endpoint = endpoints.Single(e => Route(e.RoutePattern.RawText!) == Route(path.Name) &&
                                                 e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains(operation.Name.ToUpperInvariant()) &&
                                                 // Not the desk reception's multipart twin, which shares the address and is left out of the document.
                                                 e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true });
            var type = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Select(a => a.RequestType).Single(t => t is not null)!;
            bodies[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = (schema, type);
        }

        bodies.Count.ShouldBeGreaterThan(20);
        foreach (var group in bodies.GroupBy(b => b.Value.Schema))
            group.Select(b => b.Value.Type).Distinct().Count().ShouldBe(1,
                $"{group.Key} documents several bodies: {string.Join(", ", group.Select(b => $"{b.Key} ({b.Value.Type.FullName})"))}");
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        var approve = bodies["POST /api/dossiers/{id}/approve"].Schema.Split('/')[^1];
        schemas.GetProperty(approve).GetProperty("properties").EnumerateObject().Select(p => p.Name).ShouldBe(["note", "revision", "password"], ignoreOrder: true);
    }

    /// <summary>The referenced schema's name; a list of them as "name[]".</summary>
    private static string SchemaName(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) ? reference.GetString()!
        : schema.TryGetProperty("items", out var items) ? SchemaName(items) + "[]"
        : schema.GetRawText();

    private static string Route(string pattern) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+):[^}]+\}", "{$1}").Trim('/');

    /// <summary>The API is called with Identity's bearer token: the document says so, and which operations need it.</summary>
    [Fact]
    public async Task OpenApiDocument_DeclaresTheBearerScheme_OnOperationsThatNeedASignIn()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(json);

        var scheme = doc.RootElement.GetProperty("components").GetProperty("securitySchemes").EnumerateObject()
            .Single(s => s.Value.GetProperty("type").GetString() == "http");
        scheme.Value.GetProperty("scheme").GetString().ShouldBe("bearer");
        var paths = doc.RootElement.GetProperty("paths");
        paths.GetProperty("/api/dossiers/{id}/approve").GetProperty("post").GetProperty("security")[0].TryGetProperty(scheme.Name, out _).ShouldBeTrue();
        paths.GetProperty("/api/auth/login").GetProperty("post").TryGetProperty("security", out _).ShouldBeFalse();
    }
}
