using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;

namespace MotCua.Web.Features.Payments.Vnpay;

/// <summary>A local stand-in for the VNPAY gateway, speaking the same protocol, for development, the demo and the
/// tests — never served in Production (<see cref="PaymentsModule.MapPayments"/>). It checks the payment URL's
/// signature, shows the payer a page to approve or decline, then sends the signed notice (IPN) to the app by a real
/// HTTP call and the payer's browser back to the return URL, and answers querydr. Its notices can be lost, late or
/// doubled, and every payment declined, by configuration (Payments:Sandbox).</summary>
public sealed class VnpaySandbox(IOptionsMonitor<PaymentOptions> options, IHttpClientFactory http, SelfAddress self, TimeProvider clock,
    ILogger<VnpaySandbox> logger)
{
    public const string Root = "/sandbox/vnpay";
    public const string PaymentPath = Root + "/paymentv2/vpcpay.html";
    public const string QueryPath = Root + "/merchant_webapi/api/transaction";
    public const string HttpClientName = "vnpay-sandbox";

    /// <summary>One transaction as the gateway keeps it: status "01" until the payer decides.</summary>
    private sealed class Transaction
    {
        public required Dictionary<string, string> Request { get; init; }
        public string Status { get; set; } = "01";
        public string ResponseCode { get; set; } = "";
        public string TransactionNo { get; set; } = "";
        public string PayDate { get; set; } = "";
        public string BankCode { get; set; } = "";
    }

    private readonly ConcurrentDictionary<string, Transaction> _transactions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _late = new();
    private readonly ConcurrentQueue<NoticeAnswer> _answers = new();

    /// <summary>What the app answered to a notice the sandbox sent (its RspCode), for the demo's and the tests' eyes.</summary>
    public sealed record NoticeAnswer(string TxnRef, string RspCode);

    public IReadOnlyCollection<NoticeAnswer> Answers => _answers;

    /// <summary>Sends now the notices the Late mode holds back, instead of waiting for <see cref="VnpaySandboxOptions.IpnDelay"/>.</summary>
    public async Task SendLateNoticesAsync()
    {
        while (_late.TryDequeue(out var notice)) await NotifyAsync(notice, CancellationToken.None);
    }

    /// <summary>The gateway's own books disagreeing with the unit's, for reconciliation in the demo and the tests: the
    /// gateway has no record of the transaction, or records another amount (in đồng).</summary>
    public void Amend(string txnRef, long? amount = null, bool forget = false)
    {
        if (forget)
        {
            _transactions.TryRemove(txnRef, out _);
            return;
        }
        if (amount is { } changed && _transactions.TryGetValue(txnRef, out var t))
            t.Request["vnp_Amount"] = VnpayProtocol.Amount(changed);
    }

    private VnpaySandboxOptions Options => options.CurrentValue.Sandbox;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Root).AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/paymentv2/vpcpay.html", (HttpContext context, VnpaySandbox sandbox) => sandbox.ShowPaymentPage(context));
        group.MapPost("/paymentv2/decide", async (HttpContext context, VnpaySandbox sandbox) => await sandbox.DecideAsync(context));
        group.MapPost("/merchant_webapi/api/transaction", async (HttpContext context, VnpaySandbox sandbox) => await sandbox.QueryAsync(context));
    }

    private IResult ShowPaymentPage(HttpContext context)
    {
        var parameters = ReceiveGatewayNotice.QueryOf(context.Request);
        var problem = Check(parameters);
        if (problem is not null) return Html(Page("Yêu cầu thanh toán không hợp lệ", $"<p class=\"problem\" role=\"alert\">{Encode(problem)}</p>"), 400);
        var txnRef = parameters["vnp_TxnRef"];
        _transactions.TryAdd(txnRef, new Transaction { Request = parameters });
        var amount = VnpayProtocol.ParseAmount(parameters["vnp_Amount"]) ?? 0;
        var body = string.Concat(
            "<p>Môi trường thử nghiệm: không có tiền thật được chuyển.</p><dl>",
            "<dt>Đơn vị chấp nhận thanh toán</dt><dd>", Encode(parameters["vnp_TmnCode"]), "</dd>",
            "<dt>Nội dung</dt><dd>", Encode(parameters.GetValueOrDefault("vnp_OrderInfo") ?? ""), "</dd>",
            "<dt>Số tiền</dt><dd id=\"amount\">", Encode(FeeCalculator.Money(amount)), "</dd>",
            "<dt>Mã giao dịch của đơn vị</dt><dd>", Encode(txnRef), "</dd></dl>",
            "<form method=\"post\" action=\"", Root, "/paymentv2/decide\">",
            "<input type=\"hidden\" name=\"txnRef\" value=\"", Encode(txnRef), "\">",
            "<button type=\"submit\" name=\"decision\" value=\"approve\">Xác nhận thanh toán</button> ",
            "<button type=\"submit\" name=\"decision\" value=\"cancel\">Hủy thanh toán</button></form>");
        return Html(Page("Cổng thanh toán VNPAY (thử nghiệm)", body), 200);
    }

    /// <summary>What the real gateway refuses before showing its page.</summary>
    private string? Check(Dictionary<string, string> p)
    {
        if (p.GetValueOrDefault("vnp_TmnCode") != Options.TmnCode) return "Mã website (vnp_TmnCode) không tồn tại.";
        if (!VnpayProtocol.Verify(Options.HashSecret, p)) return "Sai chữ ký (vnp_SecureHash).";
        foreach (var required in new[] { "vnp_Version", "vnp_Command", "vnp_Amount", "vnp_CurrCode", "vnp_TxnRef", "vnp_OrderInfo", "vnp_ReturnUrl", "vnp_IpAddr", "vnp_CreateDate", "vnp_ExpireDate" })
            if (string.IsNullOrEmpty(p.GetValueOrDefault(required))) return $"Thiếu tham số {required}.";
        if (p["vnp_Version"] != VnpayProtocol.Version || p["vnp_Command"] != "pay" || p["vnp_CurrCode"] != "VND") return "Phiên bản, lệnh hoặc loại tiền không hỗ trợ.";
        if (VnpayProtocol.ParseAmount(p["vnp_Amount"]) is not > 0) return "Số tiền không hợp lệ.";
        if (VnpayProtocol.ParseDate(p["vnp_ExpireDate"]) is not { } expires || expires < clock.GetUtcNow().UtcDateTime) return "Giao dịch đã quá thời gian chờ thanh toán.";
        if (!Uri.TryCreate(p["vnp_ReturnUrl"], UriKind.Absolute, out var back) || back.Scheme is not ("http" or "https")) return "Địa chỉ trả về không hợp lệ.";
        return _transactions.TryGetValue(p["vnp_TxnRef"], out var known) && known.Status != "01" ? "Giao dịch đã được xử lý." : null;
    }

    private async Task<IResult> DecideAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!_transactions.TryGetValue(form["txnRef"].ToString(), out var transaction) || transaction.Status != "01")
            return Html(Page("Không tìm thấy giao dịch", "<p class=\"problem\" role=\"alert\">Giao dịch không tồn tại hoặc đã được xử lý.</p>"), 404);
        var approve = form["decision"] == "approve" && !Options.DeclineAll;
        lock (transaction)
        {
            if (transaction.Status != "01") return Html(Page("Giao dịch đã được xử lý", ""), 409);
            transaction.Status = approve ? VnpayProtocol.Success : "02";
            transaction.ResponseCode = approve ? VnpayProtocol.Success : form["decision"] == "approve" ? "51" : VnpayProtocol.Cancelled;
            transaction.BankCode = "NCB";
            transaction.PayDate = VnpayProtocol.Date(clock.GetUtcNow().UtcDateTime);
            transaction.TransactionNo = approve ? RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture) : "0";
        }
        var result = Result(transaction);
        var query = VnpayProtocol.SignedText(result) + $"&{VnpayProtocol.SecureHash}={VnpayProtocol.Sign(Options.HashSecret, result)}";
        var notice = self.Resolve(ReceiveGatewayNotice.Path) + "?" + query;
        switch (Options.IpnMode)
        {
            case SandboxIpnMode.Normal:
                await NotifyAsync(notice, CancellationToken.None);
                break;
            case SandboxIpnMode.Twice:
                await Task.WhenAll(NotifyAsync(notice, CancellationToken.None), NotifyAsync(notice, CancellationToken.None));
                break;
            case SandboxIpnMode.Late:
                _late.Enqueue(notice);
                _ = Task.Run(async () =>
                {
                    await Task.Delay(Options.IpnDelay);
                    await SendLateNoticesAsync();
                });
                break;
            case SandboxIpnMode.Lost:
                logger.LogInformation("VNPAY sandbox: the notice for {TxnRef} is lost on purpose", transaction.Request["vnp_TxnRef"]);
                break;
        }
        return Results.Redirect(transaction.Request["vnp_ReturnUrl"] + (transaction.Request["vnp_ReturnUrl"].Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
    }

    private static Dictionary<string, string> Result(Transaction t) => new(StringComparer.Ordinal)
    {
        ["vnp_Amount"] = t.Request["vnp_Amount"],
        ["vnp_BankCode"] = t.BankCode,
        ["vnp_BankTranNo"] = t.Status == VnpayProtocol.Success ? "VNP" + t.TransactionNo : "",
        ["vnp_CardType"] = "ATM",
        ["vnp_OrderInfo"] = t.Request["vnp_OrderInfo"],
        ["vnp_PayDate"] = t.PayDate,
        ["vnp_ResponseCode"] = t.ResponseCode,
        ["vnp_TmnCode"] = t.Request["vnp_TmnCode"],
        ["vnp_TransactionNo"] = t.TransactionNo,
        ["vnp_TransactionStatus"] = t.Status,
        ["vnp_TxnRef"] = t.Request["vnp_TxnRef"],
    };

    private async Task NotifyAsync(string url, CancellationToken ct)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(url, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            logger.LogInformation("VNPAY sandbox: notice answered {Status} {Answer}", (int)response.StatusCode, answer);
            var txnRef = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Contains('?', StringComparison.Ordinal) ? url[url.IndexOf('?', StringComparison.Ordinal)..] : "").GetValueOrDefault("vnp_TxnRef").ToString();
            _answers.Enqueue(new NoticeAnswer(txnRef, RspCodeOf(answer)));
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("VNPAY sandbox: the notice could not be sent: {Error}", e.Message);
        }
    }

    private static string RspCodeOf(string answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            return json.RootElement.EnumerateObject().FirstOrDefault(p => p.Name.Equals("RspCode", StringComparison.OrdinalIgnoreCase)).Value
                is { ValueKind: JsonValueKind.String } code ? code.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private async Task<IResult> QueryAsync(HttpContext context)
    {
        Dictionary<string, JsonElement>? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<Dictionary<string, JsonElement>>(context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }
        var p = (body ?? []).ToDictionary(x => x.Key, x => x.Value.ValueKind == JsonValueKind.String ? x.Value.GetString() ?? "" : x.Value.GetRawText(), StringComparer.Ordinal);
        string F(string name) => p.GetValueOrDefault(name) ?? "";
        var answer = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_ResponseId"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["vnp_Command"] = "querydr",
            ["vnp_TmnCode"] = F("vnp_TmnCode"),
            ["vnp_TxnRef"] = F("vnp_TxnRef"),
        };
        var expected = VnpayProtocol.QueryRequestHash(Options.HashSecret, F("vnp_RequestId"), F("vnp_Command"), F("vnp_TmnCode"), F("vnp_TxnRef"),
            F("vnp_TransactionDate"), F("vnp_CreateDate"), F("vnp_IpAddr"), F("vnp_OrderInfo"));
        if (F("vnp_TmnCode") != Options.TmnCode || F("vnp_Version") != VnpayProtocol.Version || F("vnp_Command") != "querydr"
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(F(VnpayProtocol.SecureHash).ToLowerInvariant())))
            (answer["vnp_ResponseCode"], answer["vnp_Message"]) = ("97", "Invalid checksum");
        else if (!_transactions.TryGetValue(F("vnp_TxnRef"), out var t))
            (answer["vnp_ResponseCode"], answer["vnp_Message"]) = ("91", "Transaction not found");
        else
        {
            answer["vnp_ResponseCode"] = VnpayProtocol.Success;
            answer["vnp_Message"] = "QueryDR Success";
            answer["vnp_Amount"] = t.Request["vnp_Amount"];
            answer["vnp_BankCode"] = t.BankCode;
            answer["vnp_PayDate"] = t.PayDate;
            answer["vnp_TransactionNo"] = t.TransactionNo;
            answer["vnp_TransactionType"] = "01";
            answer["vnp_TransactionStatus"] = t.Status;
            answer["vnp_OrderInfo"] = t.Request["vnp_OrderInfo"];
        }
        answer[VnpayProtocol.SecureHash] = VnpayProtocol.QueryResponseHash(Options.HashSecret, answer);
        return Results.Json(answer);
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{Encode(title)}</title></head><body><main><h1>{Encode(title)}</h1>{body}</main></body></html>";

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
}
