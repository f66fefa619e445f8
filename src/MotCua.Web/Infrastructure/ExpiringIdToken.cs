using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace MotCua.Web.Infrastructure;

/// <summary>An id carried in a link sent to someone without an account (payment, receipt, rating): encrypted and signed
/// by Data Protection under the link's own purpose, with an expiry, so it cannot be guessed, altered, stretched or used
/// for another purpose.</summary>
public static class ExpiringIdToken
{
    /// <summary>Longer than any token made here: refused before decrypting.</summary>
    public const int MaxLength = 1000;

    public static string Create(ITimeLimitedDataProtector protector, Guid id, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(protector);
        return protector.Protect(id.ToString("N"), expires);
    }

    /// <summary>The id the token names; null when it is forged, altered, expired, made for another purpose or too long.</summary>
    public static Guid? Read(ITimeLimitedDataProtector protector, string? token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(protector);
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength) return null;
        try
        {
            var text = protector.Unprotect(token, out var expires);
            return expires >= now && Guid.TryParseExact(text, "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
