using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments.Vnpay;

/// <summary>The VNPAY payment gateway protocol, version 2.1.0, as its published merchant integration guide and sample
/// code define it: parameters sorted by name (ordinal), each name and value form-URL-encoded, joined with '&amp;', and
/// signed with HMAC-SHA512 under the merchant's secret (lower-case hex, <c>vnp_SecureHash</c>). The transaction query
/// (querydr) is JSON signed over its fields joined with '|'. Pure functions: no configuration, no clock, no I/O — the
/// gateway sandbox signs with the same code, so the two sides cannot drift apart silently; the tests check it against
/// the published examples (docs/adr/0030e).</summary>
public static class VnpayProtocol
{
    public const string Version = "2.1.0";
    public const string SecureHash = "vnp_SecureHash";
    public const string SecureHashType = "vnp_SecureHashType";

    /// <summary>Both the payment result and the transaction's status say "succeeded".</summary>
    public const string Success = "00";
    /// <summary>vnp_ResponseCode when the payer cancelled on the gateway's page.</summary>
    public const string Cancelled = "24";

    /// <summary>Why the gateway did not take the money, as the payer can act on it: the failure codes of vnp_ResponseCode
    /// that VNPAY publishes for the payment result, in Vietnamese; any other code is "an error at the gateway or the bank".</summary>
    public static string FailureReason(string? responseCode) => responseCode switch
    {
        "09" => "thẻ hoặc tài khoản chưa đăng ký dịch vụ Internet Banking tại ngân hàng",
        "10" => "xác thực thông tin thẻ hoặc tài khoản không đúng quá 3 lần",
        "11" => "đã hết thời gian chờ thanh toán",
        "12" => "thẻ hoặc tài khoản đang bị khóa",
        "13" => "mật khẩu xác thực giao dịch (OTP) không đúng",
        Cancelled => "người thanh toán đã hủy giao dịch",
        "51" => "tài khoản không đủ số dư để thực hiện giao dịch",
        "65" => "tài khoản đã vượt quá hạn mức giao dịch trong ngày",
        "75" => "ngân hàng thanh toán đang bảo trì",
        "79" => "nhập sai mật khẩu thanh toán quá số lần quy định",
        _ => "cổng thanh toán hoặc ngân hàng báo lỗi",
    };

    /// <summary>The text the signature is computed over: the non-empty vnp_ parameters but the hash itself, by name.</summary>
    public static string SignedText(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Where(p => p.Key.StartsWith("vnp_", StringComparison.Ordinal) && p.Key is not SecureHash and not SecureHashType && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => WebUtility.UrlEncode(p.Key) + "=" + WebUtility.UrlEncode(p.Value)));

    public static string Hmac(string secret, string text)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));
    }

    public static string Sign(string secret, IEnumerable<KeyValuePair<string, string>> parameters) => Hmac(secret, SignedText(parameters));

    /// <summary>The gateway address with the signed query, as the payer's browser is sent to it.</summary>
    public static string PaymentUrl(string gatewayUrl, string secret, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = SignedText(parameters);
        return $"{gatewayUrl}?{text}&{SecureHash}={Hmac(secret, text)}";
    }

    /// <summary>The query string the gateway sends back (return URL, IPN) is its own: true only when its signature is
    /// the one this secret makes over the other vnp_ parameters. Compared in constant time.</summary>
    public static bool Verify(string secret, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.TryGetValue(SecureHash, out var given) || string.IsNullOrEmpty(given)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, parameters));
        var actual = Encoding.ASCII.GetBytes(given.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The signature of a querydr request: its fields in the protocol's order, joined by '|'.</summary>
    public static string QueryRequestHash(string secret, string requestId, string command, string tmnCode, string txnRef,
        string transactionDate, string createDate, string ipAddr, string orderInfo) =>
        Hmac(secret, string.Join('|', requestId, Version, command, tmnCode, txnRef, transactionDate, createDate, ipAddr, orderInfo));

    /// <summary>The fields of a querydr answer its signature covers, in the protocol's order.</summary>
    public static readonly string[] QueryResponseFields =
    [
        "vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount",
        "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType", "vnp_TransactionStatus",
        "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount",
    ];

    public static string QueryResponseHash(string secret, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Hmac(secret, string.Join('|', QueryResponseFields.Select(f => fields.TryGetValue(f, out var v) ? v : "")));
    }

    public static bool VerifyQueryResponse(string secret, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!fields.TryGetValue(SecureHash, out var given) || string.IsNullOrEmpty(given)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(QueryResponseHash(secret, fields)), Encoding.ASCII.GetBytes(given.ToLowerInvariant()));
    }

    /// <summary>Dates travel as yyyyMMddHHmmss in Vietnam time (GMT+7).</summary>
    public static string Date(DateTime utc) => VietnamTime.ToLocal(utc).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static DateTime? ParseDate(string? text) =>
        DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? VietnamTime.ToUtc(local) : null;

    /// <summary>Amounts travel in đồng × 100 (no decimals).</summary>
    public static string Amount(long dong) => (dong * 100).ToString(CultureInfo.InvariantCulture);

    public static long? ParseAmount(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hundredths) && hundredths % 100 == 0 ? hundredths / 100 : null;

    /// <summary>The answers the merchant gives to an IPN, as the protocol lists them.</summary>
    public static class IpnAnswer
    {
        public static readonly IpnResponse Confirmed = new("00", "Confirm Success");
        public static readonly IpnResponse OrderNotFound = new("01", "Order not found");
        public static readonly IpnResponse AlreadyConfirmed = new("02", "Order already confirmed");
        public static readonly IpnResponse InvalidAmount = new("04", "invalid amount");
        public static readonly IpnResponse InvalidSignature = new("97", "Invalid signature");
        public static readonly IpnResponse UnknownError = new("99", "Unknow error");
    }
}

/// <summary>The merchant's answer to an IPN, as JSON: {"RspCode":"00","Message":"Confirm Success"}.</summary>
public sealed record IpnResponse(string RspCode, string Message);
