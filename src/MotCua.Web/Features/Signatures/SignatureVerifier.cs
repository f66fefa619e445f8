using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace MotCua.Web.Features.Signatures;

/// <summary>What a signature in a PDF is worth. Stored by name.</summary>
public enum SignatureStatus
{
    /// <summary>The file has no signature.</summary>
    NotSigned,
    Valid,
    /// <summary>The bytes signed are not the bytes in the file (changed after signing), or the signature is broken.</summary>
    Invalid,
    /// <summary>The signature is intact but its certificate does not chain to a trusted root.</summary>
    UnknownIssuer,
    /// <summary>The certificate (or one above it) was not valid at the signing time.</summary>
    Expired,
}

public static class SignatureStatusText
{
    public static string Label(this SignatureStatus status) => status switch
    {
        SignatureStatus.Valid => "Chữ ký hợp lệ",
        SignatureStatus.Invalid => "Tệp đã bị sửa sau khi ký",
        SignatureStatus.UnknownIssuer => "Không rõ tổ chức cấp chứng thư",
        SignatureStatus.Expired => "Chứng thư số hết hạn",
        _ => "Chưa ký số",
    };
}

/// <summary>One signature found in a PDF and what it is worth.</summary>
public sealed record VerifiedSignature(SignatureStatus Status, string? SignerName, string? Issuer, DateTimeOffset? SignedAt, string? Detail)
{
    public string Label => Status.Label();
}

/// <summary>The signatures of a file; <see cref="Status"/> is the worst of them (or NotSigned), <see cref="Last"/> the
/// newest, whose signer the pages show.</summary>
public sealed record VerificationResult(IReadOnlyList<VerifiedSignature> Signatures)
{
    public SignatureStatus Status => Signatures.Count == 0 ? SignatureStatus.NotSigned : Signatures.Max(s => s.Status);
    public VerifiedSignature? Last => Signatures.Count == 0 ? null : Signatures[^1];
}

/// <summary>Checks every signature of a PDF (docs/adr/0033a): each /ByteRange must start the file, leave out exactly its
/// /Contents and end at the end of the file or of an earlier revision that a later valid signature extends; the CMS must
/// verify over those bytes (message digest and signature); the signer's certificate must chain to a trusted root
/// (<see cref="TrustedRoots"/>) and every certificate of the chain be valid at the signing time (/M, as the signer's
/// software states it: there is no time-stamp yet). Revocation is not checked.</summary>
public sealed partial class SignatureVerifier(TrustedRoots roots, TimeProvider clock)
{
    public async Task<VerificationResult> VerifyAsync(byte[] pdf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var found = new List<(long[] Range, int At)>();
        foreach (Match m in ByteRangePattern().Matches(Encoding.Latin1.GetString(pdf)))
        {
            var range = new[] { m.Groups[1], m.Groups[2], m.Groups[3], m.Groups[4] }
                .Select(g => long.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
            found.Add((range, m.Index));
        }
        var results = new List<VerifiedSignature>();
        var trusted = found.Count == 0 ? [] : await roots.CurrentAsync(ct);
        for (var i = 0; i < found.Count; i++)
        {
            var (range, at) = found[i];
            var coversAll = range[2] + range[3] == pdf.Length;
            // An earlier revision's signature stays good when a later signature covers the whole file.
            var laterCoversAll = found.Skip(i + 1).Any(f => f.Range[2] + f.Range[3] == pdf.Length);
            results.Add(VerifyOne(pdf, trusted, clock.GetUtcNow(), range, at, coversAll || (laterCoversAll && EndsRevision(pdf, range[2] + range[3]))));
        }
        return new VerificationResult(results);
    }

    private static VerifiedSignature VerifyOne(byte[] pdf, X509Certificate2Collection trusted, DateTimeOffset now, long[] range, int at, bool extentOk)
    {
        var signedAt = SigningTime(pdf, at);
        if (range[0] != 0 || range[1] <= 0 || range[2] <= range[1] || range[3] < 0 || range[2] + range[3] > pdf.Length
            || pdf[range[1]] != '<' || pdf[range[2] - 1] != '>')
            return new(SignatureStatus.Invalid, null, null, signedAt, "Vùng ký (ByteRange) không hợp lệ.");
        byte[] cmsBytes;
        try
        {
            var hex = Encoding.ASCII.GetString(pdf, (int)range[1] + 1, (int)(range[2] - range[1] - 2));
            var all = Convert.FromHexString(hex);
            AsnDecoder.ReadEncodedValue(all, AsnEncodingRules.BER, out _, out _, out var length);
            cmsBytes = all[..length];
        }
        catch (Exception e) when (e is FormatException or AsnContentException)
        {
            return new(SignatureStatus.Invalid, null, null, signedAt, "Nội dung chữ ký không đọc được.");
        }
        var content = new byte[range[1] + range[3]];
        pdf.AsSpan(0, (int)range[1]).CopyTo(content);
        pdf.AsSpan((int)range[2], (int)range[3]).CopyTo(content.AsSpan((int)range[1]));
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        X509Certificate2? signer;
        try
        {
            cms.Decode(cmsBytes);
            signer = cms.SignerInfos.Count == 1 ? cms.SignerInfos[0].Certificate : null;
        }
        catch (CryptographicException)
        {
            return new(SignatureStatus.Invalid, null, null, signedAt, "Nội dung chữ ký không đọc được.");
        }
        if (signer is null) return new(SignatureStatus.Invalid, null, null, signedAt, "Chữ ký không kèm chứng thư của người ký.");
        var name = signer.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var issuer = signer.GetNameInfo(X509NameType.SimpleName, forIssuer: true);
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            return new(SignatureStatus.Invalid, name, issuer, signedAt, "Nội dung tệp không khớp với chữ ký.");
        }
        if (!extentOk) return new(SignatureStatus.Invalid, name, issuer, signedAt, "Tệp có nội dung được thêm sau khi ký.");
        var when = signedAt ?? now;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = when.UtcDateTime;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.ExtraStore.AddRange(cms.Certificates);
        if (chain.Build(signer)) return new(SignatureStatus.Valid, name, issuer, signedAt, null);
        var problems = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (a, s) => a | s.Status);
        if ((problems & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
            return new(SignatureStatus.UnknownIssuer, name, issuer, signedAt, "Chứng thư không do tổ chức được tin cậy cấp.");
        if ((problems & X509ChainStatusFlags.NotTimeValid) != 0)
            return new(SignatureStatus.Expired, name, issuer, signedAt, "Chứng thư số không còn hiệu lực vào lúc ký.");
        return new(SignatureStatus.UnknownIssuer, name, issuer, signedAt, "Không xác minh được chuỗi chứng thư.");
    }

    /// <summary>The signers' certificates of every signature that can be read, whatever their validity.</summary>
    internal static IReadOnlyList<X509Certificate2> SignerCertificates(byte[] pdf)
    {
        var certificates = new List<X509Certificate2>();
        foreach (Match m in ByteRangePattern().Matches(Encoding.Latin1.GetString(pdf)))
        {
            var from = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var to = long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            if (from <= 0 || to <= from + 2 || to > pdf.Length) continue;
            try
            {
                var all = Convert.FromHexString(Encoding.ASCII.GetString(pdf, (int)from + 1, (int)(to - from - 2)));
                AsnDecoder.ReadEncodedValue(all, AsnEncodingRules.BER, out _, out _, out var length);
                var cms = new SignedCms();
                cms.Decode(all.AsSpan(0, length));
                if (cms.SignerInfos.Count > 0 && cms.SignerInfos[0].Certificate is { } c) certificates.Add(c);
            }
            catch (Exception e) when (e is FormatException or AsnContentException or CryptographicException)
            {
                // Not a readable signature: it signed nothing anyone could claim.
            }
        }
        return certificates;
    }

    /// <summary>A revision ends with %%EOF and at most an end of line.</summary>
    private static bool EndsRevision(byte[] pdf, long end) =>
        end <= pdf.Length && end >= 5 && Encoding.ASCII.GetString(pdf, (int)Math.Max(0, end - 8), (int)Math.Min(8, end)).TrimEnd('\r', '\n').EndsWith("%%EOF", StringComparison.Ordinal);

    /// <summary>The /M of the signature dictionary around the /ByteRange at <paramref name="at"/>.</summary>
    private static DateTimeOffset? SigningTime(byte[] pdf, int at)
    {
        var start = Math.Max(0, at - 40_000);
        var end = Math.Min(pdf.Length, at + 40_000);
        var window = Encoding.Latin1.GetString(pdf, start, end - start);
        var objStart = window.LastIndexOf(" obj", at - start, StringComparison.Ordinal);
        var objEnd = window.IndexOf("endobj", at - start, StringComparison.Ordinal);
        if (objStart < 0 || objEnd < 0) return null;
        var m = SigningTimePattern().Match(window[objStart..objEnd]);
        if (!m.Success) return null;
        var local = DateTime.ParseExact(m.Groups[1].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var offset = m.Groups[2].Value is "" or "Z" ? TimeSpan.Zero
            : TimeSpan.FromHours(int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)) + TimeSpan.FromMinutes(m.Groups[4].Success && m.Groups[4].Value.Length > 0 ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : 0);
        if (m.Groups[2].Value == "-") offset = -offset;
        return new DateTimeOffset(local, offset);
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRangePattern();

    [GeneratedRegex(@"/M\s*\(D:(\d{14})(Z|[+-])?(\d{2})?'?(\d{2})?'?\)")]
    private static partial Regex SigningTimePattern();
}
