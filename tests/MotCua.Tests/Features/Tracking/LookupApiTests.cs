using System.Net;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Tracking;

namespace MotCua.Tests.Features.Tracking;

/// <summary>GET /api/tracking/{code}?lookupCode=: the public lookup for apps and the national portal.</summary>
public sealed class LookupApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tracking_WithCodeAndLookupCode_AnswersProgressWithoutPersonalData()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Lê Thị Công Khai", "079090000501", "0912340501"));
        var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync($"/api/tracking/{received.Code}?lookupCode={received.LookupCode}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await response.Content.ReadAsStringAsync(Ct);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        root.GetProperty("code").GetString().ShouldBe(received.Code);
        root.GetProperty("procedure").GetString().ShouldBe("Đăng ký thường trú");
        root.GetProperty("applicant").GetString().ShouldBe("Lê T. C. K.");
        root.GetProperty("status").GetInt32().ShouldBe(2);
        root.GetProperty("statusName").GetString().ShouldBe("Được tiếp nhận");
        root.GetProperty("dueAtUtc").GetDateTime().ShouldBe(received.DueAtUtc);
        root.GetProperty("timeline")[0].GetProperty("what").GetString().ShouldBe("Tiếp nhận hồ sơ");
        foreach (var personal in new[] { "Lê Thị Công Khai", "079090000501", "0912340501", "Cán bộ desk", received.LookupCode })
            json.ShouldNotContain(personal);
    }

    [Fact]
    public async Task Tracking_WithAWrongLookupCode_OrAnUnknownCode_Is404WithTheSameVietnameseProblem()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Lê Văn Đoán Mã", "079090000502", "0912340502"));
        var anonymous = app.CreateClient();

        var answers = new List<string?>();
        foreach (var url in new[]
                 {
                     $"/api/tracking/{received.Code}?lookupCode=ABCDEFGH",
                     $"/api/tracking/{received.Code[..^4]}9999?lookupCode={received.LookupCode}",
                     $"/api/tracking/{received.Code}",
                 })
        {
            var response = await anonymous.GetAsync(url, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            problem.RootElement.GetProperty("title").GetString().ShouldBe("Không tìm thấy");
            answers.Add(problem.RootElement.GetProperty("detail").GetString());
        }
        answers.ShouldAllBe(a => a == LookupDossier.NotFound);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheTrackingEndpoint()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct);
        using var doc = JsonDocument.Parse(json);
        var get = doc.RootElement.GetProperty("paths").GetProperty("/api/tracking/{code}").GetProperty("get");
        get.GetProperty("summary").GetString()!.ShouldStartWith("Tra cứu tình trạng hồ sơ");
        get.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["200", "404"], ignoreOrder: true);
    }
}
