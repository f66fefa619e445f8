using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MotCua.Web.Features.Notifications;

namespace MotCua.Tests.Infrastructure.Fakes;

/// <summary>The SMS gateway at the process edge: the app's <see cref="SmsGatewaySimulator"/> served by its own small
/// host on a real localhost port, so the app's HTTP client talks to it over a real socket, as to a provider.</summary>
public sealed class SmsGatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SmsGatewayHost(WebApplication app, SmsGatewaySimulator simulator, Uri baseUrl)
    {
        _app = app;
        Simulator = simulator;
        BaseUrl = baseUrl;
    }

    public const string ApiKey = "test-sms-key";

    public SmsGatewaySimulator Simulator { get; }

    /// <summary>What <c>Notifications:Sms:BaseUrl</c> points at: the gateway's API root.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Started synchronously: a test fixture's constructor needs the port before the app is configured.</summary>
    public static SmsGatewayHost Start()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var simulator = new SmsGatewaySimulator(TimeProvider.System) { ApiKey = ApiKey };
        builder.Services.AddSingleton(simulator);
        var app = builder.Build();
        SmsGatewaySimulator.Map(app, "/gateway");
        app.Start();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SmsGatewayHost(app, simulator, new Uri(address.TrimEnd('/') + "/gateway/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
