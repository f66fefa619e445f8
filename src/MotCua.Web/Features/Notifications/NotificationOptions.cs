namespace MotCua.Web.Features.Notifications;

/// <summary>The <c>Notifications</c> configuration section. A channel is used only when it is configured: no SMTP
/// host means no e-mail, no gateway address means no SMS, and then nothing is queued for it.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    public bool Enabled { get; set; } = true;

    /// <summary>A history entry dated longer ago than this is not news: demo data, imports and migrated dossiers
    /// write their past, and the citizen must not be told about it now.</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Signs the messages and names the e-mail sender.</summary>
    public string SenderName { get; set; } = "Hệ thống thông tin giải quyết thủ tục hành chính";

    /// <summary>The public page where a dossier is followed with its code and lookup code; without it the messages
    /// point to the one-stop desk.</summary>
    public Uri? LookupUrl { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();

    public bool EmailEnabled => Enabled && !string.IsNullOrWhiteSpace(Smtp.Host) && !string.IsNullOrWhiteSpace(Smtp.From);
    /// <summary>A gateway is configured, or the simulator is on (then the app's own address is the gateway's).</summary>
    public bool SmsEnabled => Enabled && (Sms.BaseUrl is { IsAbsoluteUri: true } || Sms.Simulator.Enabled);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    /// <summary>587 (submission with STARTTLS) or 25 (a relay inside the network). Port 465 (TLS from the first byte)
    /// is not supported by <see cref="System.Net.Mail.SmtpClient"/>.</summary>
    public int Port { get; set; } = 587;
    public string? From { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Upgrade the connection with STARTTLS before sending; refused if the server does not offer it.</summary>
    public bool StartTls { get; set; } = true;
}

public sealed class SmsOptions
{
    /// <summary>The gateway's address, e.g. <c>https://sms.example.vn/api/</c>; the client posts to <c>{BaseUrl}/sms/send</c>.</summary>
    public Uri? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>The registered sender name (brandname) the carrier shows, e.g. <c>UBND-PMOT</c>.</summary>
    public string Brandname { get; set; } = "MOTCUA";
    /// <summary>Vietnamese brandname SMS are usually sent without diacritics: 160 characters per message instead of 70.</summary>
    public bool Unaccented { get; set; } = true;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    public SmsSimulatorOptions Simulator { get; set; } = new();
}

/// <summary>The development stand-in for the gateway, served by this app under <see cref="SmsGatewaySimulator.Path"/>.
/// Never on in production configuration.</summary>
public sealed class SmsSimulatorOptions
{
    public bool Enabled { get; set; }
    /// <summary>The key the simulator expects; empty accepts any non-empty key.</summary>
    public string? ApiKey { get; set; }
}
