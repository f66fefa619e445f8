using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace MotCua.Web.Features.Identity;

/// <summary>Password reset tokens made like Identity's <see cref="DataProtectorTokenProvider{TUser}"/> (the account,
/// the purpose and the security stamp, encrypted and signed by data protection), with three differences: they are
/// dated by the app's <see cref="TimeProvider"/> (Identity's read the system clock), they live
/// <see cref="CitizenAccountOptions.PasswordResetLinkLifetime"/> rather than a day, and they are URL-safe, since
/// they travel in a link. A reset changes the security stamp, so a token works once.</summary>
public sealed class PasswordResetTokenProvider(IDataProtectionProvider protection, IOptions<CitizenAccountOptions> options, TimeProvider clock)
    : IUserTwoFactorTokenProvider<AppUser>
{
    public const string ProviderName = "MotCua.PasswordReset";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly IDataProtector _protector = protection.CreateProtector(ProviderName);

    public async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Utf8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose ?? "");
            writer.Write(await manager.GetSecurityStampAsync(user));
        }
        return WebEncoders.Base64UrlEncode(_protector.Protect(stream.ToArray()));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (string.IsNullOrEmpty(token)) return false;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))), Utf8);
            var issued = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            if (issued + options.Value.PasswordResetLinkLifetime < clock.GetUtcNow()) return false;
            var userId = reader.ReadString();
            var tokenPurpose = reader.ReadString();
            var stamp = reader.ReadString();
            return reader.PeekChar() == -1
                   && userId == await manager.GetUserIdAsync(user)
                   && tokenPurpose == (purpose ?? "")
                   && stamp == await manager.GetSecurityStampAsync(user);
        }
        // A token that was cut short, mistyped or forged is just not valid.
        catch (Exception e) when (e is FormatException or CryptographicException or EndOfStreamException or DecoderFallbackException)
        {
            return false;
        }
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);
}
