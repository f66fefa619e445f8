using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace MotCua.Web.Features.Signatures;

/// <summary>The detached CMS of a PAdES signature (ETSI EN 319 142-1, baseline B-B): SHA-256, the signed attributes
/// content-type, message-digest and signing-certificate-v2, no signing-time (PAdES puts the time in the signature
/// dictionary's /M). Built by <see cref="SignedCms"/>; the key may be remote, so the signature over the signed attributes
/// is made in two passes: the first learns the hash to sign, the key signs it (perhaps far away), the second places that
/// signature. The signed attributes hold nothing that changes between passes, so the hash is the same.</summary>
internal static class CmsWriter
{
    public const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    public static async Task<byte[]> WriteAsync(byte[] signedContent, ISigningKey key, CancellationToken ct)
    {
        using var publicKey = key.Certificate.GetRSAPublicKey()
            ?? throw new Infrastructure.DomainException("Chứng thư số không dùng khóa RSA; hệ thống chỉ ký được với khóa RSA.");
        using var probe = new PlacedSignatureRsa(publicKey, signature: null);
        try
        {
            Encode(signedContent, key, probe);
        }
        catch (CryptographicException) when (probe.SignedHash is not null)
        {
            // SignedCms checks the signature it was given against the certificate: the probe's zeros fail, after the
            // hash to sign was asked for, which is all this pass is for.
        }
        var hash = probe.SignedHash ?? throw new CryptographicException("The CMS writer did not ask for a signature.");
        var signature = await key.SignHashAsync(hash, ct);
        if (!publicKey.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            throw new Infrastructure.DomainException("Chữ ký nhận được không khớp với chứng thư số của người ký; chưa ký được văn bản.");
        using var placed = new PlacedSignatureRsa(publicKey, signature);
        return Encode(signedContent, key, placed);
    }

    private static byte[] Encode(byte[] content, ISigningKey key, RSA rsa)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, key.Certificate, rsa)
        {
            DigestAlgorithm = new Oid(Sha256Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        foreach (var c in key.Chain) signer.Certificates.Add(c);
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid(SigningCertificateV2Oid), SigningCertificateV2(key.Certificate)));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>RFC 5035: SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, one ESSCertIDv2 with the
    /// certificate's SHA-256 (the default algorithm, so not written) and its issuer and serial number.</summary>
    internal static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        using (w.PushSequence())
        {
            w.WriteOctetString(SHA256.HashData(certificate.RawData));
            using (w.PushSequence())
            {
                using (w.PushSequence())
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                    w.WriteEncodedValue(certificate.IssuerName.RawData);
                w.WriteInteger(certificate.SerialNumberBytes.Span);
            }
        }
        return w.Encode();
    }

    /// <summary>An RSA "key" that signs nothing itself: it records the hash it is asked to sign and answers with the
    /// signature made elsewhere (or zeros, on the first pass).</summary>
    private sealed class PlacedSignatureRsa : RSA
    {
        private readonly RSA _public;
        private readonly byte[]? _signature;

        public PlacedSignatureRsa(RSA publicKey, byte[]? signature)
        {
            _public = publicKey;
            _signature = signature;
            KeySizeValue = publicKey.KeySize;
            LegalKeySizesValue = publicKey.LegalKeySizes;
        }

        public byte[]? SignedHash { get; private set; }

        public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
        {
            SignedHash = [.. hash];
            return _signature ?? new byte[(KeySize + 7) / 8];
        }

        public override RSAParameters ExportParameters(bool includePrivateParameters) =>
            includePrivateParameters ? throw new CryptographicException("No private key here.") : _public.ExportParameters(false);

        public override void ImportParameters(RSAParameters parameters) => throw new NotSupportedException();
    }
}
