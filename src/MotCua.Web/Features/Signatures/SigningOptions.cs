namespace MotCua.Web.Features.Signatures;

/// <summary>Signatures:… in configuration (docs/adr/0033a).</summary>
public sealed class SigningOptions
{
    public const string SectionName = "Signatures";

    /// <summary>Root certificates (PEM or DER files) whose chains are trusted: the national root CA of the Ministry of
    /// Information and Communications, the government CA. Relative paths are from the app's content root.</summary>
    public List<string> TrustedRoots { get; set; } = [];

    /// <summary>The demo CA (its root trusted, certificates issued on first use to officials and units with none): on by
    /// default outside Production, never in Production whatever this says.</summary>
    public bool DemoCertificateAuthority { get; set; } = true;

    public RemoteSigningOptions Remote { get; set; } = new();
}

/// <summary>Signatures:Remote:… — a remote-signing service (SmartCA-style): the key stays with the service; this system
/// sends the hash with the official's user id, the service asks the official to confirm (on their phone) and returns the
/// signature with the certificate chain.</summary>
public sealed class RemoteSigningOptions
{
    /// <summary>The service's address; a path (development: "/sandbox/ky-so-tu-xa/") is on this app's own address.
    /// Empty: no remote signing.</summary>
    public string BaseUrl { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    /// <summary>How long to wait for the official to confirm before giving up.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>The simulator at /sandbox/ky-so-tu-xa (never mapped in Production).</summary>
    public bool SimulatorEnabled { get; set; }
    public string SimulatorClientSecret { get; set; } = "";
}
