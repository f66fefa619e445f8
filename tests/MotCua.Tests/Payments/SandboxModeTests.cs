using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Vnpay;
using static MotCua.Tests.Payments.PaymentArrange;

namespace MotCua.Tests.Payments;

/// <summary>The sandbox's misbehaving notices against the app: a notice that comes after the payer's return was
/// settled by a query, and the same notice delivered twice at once — one payment either way.</summary>
public sealed class SandboxModeTests(PaymentsApp app) : IClassFixture<PaymentsApp>, IDisposable
{
    public void Dispose()
    {
        app.Options.Sandbox.IpnMode = SandboxIpnMode.Normal;
        app.Options.Sandbox.IpnDelay = TimeSpan.FromSeconds(5);
    }

    private VnpaySandbox Sandbox => app.Services.GetRequiredService<VnpaySandbox>();

    [Fact]
    public async Task ALateNotice_AfterTheReturnWasSettledByAQuery_IsAnswered02_AndPaysOnce()
    {
        app.Options.Sandbox.IpnMode = SandboxIpnMode.Late;
        app.Options.Sandbox.IpnDelay = TimeSpan.FromMinutes(10); // held back until the test sends it
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);
        var back = await DecideAsync(citizen.Http, await StartAsync(citizen, waiting.Code), approve: true);
        var order = (await OrdersAsync(app, waiting.Id)).Single();
        order.State.ShouldBe(PaymentState.Pending); // the notice has not come

        (await citizen.GetPageAsync(back)).QuerySelector("#payment-result")!.TextContent.ShouldStartWith("Thanh toán thành công"); // settled by querydr
        await Sandbox.SendLateNoticesAsync();

        Sandbox.Answers.Where(a => a.TxnRef == order.TxnRef).Select(a => a.RspCode).ShouldBe(["02"]);
        var dossier = await DossierAsync(app, waiting.Id);
        (dossier.Status, dossier.AmountPaid, dossier.Payments.Count).ShouldBe((DossierStatus.InProgress, waiting.Owed, 1));
        var paid = (await OrdersAsync(app, waiting.Id)).Single();
        paid.State.ShouldBe(PaymentState.Paid);
        paid.ReceiptNumber.ShouldNotBeNull();
        dossier.History.Count(e => e.Kind == DossierEventKind.Payment).ShouldBe(1);
    }

    [Fact]
    public async Task TheSameNoticeDeliveredTwiceAtOnce_PaysOnce_OneAnswer00AndOne02()
    {
        app.Options.Sandbox.IpnMode = SandboxIpnMode.Twice;
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);

        await DecideAsync(citizen.Http, await StartAsync(citizen, waiting.Code), approve: true);

        var order = (await OrdersAsync(app, waiting.Id)).Single();
        Sandbox.Answers.Where(a => a.TxnRef == order.TxnRef).Select(a => a.RspCode).Order().ShouldBe(["00", "02"]);
        var dossier = await DossierAsync(app, waiting.Id);
        (dossier.Status, dossier.AmountPaid, dossier.Payments.Count).ShouldBe((DossierStatus.InProgress, waiting.Owed, 1));
        (order.State, order.ReceiptNumber is not null).ShouldBe((PaymentState.Paid, true));
    }
}
