using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
