using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Features.Payments.Vnpay;

namespace MotCua.Web.Features.Payments;

/// <summary>The gateway's server-to-server notice (IPN): the one message that credits a payment without asking back.
/// Answered in the protocol's JSON, always with HTTP 200 (the gateway reads the RspCode and retries on 99): a bad
/// signature 97, an unknown order 01, a wrong amount 04, an order already settled 02 — none of them changes anything.</summary>
public static class ReceiveGatewayNotice
{
    public const string Path = "/api/payments/vnpay/ipn";

    public sealed class Handler(SettlePayment settle, ILogger<Handler> logger)
    {
        public async Task<IpnResponse> HandleAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
        {
            var result = settle.Provider(VnpayProvider.ProviderCode).ReadCallback(parameters);
            if (result is null)
            {
                logger.LogWarning("VNPAY notice refused: invalid signature (order {TxnRef})", parameters.GetValueOrDefault("vnp_TxnRef"));
                return VnpayProtocol.IpnAnswer.InvalidSignature;
            }
            try
            {
                var outcome = await settle.ApplyAsync(result, ct);
                logger.LogInformation("VNPAY notice for order {TxnRef}: {Outcome}", result.TxnRef, outcome);
                return SettlePayment.IpnAnswer(outcome);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // 99 makes the gateway send the notice again later; the query job settles it meanwhile.
                logger.LogError(e, "VNPAY notice for order {TxnRef} could not be applied", result.TxnRef);
                return VnpayProtocol.IpnAnswer.UnknownError;
            }
        }
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, async Task<Ok<IpnResponse>> (HttpContext http, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(QueryOf(http.Request), ct)))
            .AllowAnonymous()
            .WithTags("Payments")
            .WithSummary("Thông báo kết quả thanh toán (IPN) từ cổng thanh toán VNPAY, xác thực bằng chữ ký HMAC-SHA512.");

    /// <summary>The query string as the protocol reads it: one value per name.</summary>
    public static Dictionary<string, string> QueryOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Query.Where(q => q.Key.Length <= 64).Take(64).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
    }
}
