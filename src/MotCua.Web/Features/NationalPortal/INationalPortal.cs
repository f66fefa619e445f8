using MotCua.Web.Features.Exchange;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>The national portal's answer to one sync record: acknowledged (now or already, for a key it has seen), or
/// rejected with the national side's reasons. A portal that cannot be reached or fails (5xx, timeout) throws
/// <see cref="HttpRequestException"/> or <see cref="TaskCanceledException"/>: that is a retry, not an answer.</summary>
public sealed record SyncAnswer(bool Accepted, bool Duplicate, IReadOnlyList<string> Errors, string? ReceiptId);

/// <summary>The national public-service portal's exchange (Circular 04/2025/TT-VPCP), as this system uses it.</summary>
public interface INationalPortal
{
    /// <summary>Sends one record. <paramref name="idempotencyKey"/> names this record of this dossier: sent again (a retry
    /// after a lost answer) the portal keeps it once and acknowledges again.</summary>
    Task<SyncAnswer> SendAsync(SyncRecord record, string idempotencyKey, CancellationToken ct);
}
