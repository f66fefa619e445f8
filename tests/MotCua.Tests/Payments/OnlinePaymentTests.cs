using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Vnpay;
using MotCua.Web.Infrastructure.Jobs;
using static MotCua.Tests.Payments.PaymentArrange;

namespace MotCua.Tests.Payments;

/// <summary>A citizen pays a dossier's fee online through the gateway sandbox, over HTTP as a browser and the gateway
/// do; and everything a gateway, a forger or a second notice can do wrong.</summary>
public sealed class OnlinePaymentTests(PaymentsApp app) : IClassFixture<PaymentsApp>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => app.Options.Sandbox.IpnMode = SandboxIpnMode.Normal;

    [Fact]
    public async Task ACitizenPaysInTheSandbox_TheGatewayCreditsTheDossier_AndItMovesOn()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);
        (await citizen.GetPageAsync($"/ho-so-cua-toi/{waiting.Code}")).QuerySelector($"a[href='{PaymentPage(waiting.Code)}']").ShouldNotBeNull();

        var gateway = await StartAsync(citizen, waiting.Code);
        var back = await DecideAsync(citizen.Http, gateway, approve: true);
        var result = await citizen.GetPageAsync(back);

        result.QuerySelector("#payment-result")!.TextContent.ShouldStartWith("Thanh toán thành công");
        var dossier = await DossierAsync(app, waiting.Id);
        dossier.Status.ShouldBe(DossierStatus.InProgress);
        (dossier.AmountPaid, dossier.OnlinePaymentKind).ShouldBe((waiting.Owed, 2));
        var order = (await OrdersAsync(app, waiting.Id)).ShouldHaveSingleItem();
        (order.State, order.Channel, order.Amount, order.Provider).ShouldBe((PaymentState.Paid, PaymentMethod.LocalGateway, waiting.Owed, "vnpay"));
        order.GatewayTransactionNo.ShouldNotBeNullOrEmpty();
        dossier.Payments.ShouldHaveSingleItem().PaymentOrderId.ShouldBe(order.Id);
        var byGateway = dossier.History.OrderBy(e => e.Sequence).TakeLast(2).ToList();
        byGateway.Select(e => (e.Kind, e.ActorName, e.ActorRole)).ShouldBe([
            (DossierEventKind.Payment, "Cổng thanh toán VNPAY", "Hệ thống"),
            (DossierEventKind.FulfilFinancialObligation, "Cổng thanh toán VNPAY", "Hệ thống")]);
    }

    [Fact]
    public async Task ADeclinedPayment_LeavesTheDossierWaiting_WithAClearMessage_AndARetryPays()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);

        var back = await DecideAsync(citizen.Http, await StartAsync(citizen, waiting.Code), approve: false);
        var result = await citizen.GetPageAsync(back);

        result.QuerySelector("#payment-result")!.TextContent.ShouldBe(
            $"Bạn đã hủy giao dịch thanh toán. Hồ sơ {waiting.Code} vẫn đang chờ thực hiện nghĩa vụ tài chính; bạn có thể thanh toán lại.");
        result.QuerySelector($"a[href='{PaymentPage(waiting.Code)}']").ShouldNotBeNull();
        (await DossierAsync(app, waiting.Id)).Status.ShouldBe(DossierStatus.AwaitingFinancialObligation);
        (await OrdersAsync(app, waiting.Id)).ShouldHaveSingleItem().State.ShouldBe(PaymentState.Failed);

        await citizen.GetPageAsync(await DecideAsync(citizen.Http, await StartAsync(citizen, waiting.Code), approve: true));

        (await OrdersAsync(app, waiting.Id)).Select(o => o.State).ShouldBe([PaymentState.Failed, PaymentState.Paid]);
        (await DossierAsync(app, waiting.Id)).Status.ShouldBe(DossierStatus.InProgress);
    }

    [Fact]
    public async Task AnotherCitizen_CannotSeeOrPayTheDossier()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var other = await WaitingForPaymentAsync(app);
        var intruder = await TrackingArrange.SignInAsync(app, other.Person);

        var seen = await intruder.Http.GetAsync(PaymentPage(waiting.Code), Ct);
        // The intruder's own payment page gives a valid form token; the post names the other dossier.
        var paid = await intruder.PostFormAsync(PaymentPage(other.Code), PaymentPage(waiting.Code), []);
        var anonymous = await app.Browser().GetAsync(PaymentPage(waiting.Code), Ct);

        (seen.StatusCode, paid.StatusCode).ShouldBe((HttpStatusCode.NotFound, HttpStatusCode.NotFound));
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect); // to the sign-in page
        (await OrdersAsync(app, waiting.Id)).ShouldBeEmpty();
    }

    private async Task<(Waiting Waiting, PaymentOrder Order)> StartedAsync()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);
        await StartAsync(citizen, waiting.Code);
        return (waiting, (await OrdersAsync(app, waiting.Id)).ShouldHaveSingleItem());
    }

    private async Task ShouldBeUnpaidAsync(Waiting waiting)
    {
        var dossier = await DossierAsync(app, waiting.Id);
        (dossier.Status, dossier.AmountPaid, dossier.Payments.Count).ShouldBe((DossierStatus.AwaitingFinancialObligation, 0L, 0));
        (await OrdersAsync(app, waiting.Id)).ShouldHaveSingleItem().State.ShouldBe(PaymentState.Pending);
    }

    [Fact]
    public async Task ANoticeWithABadSignature_IsAnswered97_AndChangesNothing()
    {
        var (waiting, order) = await StartedAsync();

        var answer = await SendNoticeAsync(app, Notice(app, order.TxnRef, order.Amount, secret: "not-the-merchant-secret"));

        answer.ShouldBe(new IpnResponse("97", "Invalid signature"));
        await ShouldBeUnpaidAsync(waiting);
    }

    [Fact]
    public async Task ANoticeForAnotherAmount_IsAnswered04_AndChangesNothing()
    {
        var (waiting, order) = await StartedAsync();

        var answer = await SendNoticeAsync(app, Notice(app, order.TxnRef, order.Amount - 1));

        answer.ShouldBe(new IpnResponse("04", "invalid amount"));
        await ShouldBeUnpaidAsync(waiting);
    }

    [Fact]
    public async Task ANoticeForAnUnknownOrder_IsAnswered01()
    {
        await app.SeedWorldAsync();

        var answer = await SendNoticeAsync(app, Notice(app, Guid.NewGuid().ToString("N"), 10_000));

        answer.ShouldBe(new IpnResponse("01", "Order not found"));
    }

    [Fact]
    public async Task ANoticeSentAgain_IsAnswered02_AndPaysOnce()
    {
        var (waiting, order) = await StartedAsync();
        var notice = Notice(app, order.TxnRef, order.Amount);

        var first = await SendNoticeAsync(app, notice);
        var again = await SendNoticeAsync(app, notice);

        (first.RspCode, again.RspCode).ShouldBe(("00", "02"));
        var dossier = await DossierAsync(app, waiting.Id);
        (dossier.Payments.Count, dossier.AmountPaid, dossier.Status).ShouldBe((1, waiting.Owed, DossierStatus.InProgress));
    }

    [Fact]
    public async Task TwoNoticesAtOnce_PayOnce()
    {
        var (waiting, order) = await StartedAsync();
        var notice = Notice(app, order.TxnRef, order.Amount);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendNoticeAsync(app, notice)));

        answers.Count(a => a.RspCode == "00").ShouldBe(1);
        answers.Where(a => a.RspCode != "00").ShouldAllBe(a => a.RspCode == "02");
        var dossier = await DossierAsync(app, waiting.Id);
        (dossier.Payments.Count, dossier.AmountPaid).ShouldBe((1, waiting.Owed));
        dossier.History.Count(e => e.Kind == DossierEventKind.Payment).ShouldBe(1);
    }

    [Fact]
    public async Task TheLedgerTakesOneEntryPerOrder_ByAUniqueIndex()
    {
        // Not only the check in code: a second entry for the same order cannot be stored, whoever writes it.
        var (waiting, order) = await StartedAsync();
        await SendNoticeAsync(app, Notice(app, order.TxnRef, order.Amount));

        await Should.ThrowAsync<System.Data.Common.DbException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"DossierPayments\" (\"Id\", \"DossierId\", \"Amount\", \"Method\", \"Reference\", \"PaidAtUtc\", \"RecordedBy\", \"PaymentOrderId\") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})",
            [Guid.NewGuid(), waiting.Id, 1L, "LocalGateway", "X", DateTime.UtcNow, "x", order.Id], Ct)));

        (await DossierAsync(app, waiting.Id)).Payments.Count.ShouldBe(1);
    }

    [Fact]
    public async Task TheReturnAlone_NeverPays()
    {
        // A return signed like the gateway's, but the gateway never saw a payment: the query says so.
        var (waiting, order) = await StartedAsync();
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);

        var result = await citizen.GetPageAsync("/thanh-toan/ket-qua?" + Notice(app, order.TxnRef, order.Amount));

        result.QuerySelector("#payment-result")!.TextContent.ShouldStartWith("Cổng thanh toán chưa xác nhận kết quả giao dịch");
        await ShouldBeUnpaidAsync(waiting);
    }

    [Fact]
    public async Task AForgedReturn_IsRefused()
    {
        var (waiting, order) = await StartedAsync();

        var response = await app.Browser().GetAsync("/thanh-toan/ket-qua?" + Notice(app, order.TxnRef, order.Amount, secret: "forged"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("không đúng chữ ký của cổng thanh toán");
        await ShouldBeUnpaidAsync(waiting);
    }

    [Fact]
    public async Task ALostNotice_IsSettledByTheQueryOnReturn()
    {
        app.Options.Sandbox.IpnMode = SandboxIpnMode.Lost;
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);
        var back = await DecideAsync(citizen.Http, await StartAsync(citizen, waiting.Code), approve: true);
        (await OrdersAsync(app, waiting.Id)).Single().State.ShouldBe(PaymentState.Pending); // no notice came

        var result = await citizen.GetPageAsync(back);

        result.QuerySelector("#payment-result")!.TextContent.ShouldStartWith("Thanh toán thành công");
        (await DossierAsync(app, waiting.Id)).Status.ShouldBe(DossierStatus.InProgress);
    }

    [Fact]
    public async Task APendingOrder_IsSettledByTheRecurringQuery()
    {
        app.Options.Sandbox.IpnMode = SandboxIpnMode.Lost;
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);
        await DecideAsync(citizen.Http, await StartAsync(citizen, waiting.Code), approve: true); // the payer closes the tab
        var abandoned = await StartedAsync(); // never reaches the gateway

        await RunSettlementAsync(TimeSpan.FromMinutes(6));
        (await OrdersAsync(app, waiting.Id)).Single().State.ShouldBe(PaymentState.Paid);
        (await DossierAsync(app, waiting.Id)).Status.ShouldBe(DossierStatus.InProgress);
        (await OrdersAsync(app, abandoned.Waiting.Id)).Single().State.ShouldBe(PaymentState.Pending); // the gateway's deadline is not over

        await RunSettlementAsync(TimeSpan.FromMinutes(20));
        (await OrdersAsync(app, abandoned.Waiting.Id)).Single().State.ShouldBe(PaymentState.Expired);
        (await DossierAsync(app, abandoned.Waiting.Id)).Status.ShouldBe(DossierStatus.AwaitingFinancialObligation);
    }

    private async Task RunSettlementAsync(TimeSpan later)
    {
        app.Clock.Advance(later);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SettlePendingPayments>()
            .RunAsync(new RecurringOccurrence(SettlePendingPayments.Name, "*/5 * * * *", app.Clock.GetUtcNow().UtcDateTime), Ct);
    }

    [Fact]
    public async Task APaidDossierThatIsStopped_OwesARefund_RecordedWithWhoAndWhen()
    {
        var (waiting, order) = await StartedAsync();
        await SendNoticeAsync(app, Notice(app, order.TxnRef, order.Amount));

        await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{waiting.Id}/stop", new { reason = "Người nộp đề nghị dừng giải quyết" });

        var refunded = (await OrdersAsync(app, waiting.Id)).Single();
        refunded.State.ShouldBe(PaymentState.Paid);
        refunded.RefundDueAtUtc.ShouldBe(app.Clock.GetUtcNow().UtcDateTime);
        refunded.RefundDueBy!.ShouldEndWith("(Lãnh đạo)");
        refunded.RefundReason.ShouldBe("Hồ sơ chuyển sang trạng thái \"Dừng xử lý\": Người nộp đề nghị dừng giải quyết");
    }

    [Fact]
    public async Task MoneyTakenAtTheDesk_IsAPaymentOrderToo()
    {
        var waiting = await WaitingForPaymentAsync(app);

        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{waiting.Id}/payments", new { amount = waiting.Owed, method = "Desk", reference = "BL-0001" });

        var order = (await OrdersAsync(app, waiting.Id)).ShouldHaveSingleItem();
        (order.State, order.Channel, order.Provider, order.Amount, order.GatewayTransactionNo).ShouldBe((PaymentState.Paid, PaymentMethod.Desk, "desk", waiting.Owed, "BL-0001"));
        var dossier = await DossierAsync(app, waiting.Id);
        (dossier.Payments.Single().PaymentOrderId, dossier.OnlinePaymentKind).ShouldBe((order.Id, 0));
    }
}
