using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace MotCua.Tests.Infrastructure;

public sealed class SimulatorApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Sms:Simulator:Enabled", "true");
        builder.UseSetting("Notifications:Sms:Simulator:ApiKey", "khoa-mo-phong");
    }
}

/// <summary>The development SMS simulator lists every message with its phone number and lookup code: only a caller
/// with its key reads or controls it.</summary>
public sealed class SmsSimulatorAccessTests(SimulatorApp app) : IClassFixture<SimulatorApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("khoa-bat-ky")]
    public async Task Messages_WithoutTheKey_AreRefused(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sms-simulator/messages");
        if (key is not null) request.Headers.Add("X-Api-Key", key);

        var response = await app.CreateClient().SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.CreateClient().DeleteAsync("/sms-simulator/messages", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Messages_WithTheKey_AreListed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sms-simulator/messages");
        request.Headers.Add("X-Api-Key", "khoa-mo-phong");

        (await app.CreateClient().SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
