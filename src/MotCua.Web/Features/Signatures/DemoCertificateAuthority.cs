using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>A certificate authority for demonstrations and tests, never in Production: its root is made on first use
/// (not checked in) and kept in the database with its key protected by Data Protection; it issues certificates to
/// officials, units and remote-signing users that have none, so the demo signs with no setup.</summary>
public sealed class DemoCertificateAuthority(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock,
    IHostEnvironment environment, IOptions<SigningOptions> options) : IDisposable
{
    public const string RootName = "CN=MotCua CA thử nghiệm (không có giá trị pháp lý), O=MotCua, C=VN";
    private const string RootOwner = "demo-ca";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private X509Certificate2? _root;

    public void Dispose() => _gate.Dispose();

    public bool Enabled => options.Value.DemoCertificateAuthority && !environment.IsProduction();

    internal IDataProtector Protector => protection.CreateProtector(SigningCredential.ProtectionPurpose);

    /// <summary>The demo root with its key; made and saved on first use.</summary>
    public async Task<X509Certificate2> RootAsync(CancellationToken ct)
    {
        if (!Enabled) throw new InvalidOperationException("The demo CA is not available in Production.");
        if (_root is not null) return _root;
        await _gate.WaitAsync(ct);
        try
        {
            if (_root is not null) return _root;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = await db.Set<SigningCredential>().AsNoTracking()
                .FirstOrDefaultAsync(c => c.Owner == RootOwner && c.Kind == SigningCredentialKind.DemoAuthority, ct);
            if (stored is not null)
            {
                try
                {
                    return _root = X509CertificateLoader.LoadPkcs12(Protector.Unprotect(stored.ProtectedKey), null, X509KeyStorageFlags.Exportable);
                }
                catch (CryptographicException)
                {
                    // The Data Protection keys were lost (a new machine): a demo CA is made again; what the old one signed shows as of unknown issuer.
                    db.Remove(stored);
                }
            }
            var now = clock.GetUtcNow();
            using var key = DemoKeys.Next();
            var request = new CertificateRequest(RootName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            // Valid from long ago, so that the demo can also show certificates that expired (a test signs with one).
            using var created = request.CreateSelfSigned(now.AddYears(-10), now.AddYears(20));
            var root = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
            db.Add(Credential(SigningCredentialKind.DemoAuthority, RootOwner, root, root.Export(X509ContentType.Pkcs12), null));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node made it first: use theirs.
                root.Dispose();
                return await ReloadAsync(ct);
            }
            return _root = root;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<X509Certificate2> ReloadAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Set<SigningCredential>().AsNoTracking().FirstAsync(c => c.Owner == RootOwner && c.Kind == SigningCredentialKind.DemoAuthority, ct);
        return _root = X509CertificateLoader.LoadPkcs12(Protector.Unprotect(stored.ProtectedKey), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>A certificate for <paramref name="commonName"/> signed by the demo root, with its key, valid from
    /// <paramref name="notBefore"/> to <paramref name="notAfter"/> (default: from yesterday for three years).</summary>
    public async Task<X509Certificate2> IssueAsync(string commonName, string? organisation, CancellationToken ct,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var root = await RootAsync(ct);
        var now = clock.GetUtcNow();
        using var key = DemoKeys.Next();
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        if (!string.IsNullOrWhiteSpace(organisation)) name.AddOrganizationName(organisation);
        name.AddCommonName(commonName);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = notBefore ?? now.AddDays(-1);
        var to = notAfter ?? now.AddYears(3);
        if (to > root.NotAfter) to = root.NotAfter;
        using var issued = request.Create(root, from, to, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>The key the demo CA keeps for <paramref name="owner"/>, issued (and saved) on first use.</summary>
    public async Task<LocalSigningKey> KeyForAsync(string owner, string commonName, string? organisation, CancellationToken ct)
    {
        var root = await RootAsync(ct);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Set<SigningCredential>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.Owner == owner && c.Kind == SigningCredentialKind.DemoIssued, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (stored is not null && stored.NotAfterUtc > now && IssuedBy(stored, root))
        {
            try
            {
                return Open(stored);
            }
            catch (CryptographicException)
            {
                // Keys lost with the Data Protection keys: issued again below.
            }
        }
        if (stored is not null) await db.Set<SigningCredential>().Where(c => c.Id == stored.Id).ExecuteDeleteAsync(ct);
        var certificate = await IssueAsync(commonName, organisation, ct);
        db.Add(Credential(SigningCredentialKind.DemoIssued, owner, certificate, certificate.Export(X509ContentType.Pkcs12), null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first signings at once: the other one's certificate is kept.
            certificate.Dispose();
            return await KeyForAsync(owner, commonName, organisation, ct);
        }
        return LocalSigningKey.FromCertificate(certificate, [X509CertificateLoader.LoadCertificate(root.RawData)]);
    }

    private static bool IssuedBy(SigningCredential stored, X509Certificate2 root) =>
        string.Equals(stored.Issuer, root.Subject, StringComparison.Ordinal);

    private LocalSigningKey Open(SigningCredential stored)
    {
        var key = LocalSigningKey.FromPkcs12(Protector.Unprotect(stored.ProtectedKey), null);
        return LocalSigningKey.FromCertificate(key.Certificate, [X509CertificateLoader.LoadCertificate(_root!.RawData)]);
    }

    internal SigningCredential Credential(SigningCredentialKind kind, string owner, X509Certificate2 certificate, byte[] pkcs12, string? password) =>
        new(kind, owner, certificate.RawData, certificate.Subject, certificate.Issuer, certificate.Thumbprint,
            certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), Protector.Protect(pkcs12),
            password is null ? null : Protector.Protect(System.Text.Encoding.UTF8.GetBytes(password)), clock.GetUtcNow().UtcDateTime);
}

/// <summary>RSA keys for the demo CA's certificates. Making a 2048-bit key takes a noticeable part of a second, and a
/// demo or a test run issues many certificates (each app instance its own root and officials): a few keys are made once
/// per process and handed out in turn. Sharing keys between demo certificates weakens nothing that has legal value —
/// the demo CA has none — and production keys never come from here.</summary>
internal static class DemoKeys
{
    private const int PoolSize = 6;
    private static readonly byte[]?[] Pool = new byte[PoolSize][];
    private static readonly Lock Gate = new();
    private static int _next;

    public static RSA Next()
    {
        byte[] pkcs8;
        lock (Gate)
        {
            var slot = _next++ % PoolSize;
            if (Pool[slot] is null)
            {
                using var made = RSA.Create(2048);
                Pool[slot] = made.ExportPkcs8PrivateKey();
            }
            pkcs8 = Pool[slot]!;
        }
        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }
}
