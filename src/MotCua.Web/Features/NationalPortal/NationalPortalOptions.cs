namespace MotCua.Web.Features.NationalPortal;

/// <summary>NationalPortal:… in configuration: how this system reaches the national public-service portal's exchange
/// (Circular 04/2025/TT-VPCP) as the province's system, and how the portal reaches this system's intake. Secrets are
/// read here and nowhere else, and never logged.</summary>
public sealed class NationalPortalOptions
{
    public const string SectionName = "NationalPortal";

    /// <summary>The exchange's address, e.g. https://api.dichvucong.gov.vn/ or a path on this app's own address (development: "/sandbox/dvcqg/", the simulator, on whatever port the app runs).
    /// Empty: nothing is queued for the national portal (a commune running on its own, the tests that do not sync).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The token endpoint, relative to <see cref="BaseUrl"/> unless absolute.</summary>
    public string TokenPath { get; set; } = "oauth/token";

    /// <summary>Where sync records are sent, relative to <see cref="BaseUrl"/>.</summary>
    public string SyncPath { get; set; } = "api/ho-so/dong-bo";

    /// <summary>Where ratings are sent, relative to <see cref="BaseUrl"/> (a message of its own: the §8 record has no rating; [to confirm]).</summary>
    public string RatingPath { get; set; } = "api/ho-so/danh-gia";

    /// <summary>A record that could not be delivered (the portal down, a timeout) is retried for as long as it takes,
    /// never given up; the wait between attempts doubles from Jobs:BaseDelay up to this. Short enough that the records
    /// go soon after an outage ends; long enough that an outage is not hammered (every waiting dossier calls once per wait).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The address the national portal reaches this system at (https://motcua.tinh.gov.vn/): the files named in a
    /// record are links on it. Empty: this app's own listening address (development, tests).</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Signs the file links of the records (HMAC-SHA256), so that only a link this system gave opens a file,
    /// and only until it expires. At least 32 characters when the sync is on; changing it voids the links given.</summary>
    public string FileLinkSecret { get; set; } = "";

    /// <summary>How long a file link in a record opens the file: the portal fetches the files when it receives the record
    /// (results into the citizen's store); a record sent again carries fresh links.</summary>
    public TimeSpan FileLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The province's system as a client of the exchange (OAuth2 client credentials).</summary>
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>A token is renewed this long before it expires, so a request never leaves with a token that dies on the way.</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The national side's credentials for this system's intake (HTTP Basic: client id and secret given to the
    /// portal when the connection is set up). Empty secret: the intake refuses every call.</summary>
    public string IntakeClientId { get; set; } = "dvcqg";
    public string IntakeClientSecret { get; set; } = "";

    /// <summary>Statuses are synchronised within 10 minutes of a change (domain brief §8): past this, the unit's
    /// administrators are alerted.</summary>
    public TimeSpan LagAlert { get; set; } = TimeSpan.FromMinutes(10);

    public NationalPortalSimulatorOptions Simulator { get; set; } = new();

    public bool SyncEnabled => BaseUrl.Length > 0;
}

/// <summary>How the local simulator of the national portal misbehaves on purpose.</summary>
public enum SimulatorMode
{
    /// <summary>Validates and acknowledges (or rejects what the national side would reject).</summary>
    Normal,
    /// <summary>Answers after <see cref="NationalPortalSimulatorOptions.Delay"/>.</summary>
    Slow,
    /// <summary>503 to every sync call: an outage.</summary>
    Fail,
    /// <summary>Rejects every record with <see cref="NationalPortalSimulatorOptions.RejectReason"/>.</summary>
    Reject,
}

/// <summary>The simulator served by this app at /sandbox/dvcqg (never in Production).</summary>
public sealed class NationalPortalSimulatorOptions
{
    public bool Enabled { get; set; } = true;
    public SimulatorMode Mode { get; set; } = SimulatorMode.Normal;
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(5);
    public string RejectReason { get; set; } = "Hệ thống Cổng DVCQG đang đối soát dữ liệu, đề nghị gửi lại sau.";
    /// <summary>Each dossier the simulator submits is delivered twice at the same instant.</summary>
    public bool DuplicateDeliveries { get; set; }
    /// <summary>The client the simulator accepts at its token endpoint (the province's system).</summary>
    public string ClientId { get; set; } = "motcua-tinh";
    public string ClientSecret { get; set; } = "SANDBOX-DVCQG-SECRET-NOT-FOR-PRODUCTION";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>The province's intake, relative to this app, and the secret the simulator presents there.</summary>
    public string IntakeSecret { get; set; } = "SANDBOX-INTAKE-SECRET-NOT-FOR-PRODUCTION";
}
