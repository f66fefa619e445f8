using System.Net;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.NationalPortal;

/// <summary>The national portal's simulator hands out tokens and accepts whatever it is sent: a production server never
/// serves it, whatever its configuration says.</summary>
public sealed class NationalPortalProductionTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSimulator_IsNotServedInProduction()
    {
        var http = app.ClientOn($"https://{ProductionApp.PublicHost}/");

        (await http.GetAsync("/sandbox/dvcqg/", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var token = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "motcua-tinh", ["client_secret"] = "SANDBOX-DVCQG-SECRET-NOT-FOR-PRODUCTION",
        });
        var issued = await http.PostAsync("/sandbox/dvcqg/oauth/token", token, Ct);
        issued.IsSuccessStatusCode.ShouldBeFalse();
        (await issued.Content.ReadAsStringAsync(Ct)).ShouldNotContain("access_token");
    }
}
