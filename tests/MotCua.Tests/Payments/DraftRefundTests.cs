using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.OnlineSubmission;
using MotCua.Web.Features.Payments;
using MotCua.Web.Infrastructure.Jobs;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Payments;

/// <summary>A draft paid before submission and never submitted owes its money back: when its citizen deletes it, or when
/// it is purged as abandoned. The refund is due once, listed for the unit the draft was paid to (and no other), recorded
/// once, and a payment the gateway completes after the draft went is owed back too.</summary>
public sealed class DraftRefundTests(PayBeforeSubmissionApp app) : IClassFixture<PayBeforeSubmissionApp>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => app.Options.ReconciliationBatch = new PaymentOptions().ReconciliationBatch;

    private Task<List<PaymentOrder>> DraftOrdersAsync(Guid draftId) =>
        app.WithDbAsync(db => db.Set<PaymentOrder>().AsNoTracking().Where(o => o.DraftId == draftId).OrderBy(o => o.CreatedAtUtc).ToListAsync(Ct));

    private async Task<(OfficeClient Citizen, Guid DraftId, PaymentOrder Order)> PaidDraftAsync()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world, PayBeforeSubmissionApp.PaidFirst);
        (await PressAsync(citizen, draftId, "save", PayBeforeSubmissionTests.TwoCopies)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await PayBeforeSubmissionTests.PayAsync(citizen, draftId, approve: true);
        var order = (await DraftOrdersAsync(draftId)).ShouldHaveSingleItem();
        order.State.ShouldBe(PaymentState.Paid);
        return (citizen, draftId, order);
    }

    private static Task<HttpResponseMessage> DeleteAsync(OfficeClient citizen, Guid draftId) =>
        citizen.PostFormAsync("/nop-ho-so/nhap", $"/nop-ho-so/nhap?handler=delete&id={draftId}", []);

    private async Task<ListRefunds.Result> RefundsAsync(string official, string query = "") =>
        (await (await app.ClientAsAsync(official)).GetFromJsonAsync<ListRefunds.Result>("/api/payments/refunds" + query, TestJson.Options, Ct))!;

    [Fact]
    public async Task APaidDraftDeletedByItsCitizen_OwesItsMoneyBack_ListedForItsUnitOnly_AndRecordedRefundedOnce()
    {
        var (citizen, draftId, order) = await PaidDraftAsync();
        (await citizen.GetPageAsync("/nop-ho-so/nhap")).Body!.TextContent.ShouldContain("Nếu xóa bản nháp, khoản tiền này sẽ được hoàn trả");

        // Two clicks at once: the draft goes once, and its refund is marked once.
        var both = await Task.WhenAll(DeleteAsync(citizen, draftId), DeleteAsync(citizen, draftId));
        var again = await DeleteAsync(citizen, draftId);

        var deleted = both.Where(r => r.Headers.Location?.ToString() == "/nop-ho-so/nhap?done=deleted-refund").ShouldHaveSingleItem();
        both.Single(r => r != deleted).StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Conflict);
        (await citizen.GetPageAsync(deleted.Headers.Location!.ToString())).QuerySelector("#refund-notice")!.TextContent.ShouldContain("sẽ được cơ quan tiếp nhận hoàn trả");
        again.Headers.Location!.ToString().ShouldBe("/nop-ho-so/nhap");
        var due = (await DraftOrdersAsync(draftId)).ShouldHaveSingleItem();
        (due.State, due.DossierId, due.RefundDueAtUtc).ShouldBe((PaymentState.Paid, null, app.Clock.GetUtcNow().UtcDateTime));
        (due.RefundDueBy, due.RefundReason).ShouldBe(($"{TestData.CitizenName} (Người nộp hồ sơ)",
            "Người nộp xóa bản nháp hồ sơ đã nộp phí, lệ phí trước khi nộp hồ sơ"));

        var item = (await RefundsAsync("desk")).Items.Single(i => i.OrderId == order.Id);
        (item.DossierId, item.DossierCode, item.ApplicantName, item.Amount).ShouldBe(((Guid?)null, "Bản nháp chưa nộp", TestData.CitizenName, 16_000L));
        (await RefundsAsync("desk.other")).Items.ShouldNotContain(i => i.OrderId == order.Id);
        var page = await (await OfficeClient.SignInAsync(app, "leader")).GetPageAsync("/office/payments/refunds");
        page.QuerySelector($"#refunds tr[data-order='{order.Id}']")!.TextContent.ShouldContain("Bản nháp chưa nộp");

        var url = $"/api/payments/{order.Id}/refund";
        var otherUnit = await (await app.ClientAsAsync("desk.other")).PostAsJsonAsync(url, new { method = "Cash", reference = "PC-1" }, Ct);
        var specialist = await (await app.ClientAsAsync("specialist")).PostAsJsonAsync(url, new { method = "Cash", reference = "PC-1" }, Ct);
        var noReference = await (await app.ClientAsAsync("desk")).PostAsJsonAsync(url, new { method = "Cash", reference = "" }, Ct);
        var anonymous = await app.CreateClient().PostAsJsonAsync(url, new { method = "Cash", reference = "PC-1" }, Ct);
        (otherUnit.StatusCode, specialist.StatusCode, noReference.StatusCode).ShouldBe(
            (HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.UnprocessableEntity));
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DraftOrdersAsync(draftId)).Single().State.ShouldBe(PaymentState.Paid);

        // The desk and the leader record it at the same instant: once.
        var desk = await app.ClientAsAsync("desk");
        var leader = await app.ClientAsAsync("leader");
        var recorded = await Task.WhenAll(
            desk.PostAsJsonAsync(url, new { method = "Cash", reference = "PC-2026-15" }, Ct),
            leader.PostAsJsonAsync(url, new { method = "Transfer", reference = "UNC-2026-15" }, Ct));
        recorded.Select(r => r.StatusCode).OrderBy(s => s).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var refunded = (await DraftOrdersAsync(draftId)).Single();
        refunded.State.ShouldBe(PaymentState.Refunded);
        refunded.RefundedAtUtc.ShouldBe(app.Clock.GetUtcNow().UtcDateTime);
        refunded.RefundedBy.ShouldBeOneOf("Cán bộ desk (Cán bộ một cửa)", "Cán bộ leader (Lãnh đạo)");
        (await RefundsAsync("desk")).Items.ShouldNotContain(i => i.OrderId == order.Id);
    }

    [Fact]
    public async Task ADraftPaidAndStillBeingWritten_OwesNothing_AndCannotBeRecordedRefunded()
    {
        var (_, draftId, order) = await PaidDraftAsync();

        var response = await (await app.ClientAsAsync("desk")).PostAsJsonAsync($"/api/payments/{order.Id}/refund", new { method = "Cash", reference = "PC-1" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RefundsAsync("desk")).Items.ShouldNotContain(i => i.OrderId == order.Id);
        (await DraftOrdersAsync(draftId)).Single().RefundDueAtUtc.ShouldBeNull();
        // The money taken for a draft is in its unit's reconciliation of the day, though no dossier holds it yet.
        var day = await (await app.ClientAsAsync("stats")).GetFromJsonAsync<Reconcile.Result>("/api/payments/reconciliation", TestJson.Options, Ct);
        var row = day!.Rows.Single(r => r.OrderId == order.Id);
        (row.DossierCode, row.Amount, row.Difference).ShouldBe(("Bản nháp chưa nộp", 16_000L, (Reconcile.DifferenceKind?)null));
    }

    [Fact]
    public async Task APaidDraftPurgedAsAbandoned_OwesItsMoneyBack_InTheRulesName()
    {
        var (_, draftId, order) = await PaidDraftAsync();

        app.Clock.Advance(TimeSpan.FromDays(61));
        await app.Services.GetRequiredService<JobRunner>().RunDueAsync(Ct);

        (await app.WithDbAsync(db => db.DossierDrafts.AnyAsync(d => d.Id == draftId, Ct))).ShouldBeFalse();
        var due = (await DraftOrdersAsync(draftId)).Single();
        (due.State, due.RefundDueBy).ShouldBe((PaymentState.Paid, PurgeAbandonedDraft.PurgedBy));
        due.RefundReason.ShouldBe("Bản nháp hồ sơ đã nộp phí, lệ phí nhưng không được nộp, tự động xóa sau 60 ngày không cập nhật");
        (await RefundsAsync("desk")).Items.ShouldContain(i => i.OrderId == order.Id);
    }

    [Fact]
    public async Task APaymentTheGatewayCompletesAfterTheDraftWasDeleted_IsOwedBackAtOnce()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world, PayBeforeSubmissionApp.PaidFirst);
        (await PressAsync(citizen, draftId, "save", PayBeforeSubmissionTests.TwoCopies)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var started = await PressAsync(citizen, draftId, "pay", PayBeforeSubmissionTests.TwoCopies);
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pending = (await DraftOrdersAsync(draftId)).Single();

        (await DeleteAsync(citizen, draftId)).Headers.Location!.ToString().ShouldBe("/nop-ho-so/nhap?done=deleted");
        (await RefundsAsync("desk")).Items.ShouldNotContain(i => i.OrderId == pending.Id);
        (await PaymentArrange.SendNoticeAsync(app, PaymentArrange.Notice(app, pending.TxnRef, pending.Amount))).RspCode.ShouldBe("00");

        var paid = (await DraftOrdersAsync(draftId)).Single();
        (paid.State, paid.IsRefundDue).ShouldBe((PaymentState.Paid, true));
        (await RefundsAsync("desk")).Items.ShouldContain(i => i.OrderId == pending.Id);
    }

    [Fact]
    public async Task TheRefundsList_IsPaged_WithTheCountAndTotalOfAll_AndBadPagingIs422()
    {
        for (var i = 0; i < 3; i++)
        {
            var (citizen, draftId, _) = await PaidDraftAsync();
            await DeleteAsync(citizen, draftId);
        }
        var all = await RefundsAsync("desk", "?pageSize=500");

        var first = await RefundsAsync("desk", "?pageSize=2");
        var second = await RefundsAsync("desk", "?pageSize=2&page=2");
        var bad = await (await app.ClientAsAsync("desk")).GetAsync("/api/payments/refunds?pageSize=501", Ct);

        all.Count.ShouldBeGreaterThanOrEqualTo(3);
        (first.Count, first.Total, first.Items.Count, first.Pages).ShouldBe((all.Count, all.Total, 2, (all.Count + 1) / 2));
        second.Items.Select(i => i.OrderId).ShouldBe(all.Items.Skip(2).Take(2).Select(i => i.OrderId));
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("Số dòng mỗi trang phải từ 1 đến 500");
        var leader = await OfficeClient.SignInAsync(app, "leader");
        var page = await leader.GetPageAsync("/office/payments/refunds?p=1");
        page.QuerySelector("#refund-count")!.TextContent.ShouldBe(all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ADayOfMoreOrdersThanABatch_IsReconciledWhole_NothingCut()
    {
        var paid = new List<PaymentArrange.Waiting>();
        for (var i = 0; i < 3; i++)
        {
            var waiting = await PaymentArrange.WaitingForPaymentAsync(app);
            await Pages.Office.Dossiers.OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{waiting.Id}/payments", new { amount = waiting.Owed, method = "Desk", reference = $"BL-90{i}" });
            paid.Add(waiting);
        }
        var stats = await app.ClientAsAsync("stats");
        var whole = (await stats.GetFromJsonAsync<Reconcile.Result>("/api/payments/reconciliation", TestJson.Options, Ct))!;

        app.Options.ReconciliationBatch = 2;
        var batched = (await stats.GetFromJsonAsync<Reconcile.Result>("/api/payments/reconciliation", TestJson.Options, Ct))!;

        batched.Rows.Count(r => r.OrderId is not null).ShouldBeGreaterThan(2);
        batched.Rows.Select(r => (r.OrderId, r.Difference)).ShouldBe(whole.Rows.Select(r => (r.OrderId, r.Difference)));
        batched.Totals.ShouldBe(whole.Totals);
        paid.ShouldAllBe(w => batched.Rows.Count(r => r.DossierCode == w.Code) == 1);
    }
}
