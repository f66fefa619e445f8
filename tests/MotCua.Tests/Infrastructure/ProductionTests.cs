using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MotCua.Tests.Infrastructure;

/// <summary>The app as a published server runs it: environment Production, with the public address configured.</summary>
public class ProductionApp : AppFactory
{
    public const string PublicHost = "dichvucong.example.vn";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("AllowedHosts", PublicHost);
        builder.UseSetting("Forms:PublicBaseUrl", $"https://{PublicHost}/");
        builder.UseSetting("https_port", "443");
        // Even if someone leaves it on, production never serves the simulator.
        builder.UseSetting("Notifications:Sms:Simulator:Enabled", "true");
        builder.UseSetting("Notifications:Sms:Simulator:ApiKey", "khoa-thu");
        // The national e-ID on, at a real provider's address: the simulator is still never served.
        builder.UseSetting("ElectronicIdentity:Authority", ProductionApp.ElectronicIdentityAuthority);
        builder.UseSetting("ElectronicIdentity:ClientSecret", "bi-mat-vneid-thu");
    }

    public const string ElectronicIdentityAuthority = "https://vneid.example.vn/";

    public HttpClient ClientOn(string baseAddress) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });
}

/// <summary>Production without the public address: the app must refuse to start.</summary>
public sealed class UnconfiguredProductionApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }

    public override ValueTask InitializeAsync() => ValueTask.CompletedTask;
}

public sealed class ProductionTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Public = $"https://{ProductionApp.PublicHost}/";

    [Fact]
    public async Task AForgedHost_IsRefused()
    {
        var response = await app.ClientOn("https://lua-dao.example.com/").GetAsync("/dang-nhap", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.ClientOn(Public).GetAsync("/dang-nhap", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Https_IsRequiredAndRemembered()
    {
        var plain = await app.ClientOn($"http://{ProductionApp.PublicHost}/").GetAsync("/thu-tuc", Ct);
        var secure = await app.ClientOn(Public).GetAsync("/", Ct);

        plain.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        plain.Headers.Location!.ToString().ShouldBe($"https://{ProductionApp.PublicHost}/thu-tuc");
        secure.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=31536000");
    }

    [Fact]
    public async Task TheOpenApiDocument_AndTheSmsSimulator_AreNotServed()
    {
        var http = app.ClientOn(Public);

        (await http.GetAsync("/openapi/v1.json", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sms-simulator/messages");
        request.Headers.Add("X-Api-Key", "khoa-thu");
        (await http.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class UnconfiguredProductionTests(UnconfiguredProductionApp app) : IClassFixture<UnconfiguredProductionApp>
{
    [Fact]
    public void Production_WithoutAllowedHostsAndAPublicAddress_DoesNotStart()
    {
        var e = Should.Throw<InvalidOperationException>(() => app.Server);

        e.Message.ShouldContain("AllowedHosts");
        e.Message.ShouldContain("Forms:PublicBaseUrl");
    }
}
