using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Payments.Vnpay;

/// <summary>The unit's own gateway (channel 2) over the VNPAY protocol. Outside Production, when no merchant account
/// is configured, it talks to the local sandbox (<see cref="VnpaySandbox"/>) with the sandbox's account.</summary>
public sealed class VnpayProvider(IOptionsMonitor<PaymentOptions> options, IHostEnvironment environment, SelfAddress self,
    IHttpClientFactory http, ILogger<VnpayProvider> logger) : IPaymentProvider
{
    public const string ProviderCode = "vnpay";
    public const string HttpClientName = "vnpay";

    public static readonly Integration Gateway = new(ProviderCode, "Cổng thanh toán VNPAY");

    public string Code => ProviderCode;
    public PaymentMethod Channel => PaymentMethod.LocalGateway;
    public Integration Integration => Gateway;

    private PaymentOptions Options => options.CurrentValue;

    /// <summary>The sandbox stands in only where it is served: never in Production.</summary>
    public bool UsesSandbox => !Options.Vnpay.IsConfigured && Options.Sandbox.Enabled && !environment.IsProduction();

    private VnpayMerchant Merchant(Guid unitId) =>
        UsesSandbox ? new VnpayMerchant { TmnCode = Options.Sandbox.TmnCode, HashSecret = Options.Sandbox.HashSecret }
        : Options.Vnpay.Units.TryGetValue(unitId.ToString(), out var own) && own.TmnCode.Length > 0 ? own
        : Options.Vnpay;

    private string? SecretOf(string? tmnCode)
    {
        if (string.IsNullOrEmpty(tmnCode)) return null;
        if (UsesSandbox) return tmnCode == Options.Sandbox.TmnCode ? Options.Sandbox.HashSecret : null;
        if (tmnCode == Options.Vnpay.TmnCode) return Options.Vnpay.HashSecret;
        return Options.Vnpay.Units.Values.FirstOrDefault(m => m.TmnCode == tmnCode)?.HashSecret;
    }

    public bool IsAvailableFor(Guid unitId) => UsesSandbox || Options.Vnpay.IsConfigured;

    public string MerchantCodeFor(Guid unitId) => Merchant(unitId).TmnCode;

    public TimeSpan OrderLifetime => Options.Vnpay.OrderLifetime;

    private string GatewayPaymentUrl => UsesSandbox ? VnpaySandbox.PaymentPath : Options.Vnpay.PaymentUrl;
    private string GatewayQueryUrl => UsesSandbox ? self.Resolve(VnpaySandbox.QueryPath) : Options.Vnpay.QueryUrl;

    public string PaymentUrl(PaymentOrder order, PaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(request);
        var secret = SecretOf(order.MerchantCode) ?? throw new InvalidOperationException("The order's merchant account is not configured.");
        var parameters = new Dictionary<string, string>
        {
            ["vnp_Version"] = VnpayProtocol.Version,
            ["vnp_Command"] = "pay",
            ["vnp_TmnCode"] = order.MerchantCode!,
            ["vnp_Amount"] = VnpayProtocol.Amount(order.Amount),
            ["vnp_CurrCode"] = "VND",
            ["vnp_TxnRef"] = order.TxnRef,
            ["vnp_OrderInfo"] = order.OrderInfo,
            ["vnp_OrderType"] = Options.Vnpay.OrderType,
            ["vnp_Locale"] = "vn",
            ["vnp_ReturnUrl"] = request.ReturnUrl,
            ["vnp_IpAddr"] = request.PayerIp,
            ["vnp_CreateDate"] = VnpayProtocol.Date(order.CreatedAtUtc),
            ["vnp_ExpireDate"] = VnpayProtocol.Date(order.ExpiresAtUtc ?? request.NowUtc + OrderLifetime),
        };
        return VnpayProtocol.PaymentUrl(GatewayPaymentUrl, secret, parameters);
    }

    public GatewayResult? ReadCallback(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var secret = SecretOf(parameters.GetValueOrDefault("vnp_TmnCode"));
        if (secret is null || !VnpayProtocol.Verify(secret, parameters)) return null;
        var response = parameters.GetValueOrDefault("vnp_ResponseCode") ?? "";
        var status = parameters.GetValueOrDefault("vnp_TransactionStatus") ?? "";
        return new GatewayResult(
            parameters.GetValueOrDefault("vnp_TxnRef") ?? "",
            VnpayProtocol.ParseAmount(parameters.GetValueOrDefault("vnp_Amount")),
            response == VnpayProtocol.Success && status == VnpayProtocol.Success ? GatewayOutcome.Paid : GatewayOutcome.Failed,
            response.Length > 0 ? response : status,
            NonEmpty(parameters.GetValueOrDefault("vnp_TransactionNo")),
            NonEmpty(parameters.GetValueOrDefault("vnp_BankCode")),
            VnpayProtocol.ParseDate(parameters.GetValueOrDefault("vnp_PayDate")));
    }

    public async Task<GatewayResult?> QueryAsync(PaymentOrder order, string callerIp, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        var secret = SecretOf(order.MerchantCode);
        if (secret is null) return null;
        var requestId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var transactionDate = VnpayProtocol.Date(order.CreatedAtUtc);
        var createDate = VnpayProtocol.Date(nowUtc);
        var orderInfo = $"Truy van giao dich {order.TxnRef}";
        var body = new Dictionary<string, string>
        {
            ["vnp_RequestId"] = requestId,
            ["vnp_Version"] = VnpayProtocol.Version,
            ["vnp_Command"] = "querydr",
            ["vnp_TmnCode"] = order.MerchantCode!,
            ["vnp_TxnRef"] = order.TxnRef,
            ["vnp_OrderInfo"] = orderInfo,
            ["vnp_TransactionDate"] = transactionDate,
            ["vnp_CreateDate"] = createDate,
            ["vnp_IpAddr"] = callerIp,
            [VnpayProtocol.SecureHash] = VnpayProtocol.QueryRequestHash(secret, requestId, "querydr", order.MerchantCode!, order.TxnRef,
                transactionDate, createDate, callerIp, orderInfo),
        };
        Dictionary<string, string> answer;
        try
        {
            using var client = http.CreateClient(HttpClientName);
            client.Timeout = Options.Vnpay.Timeout;
            using var response = await client.PostAsJsonAsync(GatewayQueryUrl, body, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("VNPAY querydr for order {TxnRef} answered HTTP {Status}", order.TxnRef, (int)response.StatusCode);
                return null;
            }
            answer = Flatten(await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>(ct) ?? []);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("VNPAY querydr for order {TxnRef} failed: {Error}", order.TxnRef, e.Message);
            return null;
        }
        if (!VnpayProtocol.VerifyQueryResponse(secret, answer) || answer.GetValueOrDefault("vnp_TxnRef") is { Length: > 0 } other && other != order.TxnRef)
        {
            logger.LogWarning("VNPAY querydr for order {TxnRef}: the answer's signature or reference is wrong; ignored", order.TxnRef);
            return null;
        }
        var code = answer.GetValueOrDefault("vnp_ResponseCode") ?? "";
        if (code == "91") return new GatewayResult(order.TxnRef, null, GatewayOutcome.NotFound, code, null, null, null);
        if (code != VnpayProtocol.Success) return null; // the query itself failed: ask again later
        var status = answer.GetValueOrDefault("vnp_TransactionStatus") ?? "";
        var outcome = status switch
        {
            VnpayProtocol.Success => GatewayOutcome.Paid,
            "01" => GatewayOutcome.Pending,
            _ => GatewayOutcome.Failed,
        };
        return new GatewayResult(order.TxnRef, VnpayProtocol.ParseAmount(answer.GetValueOrDefault("vnp_Amount")), outcome, status,
            NonEmpty(answer.GetValueOrDefault("vnp_TransactionNo")), NonEmpty(answer.GetValueOrDefault("vnp_BankCode")),
            VnpayProtocol.ParseDate(answer.GetValueOrDefault("vnp_PayDate")));
    }

    /// <summary>The merchant API sends numbers as numbers or strings: both are read as their text.</summary>
    private static Dictionary<string, string> Flatten(Dictionary<string, JsonElement> json) =>
        json.ToDictionary(p => p.Key, p => p.Value.ValueKind switch
        {
            JsonValueKind.String => p.Value.GetString() ?? "",
            JsonValueKind.Number => p.Value.GetRawText(),
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => p.Value.GetRawText(),
        });

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
