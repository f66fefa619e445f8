using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

public enum SigningCredentialKind
{
    /// <summary>A PKCS#12 file an official uploaded ("Chữ ký số của tôi"): kept as uploaded (encrypted by its own
    /// password, which is never stored), wrapped again with Data Protection; the password is asked at each signing.</summary>
    OfficialPkcs12,
    /// <summary>A unit's organisation certificate (the issuance stamp), with its password wrapped by Data Protection so
    /// that the unit's clerks sign without knowing it.</summary>
    UnitSeal,
    /// <summary>The demo CA's own key (never in Production).</summary>
    DemoAuthority,
    /// <summary>A certificate the demo CA issued to an official, a unit or a remote-signing user (never in Production).</summary>
    DemoIssued,
}

/// <summary>A certificate with its protected private key (docs/adr/0033a). <see cref="Owner"/> says whose: an official's
/// id, "unit:{id}" for a unit's seal, a remote-signing user id for the simulator, "demo-ca".</summary>
public sealed class SigningCredential
{
    private SigningCredential() { Owner = null!; Subject = null!; Issuer = null!; Thumbprint = null!; Certificate = null!; ProtectedKey = null!; }

    internal SigningCredential(SigningCredentialKind kind, string owner, byte[] certificate, string subject, string issuer, string thumbprint,
        DateTime notBeforeUtc, DateTime notAfterUtc, byte[] protectedKey, byte[]? protectedPassword, DateTime createdAtUtc)
    {
        Id = Guid.CreateVersion7();
        Kind = kind;
        Owner = owner;
        Certificate = certificate;
        Subject = subject;
        Issuer = issuer;
        Thumbprint = thumbprint;
        NotBeforeUtc = notBeforeUtc;
        NotAfterUtc = notAfterUtc;
        ProtectedKey = protectedKey;
        ProtectedPassword = protectedPassword;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public SigningCredentialKind Kind { get; private set; }
    public string Owner { get; private set; }
    /// <summary>The certificate, DER.</summary>
    public byte[] Certificate { get; private set; }
    public string Subject { get; private set; }
    public string Issuer { get; private set; }
    public string Thumbprint { get; private set; }
    public DateTime NotBeforeUtc { get; private set; }
    public DateTime NotAfterUtc { get; private set; }
    /// <summary>The PKCS#12 bytes, protected with ASP.NET Data Protection.</summary>
    public byte[] ProtectedKey { get; private set; }
    /// <summary>A unit seal's password, protected; null where the password is asked at signing or there is none.</summary>
    public byte[]? ProtectedPassword { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The Data Protection purpose of <see cref="ProtectedKey"/> and <see cref="ProtectedPassword"/>.</summary>
    internal const string ProtectionPurpose = "MotCua.Signatures.Credentials";

    /// <summary>The same key and password, protected with other keys (docs/adr/0035b).</summary>
    internal void Reprotect(byte[] protectedKey, byte[]? protectedPassword)
    {
        ProtectedKey = protectedKey;
        ProtectedPassword = protectedPassword;
    }
}

/// <summary>The credentials' keys and passwords, moved from a machine's former Data Protection keys to the shared ones.</summary>
internal sealed class SigningCredentialsProtectedAtRest(AppDbContext db) : IProtectedAtRest
{
    public async Task<int> ReprotectAsync(IDataProtectionProvider former, IDataProtectionProvider current, CancellationToken ct)
    {
        var reader = former.CreateProtector(SigningCredential.ProtectionPurpose);
        var writer = current.CreateProtector(SigningCredential.ProtectionPurpose);
        var moved = 0;
        foreach (var credential in await db.Set<SigningCredential>().ToListAsync(ct))
        {
            if (Read(reader, credential.ProtectedKey) is not { } key) continue;
            byte[]? password = null;
            if (credential.ProtectedPassword is { } protectedPassword && (password = Read(reader, protectedPassword)) is null) continue;
            credential.Reprotect(writer.Protect(key), password is null ? null : writer.Protect(password));
            moved++;
        }
        await db.SaveChangesAsync(ct);
        return moved;
    }

    private static byte[]? Read(IDataProtector reader, byte[] data)
    {
        try
        {
            return reader.Unprotect(data);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Protected with keys this machine never had (another machine's, or already the shared ones): left alone.
            return null;
        }
    }
}

internal sealed class SigningCredentialConfiguration : IEntityTypeConfiguration<SigningCredential>
{
    public void Configure(EntityTypeBuilder<SigningCredential> b)
    {
        b.Property(c => c.Owner).HasMaxLength(100);
        b.Property(c => c.Subject).HasMaxLength(500);
        b.Property(c => c.Issuer).HasMaxLength(500);
        b.Property(c => c.Thumbprint).HasMaxLength(64);
        // One current credential per owner and kind: a new upload replaces the old one.
        b.HasIndex(c => new { c.Owner, c.Kind }).IsUnique();
    }
}
