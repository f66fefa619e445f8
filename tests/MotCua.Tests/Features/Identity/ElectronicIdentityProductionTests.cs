using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Features.Identity;

/// <summary>The national e-ID's simulator vouches for whoever the tester picks: a production server never serves it, even
/// with the e-ID on; and production with the e-ID on but no provider configured does not start.</summary>
public sealed class ElectronicIdentityProductionTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/sandbox/vneid/")]
    [InlineData("/sandbox/vneid/.well-known/openid-configuration")]
    [InlineData("/sandbox/vneid/.well-known/jwks")]
    [InlineData("/sandbox/vneid/connect/authorize?client_id=motcua-cong-dich-vu-cong&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fdichvucong.example.vn%2Fdang-nhap%2Fvneid%2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256")]
    public async Task TheSimulator_IsNotServedInProduction(string path)
    {
        var response = await app.ClientOn($"https://{ProductionApp.PublicHost}/").GetAsync(path, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("authorization_endpoint");
    }

    [Fact]
    public async Task TheSimulatorsTokenEndpoint_IsNotServedInProduction()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "x" });
        var response = await app.ClientOn($"https://{ProductionApp.PublicHost}/").PostAsync("/sandbox/vneid/connect/token", form, Ct);
        response.IsSuccessStatusCode.ShouldBeFalse();
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("id_token");
    }

    [Fact]
    public async Task TheSignInButton_GoesToTheConfiguredProvider()
    {
        var response = await app.ClientOn($"https://{ProductionApp.PublicHost}/").GetAsync("/dang-nhap", Ct);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Đăng nhập bằng VNeID");
        app.Services.GetRequiredService<IOptions<MotCua.Web.Features.Identity.ElectronicIdentityOptions>>().Value.Authority
            .ShouldBe(ProductionApp.ElectronicIdentityAuthority);
    }
}

/// <summary>Production with the national e-ID on and no provider's address.</summary>
public sealed class ElectronicIdentityUnconfiguredApp : ProductionApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ElectronicIdentity:Authority", "");
    }

    public override ValueTask InitializeAsync() => ValueTask.CompletedTask;
}

public sealed class ElectronicIdentityUnconfiguredTests(ElectronicIdentityUnconfiguredApp app) : IClassFixture<ElectronicIdentityUnconfiguredApp>
{
    [Fact]
    public void Production_WithTheEIdOnButNoProvider_DoesNotStart_AndSaysWhy()
    {
        var e = Should.Throw<Exception>(() => app.Server);
        e.ToString().ShouldContain("ElectronicIdentity:Authority");
    }
}
