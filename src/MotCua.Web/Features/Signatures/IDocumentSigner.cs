namespace MotCua.Web.Features.Signatures;

/// <summary>Signs PDFs for the people and units of this system (docs/adr/0033a). The key is found behind it: the
/// official's own PKCS#12 store (the password is then required), else the remote-signing service when one is configured,
/// else — outside Production — a certificate of the demo CA. A unit's seal (<see cref="SigningRequest.SealOfUnitId"/>) is
/// the unit's organisation certificate, likewise.</summary>
public interface IDocumentSigner
{
    /// <summary>Signs <paramref name="pdf"/> (PAdES, visible block on the last page). Refuses (DomainException, 422) a file
    /// that is not a PDF, one the same signer already signed, an expired certificate, a wrong password.</summary>
    Task<SignedPdf> SignAsync(byte[] pdf, SigningRequest request, CancellationToken ct);

    /// <summary>Refuses (DomainException, 422) what <see cref="SignAsync"/> would refuse for the key itself — no key, a
    /// missing or wrong password, a certificate expired or not yet valid — without signing anything, so that a use case
    /// whose signature comes last can refuse before it saves anything.</summary>
    Task CheckAsync(SigningRequest request, CancellationToken ct);
}

/// <summary>Who signs and why. <paramref name="SignerName"/>, <paramref name="Title"/> and <paramref name="UnitName"/>
/// are printed in the visible block; <paramref name="Password"/> opens the official's own PKCS#12 store (never stored).
/// With <paramref name="SealOfUnitId"/>, the unit's organisation certificate signs (the issuance stamp) and the block names
/// the unit, with the official who applied it.</summary>
public sealed record SigningRequest(Guid OfficialId, string SignerName, string? Title, string? UnitName, string Reason,
    string? Password = null, Guid? SealOfUnitId = null);

/// <summary>The signed file and what its new signature says.</summary>
public sealed record SignedPdf(byte[] Pdf, string SignerName, string Issuer, DateTimeOffset SignedAt, string CertificateThumbprint, string KeySource);
