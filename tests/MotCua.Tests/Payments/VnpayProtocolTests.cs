using MotCua.Web.Features.Payments.Vnpay;

namespace MotCua.Tests.Payments;

/// <summary>The VNPAY 2.1.0 signing rules, against examples published with a known secret (the open-source
/// <c>vnpay</c> library's test vectors: secret "test_secret", an IPN of 10,000 đồng and its 99 variant), and round
/// trips of what the app builds.</summary>
public sealed class VnpayProtocolTests
{
    private static Dictionary<string, string> PublishedIpn() => new()
    {
        ["vnp_Amount"] = "1000000",
        ["vnp_BankCode"] = "NCB",
        ["vnp_BankTranNo"] = "VNP14422574",
        ["vnp_CardType"] = "ATM",
        ["vnp_OrderInfo"] = "Thanh toan don hang 2024-05-21T02:17:31.249Z",
        ["vnp_PayDate"] = "20240521091806",
        ["vnp_ResponseCode"] = "00",
        ["vnp_TmnCode"] = "TEST_TMN_CODE",
        ["vnp_TransactionNo"] = "14422574",
        ["vnp_TransactionStatus"] = "00",
        ["vnp_TxnRef"] = "1716257871703",
        ["vnp_SecureHash"] = "649982421beb422556a1374713c74e58e716ecbd05007c0c0e1f7effdfaf361dbf146889ca446139afe11b9954c4d5c486e99e3b86fcfab6957f29eb0be72895",
    };

    [Fact]
    public void PublishedNotice_IsVerified()
    {
        VnpayProtocol.Verify("test_secret", PublishedIpn()).ShouldBeTrue();
        VnpayProtocol.Sign("test_secret", PublishedIpn()).ShouldBe(PublishedIpn()["vnp_SecureHash"]);
    }

    [Fact]
    public void PublishedFailedNotice_IsVerified_WithItsOwnSignature()
    {
        var failed = PublishedIpn();
        failed["vnp_ResponseCode"] = "99";
        failed["vnp_SecureHash"] = "503194f6d93b57b357b2d1d09742565e67e86d771352c5dca4fc8d39df3d392c6b3809add9405f97cfb9631f445e36c80656cfbf47eac67d97fa165865c13e1b";

        VnpayProtocol.Verify("test_secret", failed).ShouldBeTrue();
    }

    [Theory]
    [InlineData("vnp_ResponseCode", "99")]
    [InlineData("vnp_Amount", "100000000")]
    [InlineData("vnp_TxnRef", "1716257871704")]
    public void ANoticeChangedAfterSigning_IsNotVerified(string field, string value)
    {
        var forged = PublishedIpn();
        forged[field] = value;

        VnpayProtocol.Verify("test_secret", forged).ShouldBeFalse();
    }

    [Fact]
    public void TheRightNotice_UnderAnotherSecret_OrWithoutSignature_IsNotVerified()
    {
        VnpayProtocol.Verify("another_secret", PublishedIpn()).ShouldBeFalse();
        var unsigned = PublishedIpn();
        unsigned.Remove("vnp_SecureHash");
        VnpayProtocol.Verify("test_secret", unsigned).ShouldBeFalse();
    }

    [Fact]
    public void PaymentUrl_SortsAndEncodesAsTheProtocolDoes_AndItsQueryVerifies()
    {
        var parameters = new Dictionary<string, string>
        {
            ["vnp_Version"] = "2.1.0", ["vnp_Command"] = "pay", ["vnp_TmnCode"] = "TEST_TMN_CODE", ["vnp_Amount"] = VnpayProtocol.Amount(1000),
            ["vnp_CurrCode"] = "VND", ["vnp_TxnRef"] = "ref1234567", ["vnp_OrderInfo"] = "Test order", ["vnp_OrderType"] = "other",
            ["vnp_Locale"] = "vn", ["vnp_ReturnUrl"] = "https://example.com/return", ["vnp_IpAddr"] = "127.0.0.1",
            ["vnp_CreateDate"] = "20210101070000", ["vnp_BankCode"] = "",
        };

        var url = VnpayProtocol.PaymentUrl("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", "test_secret", parameters);

        url.ShouldStartWith("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?vnp_Amount=100000&vnp_Command=pay&vnp_CreateDate=20210101070000&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Test+order&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fexample.com%2Freturn&vnp_TmnCode=TEST_TMN_CODE&vnp_TxnRef=ref1234567&vnp_Version=2.1.0&vnp_SecureHash=");
        url.ShouldNotContain("vnp_BankCode"); // empty values are neither sent nor signed
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(url).Query).ToDictionary(q => q.Key, q => q.Value.ToString());
        VnpayProtocol.Verify("test_secret", query).ShouldBeTrue();
        query["vnp_SecureHash"].Length.ShouldBe(128);
    }

    [Fact]
    public void QueryResponse_IsSignedOverItsFieldsJoinedByPipes_AndAChangeBreaksIt()
    {
        var answer = new Dictionary<string, string>
        {
            ["vnp_ResponseId"] = "4f1c", ["vnp_Command"] = "querydr", ["vnp_ResponseCode"] = "00", ["vnp_Message"] = "QueryDR Success",
            ["vnp_TmnCode"] = "TEST_TMN_CODE", ["vnp_TxnRef"] = "ref1", ["vnp_Amount"] = "1000000", ["vnp_BankCode"] = "NCB",
            ["vnp_PayDate"] = "20240521091806", ["vnp_TransactionNo"] = "14422574", ["vnp_TransactionType"] = "01",
            ["vnp_TransactionStatus"] = "00", ["vnp_OrderInfo"] = "Thanh toan", ["vnp_PromotionCode"] = "", ["vnp_PromotionAmount"] = "",
        };
        var text = "4f1c|querydr|00|QueryDR Success|TEST_TMN_CODE|ref1|1000000|NCB|20240521091806|14422574|01|00|Thanh toan||";
        answer["vnp_SecureHash"] = VnpayProtocol.Hmac("test_secret", text);

        VnpayProtocol.VerifyQueryResponse("test_secret", answer).ShouldBeTrue();
        answer["vnp_TransactionStatus"] = "02";
        VnpayProtocol.VerifyQueryResponse("test_secret", answer).ShouldBeFalse();
    }

    [Fact]
    public void QueryRequest_IsSignedOverItsFieldsInTheProtocolsOrder()
    {
        var hash = VnpayProtocol.QueryRequestHash("test_secret", "r1", "querydr", "TMN", "ref1", "20240521091806", "20240521100000", "1.1.1.1", "Truy van");

        hash.ShouldBe(VnpayProtocol.Hmac("test_secret", "r1|2.1.0|querydr|TMN|ref1|20240521091806|20240521100000|1.1.1.1|Truy van"));
    }

    [Fact]
    public void DatesAreVietnamTime_AndAmountsAreHundredths()
    {
        VnpayProtocol.Date(new DateTime(2026, 11, 17, 2, 0, 0, DateTimeKind.Utc)).ShouldBe("20261117090000");
        VnpayProtocol.ParseDate("20261117090000").ShouldBe(new DateTime(2026, 11, 17, 2, 0, 0, DateTimeKind.Utc));
        VnpayProtocol.Amount(20_000).ShouldBe("2000000");
        VnpayProtocol.ParseAmount("2000000").ShouldBe(20_000);
        VnpayProtocol.ParseAmount("2000050").ShouldBeNull(); // no fractions of a đồng
        VnpayProtocol.ParseAmount("-100").ShouldBeNull();
    }
}
