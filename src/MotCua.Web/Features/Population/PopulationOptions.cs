namespace MotCua.Web.Features.Population;

/// <summary>Population:… in configuration: how this system reaches the national population database's sharing service
/// (Cơ sở dữ liệu quốc gia về dân cư, through the national or provincial data-integration platform) as the province's
/// system. Secrets are read here and nowhere else, and never logged.</summary>
public sealed class PopulationOptions
{
    public const string SectionName = "Population";

    /// <summary>The sharing service's address, e.g. https://lgsp.tinh.gov.vn/csdl-dan-cu/ or a path on this app's own address
    /// (development: "/sandbox/csdl-dan-cu/", the simulator). Empty: no lookup is possible; the desk receives unverified.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The token endpoint, relative to <see cref="BaseUrl"/> unless absolute (OAuth2 client credentials).</summary>
    public string TokenPath { get; set; } = "oauth/token";

    /// <summary>Where a person is looked up, relative to <see cref="BaseUrl"/>.</summary>
    public string LookupPath { get; set; } = "api/cong-dan/tra-cuu";

    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>A lookup that has not answered by then is an outage: the official at the desk is not kept waiting.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a desk lookup stands as the verification of one sitting: the reception must name it within this.</summary>
    public TimeSpan VerificationLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a citizen's lookup for a draft stands: the draft may be finished days later.</summary>
    public TimeSpan DraftVerificationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The purpose sent with every query, as the sharing service requires one.</summary>
    public string Purpose { get; set; } = "Giải quyết thủ tục hành chính";

    public PopulationSimulatorOptions Simulator { get; set; } = new();

    public bool Configured => BaseUrl.Length > 0;
}

/// <summary>How the local simulator of the population database behaves.</summary>
public enum PopulationSimulatorMode
{
    /// <summary>Answers from its demo people: found, not found, details that do not match.</summary>
    Normal,
    /// <summary>Answers after <see cref="PopulationSimulatorOptions.Delay"/>.</summary>
    Slow,
    /// <summary>503 to every lookup: an outage.</summary>
    Fail,
}

/// <summary>The simulator served by this app at /sandbox/csdl-dan-cu (never in Production).</summary>
public sealed class PopulationSimulatorOptions
{
    public bool Enabled { get; set; } = true;
    public PopulationSimulatorMode Mode { get; set; } = PopulationSimulatorMode.Normal;
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(3);
    public string ClientId { get; set; } = "motcua-tinh";
    public string ClientSecret { get; set; } = "SANDBOX-CSDLDC-SECRET-NOT-FOR-PRODUCTION";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
