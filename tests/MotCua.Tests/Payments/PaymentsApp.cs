using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Vnpay;

namespace MotCua.Tests.Payments;

/// <summary>The app with its gateway sandbox, whose server-to-server calls (the sandbox's notices to the app, the
/// app's queries to the sandbox) go over HTTP to the test server itself.</summary>
public class PaymentsApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddHttpClient(VnpayProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            services.AddHttpClient(VnpaySandbox.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
        });
    }

    public PaymentOptions Options => Services.GetRequiredService<IOptionsMonitor<PaymentOptions>>().CurrentValue;

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}

/// <summary>With SMS notifications on (towards an address where nothing listens: the messages stay queued).</summary>
public sealed class PaymentsSmsApp : PaymentsApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Sms:BaseUrl", "http://127.0.0.1:9/");
        builder.UseSetting("Notifications:Sms:ApiKey", "khoa-thu");
    }
}

/// <summary>Arranging payments as people do them: a citizen's dossier waiting for its fee (status 6), the payment
/// page, the gateway's page, the way back.</summary>
public static class PaymentArrange
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _people;

    public sealed record Waiting(TrackingArrange.Person Person, Guid Id, string Code, long Owed);

    /// <summary>A citizen of their own submits online; the desk receives it, the specialist asks for the fee.</summary>
    public static async Task<Waiting> WaitingForPaymentAsync(AppFactory app)
    {
        var world = await app.SeedWorldAsync();
        var n = Interlocked.Increment(ref _people);
        var person = await TrackingArrange.CitizenAsync(app, $"Trần Văn Trả {n}", $"0791{Random.Shared.NextInt64(10_000_000, 99_999_999)}",
            $"09{Random.Shared.Next(10_000_000, 99_999_999)}");
        var dossier = await TrackingArrange.SubmitAsync(app, world, person);
        await TrackingArrange.ReceiveAsync(app, dossier.Id);
        var s = await OfficeDossiers.ToAppraisalAsync(app, world, dossier.Id);
        await OfficeDossiers.PostAsync(app, "specialist", $"/api/dossiers/{dossier.Id}/financial-obligation", new { description = "Nộp lệ phí đăng ký thường trú", revision = s.Revision });
        var owed = await app.WithDbAsync(async db => (await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id, Ct)).FeesOwed);
        owed.ShouldBeGreaterThan(0);
        return new Waiting(person, dossier.Id, dossier.Code!, owed);
    }

    public static string PaymentPage(string code) => $"/ho-so-cua-toi/{code}/thanh-toan";

    /// <summary>"Thanh toán trực tuyến" on the payment page: the answer sends the browser to the gateway.</summary>
    public static async Task<string> StartAsync(OfficeClient citizen, string code)
    {
        var response = await citizen.PostFormAsync(PaymentPage(code), PaymentPage(code), []);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Ct));
        var gateway = response.Headers.Location!.ToString();
        gateway.ShouldStartWith(VnpaySandbox.PaymentPath + "?");
        return gateway;
    }

    /// <summary>The payer on the gateway's page approves or cancels; the answer sends the browser back to the portal.</summary>
    public static async Task<string> DecideAsync(HttpClient browser, string gateway, bool approve)
    {
        var page = await browser.GetAsync(gateway, Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, await page.Content.ReadAsStringAsync(Ct));
        var txnRef = QueryOf(gateway)["vnp_TxnRef"];
        var decided = await browser.PostAsync(VnpaySandbox.Root + "/paymentv2/decide",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["txnRef"] = txnRef, ["decision"] = approve ? "approve" : "cancel" }), Ct);
        decided.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var back = decided.Headers.Location!;
        back.AbsolutePath.ShouldBe("/thanh-toan/ket-qua");
        return back.PathAndQuery;
    }

    public static Dictionary<string, string> QueryOf(string url) =>
        QueryHelpers.ParseQuery(url.Contains('?', StringComparison.Ordinal) ? url[url.IndexOf('?', StringComparison.Ordinal)..] : "")
            .ToDictionary(q => q.Key, q => q.Value.ToString());

    /// <summary>A notice as the gateway would sign it, for an order, with whatever the test wants to say.</summary>
    public static string Notice(PaymentsApp app, string txnRef, long amount, string responseCode = "00", string? secret = null, string transactionNo = "14422574")
    {
        var parameters = new Dictionary<string, string>
        {
            ["vnp_Amount"] = VnpayProtocol.Amount(amount), ["vnp_BankCode"] = "NCB", ["vnp_OrderInfo"] = "Nop phi", ["vnp_PayDate"] = "20261117091500",
            ["vnp_ResponseCode"] = responseCode, ["vnp_TmnCode"] = app.Options.Sandbox.TmnCode, ["vnp_TransactionNo"] = transactionNo,
            ["vnp_TransactionStatus"] = responseCode == "00" ? "00" : "02", ["vnp_TxnRef"] = txnRef,
        };
        return VnpayProtocol.SignedText(parameters) + "&vnp_SecureHash=" + VnpayProtocol.Sign(secret ?? app.Options.Sandbox.HashSecret, parameters);
    }

    public static async Task<IpnResponse> SendNoticeAsync(PaymentsApp app, string query)
    {
        var response = await app.CreateClient().GetAsync(ReceiveGatewayNotice.Path + "?" + query, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<IpnResponse>(Ct))!;
    }

    public static Task<List<PaymentOrder>> OrdersAsync(AppFactory app, Guid dossierId) =>
        app.WithDbAsync(db => db.Set<PaymentOrder>().AsNoTracking().Where(o => o.DossierId == dossierId).OrderBy(o => o.CreatedAtUtc).ToListAsync(Ct));

    public static Task<Dossier> DossierAsync(AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.History).SingleAsync(d => d.Id == id, Ct));
}
