using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MotCua.Web.Features.Signatures;

/// <summary>A signer's key, wherever it is kept: a PKCS#12 store opened with its password in this process, or a remote
/// signing service that holds the key and signs a hash sent to it. Only RSA with PKCS#1 v1.5 over SHA-256, the
/// algorithm of the certificates Vietnamese CAs issue for officials and organisations.</summary>
public interface ISigningKey
{
    /// <summary>The signer's certificate (public part).</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>The certificates between the signer's and its root (the root may be included), embedded in the signature
    /// so that a verifier can build the chain.</summary>
    IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>Signs a SHA-256 hash (32 bytes) with RSA PKCS#1 v1.5; the hash is of the CMS signed attributes.</summary>
    Task<byte[]> SignHashAsync(byte[] sha256, CancellationToken ct);
}

/// <summary>A key held in this process: a PKCS#12 file opened with its password (an official's own store, a unit's seal,
/// the demo CA's certificates). Dispose it when the signing is done, so the private key does not linger.</summary>
public sealed class LocalSigningKey : ISigningKey, IDisposable
{
    private readonly RSA _key;

    private LocalSigningKey(X509Certificate2 certificate, RSA key, IReadOnlyList<X509Certificate2> chain)
    {
        Certificate = certificate;
        _key = key;
        Chain = chain;
    }

    public X509Certificate2 Certificate { get; }
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>Opens a PKCS#12 (.p12/.pfx) file. A wrong password, a file that is not PKCS#12, a store without an RSA
    /// key: a <see cref="Infrastructure.DomainException"/> in Vietnamese.</summary>
    public static LocalSigningKey FromPkcs12(byte[] pkcs12, string? password)
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12Collection(pkcs12, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new Infrastructure.DomainException("Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12 (.p12/.pfx).");
        }
        var withKey = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new Infrastructure.DomainException("Tệp chứng thư số không có khóa bí mật để ký.");
        var rsa = withKey.GetRSAPrivateKey()
            ?? throw new Infrastructure.DomainException("Chứng thư số không dùng khóa RSA; hệ thống chỉ ký được với khóa RSA.");
        var chain = all.Where(c => c != withKey).ToList();
        return new LocalSigningKey(withKey, rsa, chain);
    }

    public static LocalSigningKey FromCertificate(X509Certificate2 certificateWithKey, IReadOnlyList<X509Certificate2> chain) =>
        new(certificateWithKey, certificateWithKey.GetRSAPrivateKey() ?? throw new ArgumentException("An RSA private key is needed.", nameof(certificateWithKey)), chain);

    public Task<byte[]> SignHashAsync(byte[] sha256, CancellationToken ct) =>
        Task.FromResult(_key.SignHash(sha256, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public void Dispose() => _key.Dispose();
}
