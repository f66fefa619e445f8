using System.Globalization;
using System.Security.Claims;

namespace MotCua.Web.Features.Identity;

/// <summary>The citizen's consent to the processing of their personal data (Decree 13/2023/NĐ-CP, Article 11), kept
/// so that it can be shown later: which notice they agreed to and when. Stored as a claim of the account
/// (AspNetUserClaims), the one place Identity already keeps per-account facts.</summary>
public static class PersonalDataConsent
{
    public const string ClaimType = "motcua:personal_data_consent";

    /// <summary>Changes whenever the notice on the registration page changes, so each consent names the text it was given to.</summary>
    public const string NoticeVersion = "2026-11";

    /// <summary>"2026-11|2026-11-17T02:00:00Z": the notice's version and the instant of consent (UTC).</summary>
    public static Claim Given(DateTimeOffset at) =>
        new(ClaimType, string.Create(CultureInfo.InvariantCulture, $"{NoticeVersion}|{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"));
}
