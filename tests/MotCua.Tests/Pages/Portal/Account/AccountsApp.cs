using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Infrastructure.Fakes;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Pages.Portal.Account;

/// <summary>The app with e-mail going to a real SMTP listener on a localhost port, for the password reset journey.</summary>
public sealed partial class AccountsApp : AppFactory
{
    public SmtpListener Smtp { get; } = SmtpListener.Start();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Notifications:Smtp:From", "motcua@phuongmot.example.vn");
        builder.UseSetting("Notifications:Smtp:StartTls", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the hosted loop does on each tick, once.</summary>
    public Task<JobRunSummary> RunJobsAsync() => Services.GetRequiredService<JobRunner>().RunDueAsync(TestContext.Current.CancellationToken);

    /// <summary>The messages the listener received for one address.</summary>
    public IReadOnlyList<ReceivedMail> MailTo(string email) => [.. Smtp.Messages.Where(m => m.To.Contains(email))];

    /// <summary>The reset link in a message, as a path and query on this app.</summary>
    public static string ResetLink(ReceivedMail mail)
    {
        var match = LinkPattern().Match(mail.Body);
        match.Success.ShouldBeTrue(mail.Body);
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+/dat-lai-mat-khau\?\S+")]
    private static partial Regex LinkPattern();
}
