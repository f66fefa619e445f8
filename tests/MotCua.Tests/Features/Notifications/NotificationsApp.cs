using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Infrastructure.Fakes;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Features.Notifications;

/// <summary>The app wired to a real SMTP listener and a real SMS gateway simulator on localhost ports, with short
/// back-offs and few attempts so that retries can be walked through by moving the clock.</summary>
public class NotificationsApp : AppFactory
{
    public const int MaxAttempts = 4;
    public const string LookupUrl = "https://dichvucong.example.vn/tra-cuu";
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(10);

    public SmtpListener Smtp { get; } = SmtpListener.Start();
    public SmsGatewayHost Sms { get; } = SmsGatewayHost.Start();

    private static int _contacts;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Notifications:Smtp:From", "motcua@phuongmot.example.vn");
        builder.UseSetting("Notifications:Smtp:StartTls", "false");
        builder.UseSetting("Notifications:Sms:BaseUrl", Sms.BaseUrl.AbsoluteUri);
        builder.UseSetting("Notifications:Sms:ApiKey", SmsGatewayHost.ApiKey);
        builder.UseSetting("Notifications:Sms:Brandname", "UBND-PMOT");
        builder.UseSetting("Notifications:LookupUrl", LookupUrl);
        builder.UseSetting("Jobs:MaxAttempts", MaxAttempts.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Jobs:BaseDelay", BaseDelay.ToString());
        builder.UseSetting("Jobs:MaxDelay", "00:01:00");
        builder.UseSetting("Jobs:BatchSize", "5");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sms.DisposeAsync();
        Smtp.Dispose();
        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What the hosted loop does on each tick, once.</summary>
    public Task<JobRunSummary> RunJobsAsync() => Services.GetRequiredService<JobRunner>().RunDueAsync(Ct);

    /// <summary>A phone number and an e-mail address no other test uses, so each test finds its own messages.</summary>
    public static (string Phone, string Email) NewContact()
    {
        var n = Interlocked.Increment(ref _contacts);
        return (string.Create(CultureInfo.InvariantCulture, $"09{10_000_000 + n:D8}"), string.Create(CultureInfo.InvariantCulture, $"nguoinop{n}@example.vn"));
    }

    /// <summary>The number as the gateway receives it.</summary>
    public static string GatewayPhone(string phone) => "84" + phone[1..];

    public static async Task<ReceiveInPerson.Response> ReceiveAsync(HttpClient desk, string? phone, string? email, string fullName = "Đỗ Thị Hoa")
    {
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName, idNumber = "079195004321", phone, email },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!;
    }

    public Task<List<Notification>> NotificationsOfAsync(Guid dossierId) =>
        WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.SubjectId == dossierId).OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Channel).ToListAsync(Ct));

    public Task<Job> JobOfAsync(Notification n) =>
        WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.IdempotencyKey == $"notification:{n.EventId:N}:{n.Channel}", Ct));
}
