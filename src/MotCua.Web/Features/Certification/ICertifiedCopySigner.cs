namespace MotCua.Web.Features.Certification;

/// <summary>Signs the certified copy (PAdES) in the name of the certifying official. The certification is given whether
/// or not a signer is configured: without one the copy is stamped and filed but not signed, the book says so, and it is
/// not counted as an electronic certified copy (docs/adr/0033e).</summary>
public interface ICertifiedCopySigner
{
    /// <returns>The signed PDF.</returns>
    Task<byte[]> SignAsync(byte[] pdf, CopySignature signature, CancellationToken ct);
}

/// <summary>Who signs, and what the signature says.</summary>
public sealed record CopySignature(Guid OfficialId, string OfficialName, string Reason, string Location);
