using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Payments;

/// <summary>What the gateway says about one order, once its signature has been checked.</summary>
public enum GatewayOutcome
{
    Paid,
    /// <summary>Declined, cancelled or failed: the order is over, nothing was taken.</summary>
    Failed,
    /// <summary>Not finished yet at the gateway.</summary>
    Pending,
    /// <summary>The gateway has no such transaction (the payer never reached its page).</summary>
    NotFound,
}

/// <summary>A gateway's answer about an order (a notice, a return, a query), already verified.</summary>
/// <param name="Amount">In đồng; null when the gateway did not say.</param>
public sealed record GatewayResult(string TxnRef, long? Amount, GatewayOutcome Outcome, string ResponseCode,
    string? TransactionNo, string? BankCode, DateTime? PaidAtUtc);

/// <summary>Where the payer is sent from, for the gateway's request.</summary>
public sealed record PaymentRequest(string ReturnUrl, string PayerIp, DateTime NowUtc);

/// <summary>An online payment gateway behind one protocol. VNPAY (the unit's own gateway, channel 2) is the first;
/// the national public-service portal's payment platform (channel 1) is another implementation of the same four calls.</summary>
public interface IPaymentProvider
{
    /// <summary>Stable name stored on each order ("vnpay").</summary>
    string Code { get; }

    /// <summary>Which DuocThanhToanTrucTuyen its payments count as.</summary>
    PaymentMethod Channel { get; }

    /// <summary>The integration that acts on the dossier when a payment completes, as its history shows it.</summary>
    Integration Integration { get; }

    /// <summary>Whether it is configured for this dossier's unit; false hides the button.</summary>
    bool IsAvailableFor(Guid unitId);

    /// <summary>The merchant account an order for this unit is created under.</summary>
    string MerchantCodeFor(Guid unitId);

    /// <summary>How long the gateway keeps an order open.</summary>
    TimeSpan OrderLifetime { get; }

    /// <summary>The address to send the payer's browser to.</summary>
    string PaymentUrl(PaymentOrder order, PaymentRequest request);

    /// <summary>Reads a notice or a return from the gateway; null when its signature is not the gateway's.</summary>
    GatewayResult? ReadCallback(IReadOnlyDictionary<string, string> parameters);

    /// <summary>Asks the gateway where the order stands (server to server); null when the answer cannot be trusted or
    /// the gateway cannot be reached.</summary>
    Task<GatewayResult?> QueryAsync(PaymentOrder order, string callerIp, DateTime nowUtc, CancellationToken ct);
}
