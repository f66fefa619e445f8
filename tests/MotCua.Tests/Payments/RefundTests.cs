using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using static MotCua.Tests.Payments.PaymentArrange;

namespace MotCua.Tests.Payments;

/// <summary>The money owed back when a paid dossier ends unsettled: listed for the unit's office, recorded as given back
/// once, with who, when, how and the voucher, and told in the dossier's history.</summary>
public sealed class RefundTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A dossier paid online, then stopped by the leader: its order owes a refund.</summary>
    private async Task<(Waiting Waiting, PaymentOrder Order)> RefundDueAsync()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await Pages.Portal.Tracking.TrackingArrange.SignInAsync(app, waiting.Person);
        await StartAsync(citizen, waiting.Code);
        var order = (await OrdersAsync(app, waiting.Id)).Single();
        await SendNoticeAsync(app, Notice(app, order.TxnRef, order.Amount));
        await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{waiting.Id}/stop", new { reason = "Người nộp đề nghị dừng giải quyết" });
        order = (await OrdersAsync(app, waiting.Id)).Single();
        order.IsRefundDue.ShouldBeTrue();
        return (waiting, order);
    }

    private static string RecordUrl(Guid orderId) => $"/api/payments/{orderId}/refund";

    [Fact]
    public async Task TheUnitsRefundsDue_AreListed_WithDossierAmountWhyAndSince()
    {
        var (waiting, order) = await RefundDueAsync();

        var list = (await (await app.ClientAsAsync("desk")).GetFromJsonAsync<ListRefunds.Result>("/api/payments/refunds", TestJson.Options, Ct))!;
        var other = (await (await app.ClientAsAsync("desk.other")).GetFromJsonAsync<ListRefunds.Result>("/api/payments/refunds", TestJson.Options, Ct))!;

        var item = list.Items.Single(i => i.OrderId == order.Id);
        (item.DossierCode, item.Amount, item.DueSinceUtc).ShouldBe((waiting.Code, waiting.Owed, order.RefundDueAtUtc!.Value));
        item.Reason.ShouldBe("Hồ sơ chuyển sang trạng thái \"Dừng xử lý\": Người nộp đề nghị dừng giải quyết");
        other.Items.ShouldNotContain(i => i.OrderId == order.Id);
        var page = await (await OfficeClient.SignInAsync(app, "leader")).GetPageAsync("/office/payments/refunds");
        page.QuerySelector($"#refunds tr[data-order='{order.Id}']")!.TextContent.ShouldContain(waiting.Code);
    }

    [Fact]
    public async Task RecordingARefund_MarksItRefunded_WithWhoWhenHow_InTheDossiersHistory_AndTwiceIs409()
    {
        var (waiting, order) = await RefundDueAsync();
        var desk = await app.ClientAsAsync("desk");

        var done = await desk.PostAsJsonAsync(RecordUrl(order.Id), new { method = "Transfer", reference = "UNC-2026-118" }, Ct);
        var again = await desk.PostAsJsonAsync(RecordUrl(order.Id), new { method = "Cash", reference = "PC-01" }, Ct);

        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync(Ct));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("đã được ghi nhận hoàn trả");
        var stored = (await OrdersAsync(app, waiting.Id)).Single();
        (stored.State, stored.RefundMethod, stored.RefundReference).ShouldBe((PaymentState.Refunded, RefundMethod.Transfer, "UNC-2026-118"));
        (stored.RefundedBy, stored.RefundedAtUtc).ShouldBe(("Cán bộ desk (Cán bộ một cửa)", app.Clock.GetUtcNow().UtcDateTime));
        var last = (await DossierAsync(app, waiting.Id)).History.MaxBy(e => e.Sequence)!;
        (last.Kind, last.ActorName, last.ActorRole).ShouldBe((DossierEventKind.Refund, "Cán bộ desk", "Cán bộ một cửa"));
        last.Description.ShouldContain("UNC-2026-118");
        (await (await app.ClientAsAsync("desk")).GetFromJsonAsync<ListRefunds.Result>("/api/payments/refunds", TestJson.Options, Ct))!
            .Items.ShouldNotContain(i => i.OrderId == order.Id);
    }

    [Fact]
    public async Task AnotherUnit_Is404_ARoleNotAllowed_Is403_BadInput_Is422_AndNothingChanges()
    {
        var (waiting, order) = await RefundDueAsync();
        var revision = (await DossierAsync(app, waiting.Id)).Revision;

        var otherUnit = await (await app.ClientAsAsync("desk.other")).PostAsJsonAsync(RecordUrl(order.Id), new { method = "Cash", reference = "PC-1" }, Ct);
        var specialist = await (await app.ClientAsAsync("specialist")).PostAsJsonAsync(RecordUrl(order.Id), new { method = "Cash", reference = "PC-1" }, Ct);
        var noReference = await (await app.ClientAsAsync("desk")).PostAsJsonAsync(RecordUrl(order.Id), new { method = "Cash", reference = " " }, Ct);
        var noMethod = await (await app.ClientAsAsync("desk")).PostAsJsonAsync(RecordUrl(order.Id), new { reference = "PC-1" }, Ct);
        var unknown = await (await app.ClientAsAsync("desk")).PostAsJsonAsync(RecordUrl(Guid.NewGuid()), new { method = "Cash", reference = "PC-1" }, Ct);
        var listOther = await (await app.ClientAsAsync("desk")).GetAsync($"/api/payments/refunds?unit={(await app.SeedWorldAsync()).OtherCommuneCode}", Ct);

        (otherUnit.StatusCode, specialist.StatusCode, unknown.StatusCode, listOther.StatusCode)
            .ShouldBe((HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.NotFound));
        (noReference.StatusCode, noMethod.StatusCode).ShouldBe((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity));
        (await noReference.Content.ReadAsStringAsync(Ct)).ShouldContain("Chưa nhập số chứng từ hoàn trả");
        var stored = (await OrdersAsync(app, waiting.Id)).Single();
        (stored.State, stored.RefundedAtUtc).ShouldBe((PaymentState.Paid, null));
        (await DossierAsync(app, waiting.Id)).Revision.ShouldBe(revision);
    }

    [Fact]
    public async Task AnOrderNotOwingARefund_CannotBeRecordedRefunded()
    {
        var waiting = await WaitingForPaymentAsync(app);
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{waiting.Id}/payments", new { amount = waiting.Owed, method = "Desk", reference = "BL-9" });
        var order = (await OrdersAsync(app, waiting.Id)).Single();

        var response = await (await app.ClientAsAsync("leader")).PostAsJsonAsync(RecordUrl(order.Id), new { method = "Cash", reference = "PC-1" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await OrdersAsync(app, waiting.Id)).Single().State.ShouldBe(PaymentState.Paid);
    }

    [Fact]
    public async Task TheOfficePage_RecordsTheRefund_AndShowsARefusalWithItsStatus()
    {
        var (waiting, order) = await RefundDueAsync();
        var leader = await OfficeClient.SignInAsync(app, "leader");

        var refused = await leader.PostFormAsync("/office/payments/refunds", "/office/payments/refunds",
            new() { ["orderId"] = order.Id.ToString(), ["method"] = "Cash", ["reference"] = "" });
        var done = await leader.PostFormAsync("/office/payments/refunds", "/office/payments/refunds",
            new() { ["orderId"] = order.Id.ToString(), ["method"] = "Cash", ["reference"] = "PC-2026-07" });

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("Chưa nhập số chứng từ hoàn trả");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await leader.GetPageAsync(done.Headers.Location!.ToString())).QuerySelector("#notice")!.TextContent.ShouldContain(waiting.Code);
        (await OrdersAsync(app, waiting.Id)).Single().State.ShouldBe(PaymentState.Refunded);
        var specialist = await OfficeClient.SignInAsync(app, "specialist");
        (await specialist.Http.GetAsync("/office/payments/refunds", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
