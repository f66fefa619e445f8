using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using static MotCua.Tests.Payments.PaymentArrange;

namespace MotCua.Tests.Payments;

/// <summary>The payment link of an applicant without an account: it pays the one dossier it names, without sign-in,
/// and shows nothing but the dossier's code and fees.</summary>
public sealed class PaymentLinkTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string LinkFor(Guid dossierId) => app.Services.GetRequiredService<PaymentLinks>().PathFor(dossierId);

    [Fact]
    public async Task TheLink_PaysWithoutSignIn_AndShowsOnlyTheCodeAndFees()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var visitor = await OfficeClient.AnonymousAsync(app);
        var link = LinkFor(waiting.Id);

        var page = await visitor.GetPageAsync(link);
        page.QuerySelector("h2")!.TextContent.ShouldContain(waiting.Code);
        page.Body!.TextContent.ShouldNotContain(waiting.Person.FullName);
        page.Body.TextContent.ShouldNotContain(waiting.Person.IdNumber);
        var gateway = await visitor.PostFormAsync(link, link, []);
        gateway.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await visitor.GetPageAsync(await DecideAsync(visitor.Http, gateway.Headers.Location!.ToString(), approve: true));

        (await DossierAsync(app, waiting.Id)).Status.ShouldBe(DossierStatus.InProgress);
        (await OrdersAsync(app, waiting.Id)).ShouldHaveSingleItem().CitizenAccountId.ShouldBeNull();
    }

    [Fact]
    public async Task AnAlteredOrMadeUpLink_IsNotFound()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var link = LinkFor(waiting.Id);
        var altered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];

        foreach (var url in new[] { altered, "/thanh-toan?t=" + waiting.Id.ToString("N"), "/thanh-toan" })
            (await app.Browser().GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        (await OrdersAsync(app, waiting.Id)).ShouldBeEmpty();
    }
}

/// <summary>A gateway that approves whatever it is asked is never served by a production server.</summary>
public sealed class SandboxInProductionTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSandbox_IsNotServed_AndNotUsed()
    {
        var http = app.ClientOn($"https://{ProductionApp.PublicHost}/");

        (await http.GetAsync(MotCua.Web.Features.Payments.Vnpay.VnpaySandbox.PaymentPath + "?vnp_TxnRef=1", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var query = await http.PostAsync(MotCua.Web.Features.Payments.Vnpay.VnpaySandbox.QueryPath, new StringContent("{}"), Ct);
        query.IsSuccessStatusCode.ShouldBeFalse();
        (await query.Content.ReadAsStringAsync(Ct)).ShouldNotContain("vnp_ResponseCode");
        var provider = (MotCua.Web.Features.Payments.Vnpay.VnpayProvider)app.Services.GetServices<IPaymentProvider>().Single();
        provider.UsesSandbox.ShouldBeFalse();
        provider.IsAvailableFor(Guid.NewGuid()).ShouldBeFalse();
    }
}
