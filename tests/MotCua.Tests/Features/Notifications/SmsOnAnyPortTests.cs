using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Browser;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Features.Notifications;

/// <summary>The app as a developer runs it, with the SMS simulator on and no gateway address, listening on a port
/// Kestrel picks (never 5000).</summary>
public sealed class AnyPortApp : AppFactory
{
    public AnyPortApp() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Sms:ApiKey", "khoa-mo-phong");
        builder.UseSetting("Notifications:Sms:Simulator:Enabled", "true");
        builder.UseSetting("Notifications:Sms:Simulator:ApiKey", "khoa-mo-phong");
    }

    public override ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Item 4 of the first-run issue: the SMS simulator is found at the app's own address, whatever port the
/// app was started on.</summary>
public sealed class SmsOnAnyPortTests(AnyPortApp app) : IClassFixture<AnyPortApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sms_OnAPortOtherThan5000_IsDeliveredToTheSimulatorOfTheAppItself()
    {
        await app.SeedWorldAsync();
        new Uri(app.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority)).Port.ShouldNotBe(5000);
        var desk = await app.ClientAsAsync("desk");
        var (phone, _) = NotificationsApp.NewContact();

        var received = await NotificationsApp.ReceiveAsync(desk, phone, null, "Phan Văn Cổng");
        await app.Services.GetRequiredService<JobRunner>().RunDueAsync(Ct);

        var sms = await app.WithDbAsync(db => db.Notifications.AsNoTracking()
            .SingleAsync(n => n.SubjectId == received.Id && n.Channel == NotificationChannel.Sms, Ct));
        sms.State.ShouldBe(NotificationState.Sent);
        app.Services.GetRequiredService<SmsGatewaySimulator>().Sent.ShouldContain(m => m.Phone == NotificationsApp.GatewayPhone(phone));

        // The development settings no longer name a port for the simulator.
        using var settings = JsonDocument.Parse(await File.ReadAllTextAsync(
            Path.Combine(RepositoryRoot.Path, "src", "MotCua.Web", "appsettings.Development.json"), Ct));
        settings.RootElement.GetProperty("Notifications").GetProperty("Sms").TryGetProperty("BaseUrl", out _).ShouldBeFalse();
    }
}
