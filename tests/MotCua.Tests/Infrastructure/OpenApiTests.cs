using System.Text.Json;

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
}
