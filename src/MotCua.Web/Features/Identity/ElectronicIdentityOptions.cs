namespace MotCua.Web.Features.Identity;

/// <summary>ElectronicIdentity:… in configuration: the national e-ID provider (VNeID) this portal signs citizens in with,
/// by OpenID Connect (code flow with PKCE; docs/adr/0033b-national-e-identity-sign-in.md). The claim names are
/// [to confirm] against VNeID's integration document: they are configuration, not code, for that reason.</summary>
public sealed class ElectronicIdentityOptions
{
    public const string SectionName = "ElectronicIdentity";

    /// <summary>Off: no "Đăng nhập bằng VNeID" button, no handler. On in Production only with <see cref="Authority"/> set
    /// (the app refuses to start otherwise).</summary>
    public bool Enabled { get; set; }

    /// <summary>The provider's issuer address (its discovery document is at Authority/.well-known/openid-configuration).
    /// Empty outside Production: the local simulator, /sandbox/vneid on this app's own address.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "motcua-cong-dich-vu-cong";

    /// <summary>The client's secret at the provider; read here and nowhere else, never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Scopes asked for, besides openid. [to confirm]: VNeID's scope names.</summary>
    public string[] Scopes { get; set; } = ["profile", "phone"];

    /// <summary>The claim of the ID token that carries the 12-digit personal identification number (số định danh cá nhân).
    /// [to confirm] against VNeID's claim names.</summary>
    public string PersonalIdNumberClaim { get; set; } = "personal_id_number";

    /// <summary>The claim with the person's full name, as the population database has it. [to confirm]</summary>
    public string FullNameClaim { get; set; } = "name";

    /// <summary>The claim with the date of birth (yyyy-MM-dd, or dd/MM/yyyy). [to confirm]</summary>
    public string BirthDateClaim { get; set; } = "birthdate";

    /// <summary>The claim with the phone number registered with the e-ID. [to confirm]</summary>
    public string PhoneClaim { get; set; } = "phone_number";

    /// <summary>The login provider name stored with the link (AspNetUserLogins).</summary>
    public const string Scheme = LinkElectronicIdentity.VNeID;

    /// <summary>Where the provider sends the browser back with the code; the OpenID Connect handler answers it.</summary>
    public const string CallbackPath = "/dang-nhap/vneid/callback";
}
