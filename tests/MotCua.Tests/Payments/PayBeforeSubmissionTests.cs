using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Portal.Submission;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Vnpay;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Payments;

/// <summary>The payments app with two online procedures whose declaration is the e-form: one charged per copy declared
/// and paid before submission, one with exemption groups paid later.</summary>
public sealed class PayBeforeSubmissionApp : PaymentsApp
{
    public const string PaidFirst = "9.300001";
    public const string Exemptible = "9.300002";

    private readonly SemaphoreSlim _arrange = new(1, 1);
    private TestData.World? _world;

    private static ProcedureContent Declared(string name) => TestData.Residence() with
    {
        Name = name,
        FormFields = [.. SubmissionApp.Fields(), new EFormField("soBan", "Số bản sao đề nghị cấp", EFormFieldType.Number, Required: true)],
        Components = [TestData.Residence().Components.Single(c => c.Code == "TK") with { FilledByEForm = true }],
    };

    public async Task<TestData.World> ArrangeAsync()
    {
        var world = await this.SeedWorldAsync();
        await _arrange.WaitAsync();
        try
        {
            if (_world is not null) return _world;
            await WithDbAsync(async db =>
            {
                var since = new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc);
                var paidFirst = new Procedure(Guid.NewGuid(), PaidFirst);
                paidFirst.Publish(Declared("Cấp bản sao (nộp phí trước)") with
                {
                    Fees = [new FeeItem("PHI_BS", "Phí cấp bản sao", FeeKind.Charge, FeeBasis.PerCopy, 8_000, CopiesField: "soBan")],
                    PayBeforeSubmission = true,
                }, since, "Quyết định thử nghiệm");
                var exemptible = new Procedure(Guid.NewGuid(), Exemptible);
                exemptible.Publish(Declared("Đăng ký thường trú (có đối tượng miễn)"), since, "Quyết định thử nghiệm");
                db.Procedures.AddRange(paidFirst, exemptible);
                await db.SaveChangesAsync();
            });
            return _world = world;
        }
        finally
        {
            _arrange.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _arrange.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Payment before submission through the sandbox gateway: the draft shows the fee its e-form declares, cannot
/// be submitted unpaid, a declined payment leaves it unsubmitted with a clear message, and once paid the submission
/// goes through with the payment in the dossier's ledger. And an exemption declared online with its evidence.</summary>
public sealed class PayBeforeSubmissionTests(PayBeforeSubmissionApp app) : IClassFixture<PayBeforeSubmissionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static void TwoCopies(Dictionary<string, string> fields)
    {
        FillEForm(fields);
        fields["Form[soBan]"] = "2";
    }

    private Task<List<Dossier>> DossiersOfAsync(Guid draftId) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.History).Where(d => d.SubmissionKey == draftId).ToListAsync(Ct));

    private Task<List<PaymentOrder>> DraftOrdersAsync(Guid draftId) =>
        app.WithDbAsync(db => db.Set<PaymentOrder>().AsNoTracking().Where(o => o.DraftId == draftId).OrderBy(o => o.CreatedAtUtc).ToListAsync(Ct));

    /// <summary>"Thanh toán phí, lệ phí" on the draft, then the payer's decision on the sandbox's page; returns the page
    /// the gateway sends the browser back to.</summary>
    internal static async Task<AngleSharp.Html.Dom.IHtmlDocument> PayAsync(OfficeClient citizen, Guid draftId, bool approve)
    {
        var started = await PressAsync(citizen, draftId, "pay", TwoCopies);
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect, await AlertAsync(started));
        var gateway = started.Headers.Location!.ToString();
        gateway.ShouldStartWith(VnpaySandbox.PaymentPath + "?");
        (await citizen.Http.GetAsync(gateway, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var decided = await citizen.Http.PostAsync(VnpaySandbox.Root + "/paymentv2/decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["txnRef"] = PaymentArrange.QueryOf(gateway)["vnp_TxnRef"], ["decision"] = approve ? "approve" : "cancel",
        }), Ct);
        decided.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var back = decided.Headers.Location!;
        back.AbsolutePath.ShouldBe($"/nop-ho-so/nhap/{draftId}/thanh-toan");
        return await citizen.GetPageAsync(back.PathAndQuery);
    }

    [Fact]
    public async Task ADraftPaidBeforeSubmission_IsRefusedUnpaid_ADeclineLeavesItUnsubmitted_AndOncePaidItIsSubmittedWithThePaymentInItsLedger()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world, PayBeforeSubmissionApp.PaidFirst);
        (await PressAsync(citizen, draftId, "save", TwoCopies)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var draft = await citizen.GetPageAsync(DraftUrl(draftId));
        draft.QuerySelector(".submission-total")!.TextContent.ShouldBe("16.000 ₫");
        draft.QuerySelector(".fee-line")!.TextContent.ShouldContain("8.000 ₫ × 2 bản");
        draft.QuerySelector("#payment-before-submission")!.TextContent.Trim()
            .ShouldBe("Thủ tục này phải nộp phí, lệ phí (16.000 ₫) trước khi nộp hồ sơ. Bấm \"Thanh toán phí, lệ phí\".");

        var unpaid = await PressAsync(citizen, draftId, "submit", TwoCopies);
        unpaid.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(unpaid))!.ShouldContain("phải nộp phí, lệ phí (16.000 ₫) trước khi nộp hồ sơ");
        (await DossiersOfAsync(draftId)).ShouldBeEmpty();

        var declined = await PayAsync(citizen, draftId, approve: false);
        declined.QuerySelector("#payment-result")!.TextContent.ShouldBe("Bạn đã hủy giao dịch thanh toán. Hồ sơ chưa được nộp; bạn có thể thanh toán lại.");
        (await DraftOrdersAsync(draftId)).ShouldHaveSingleItem().State.ShouldBe(PaymentState.Failed);
        (await ParseAsync(await PressAsync(citizen, draftId, "submit", TwoCopies))).QuerySelector("#pay-draft").ShouldNotBeNull();
        (await DossiersOfAsync(draftId)).ShouldBeEmpty();

        var paid = await PayAsync(citizen, draftId, approve: true);
        paid.QuerySelector("#payment-result")!.TextContent.ShouldBe("Đã thanh toán 16.000 ₫ phí, lệ phí. Bấm \"Nộp hồ sơ\" để hoàn tất việc nộp hồ sơ.");
        (await citizen.GetPageAsync(DraftUrl(draftId))).QuerySelector("#pay-draft").ShouldBeNull();

        var code = await ReceiptCodeAsync(await PressAsync(citizen, draftId, "submit", TwoCopies));

        var dossier = (await DossiersOfAsync(draftId)).ShouldHaveSingleItem();
        dossier.Code.ShouldBe(code);
        (dossier.FeesOwed, dossier.AmountPaid, dossier.OnlinePaymentKind).ShouldBe((16_000L, 16_000L, 2));
        var orders = await DraftOrdersAsync(draftId);
        orders.Select(o => o.State).ShouldBe([PaymentState.Failed, PaymentState.Paid]);
        orders[1].DossierId.ShouldBe(dossier.Id);
        orders[1].DossierCode.ShouldBe(code);
        dossier.Payments.ShouldHaveSingleItem().PaymentOrderId.ShouldBe(orders[1].Id);
        dossier.History.OrderBy(e => e.Sequence).Select(e => (e.Kind, e.ActorName)).ShouldBe([
            (DossierEventKind.Submit, TestData.CitizenName), (DossierEventKind.Payment, "Cổng thanh toán VNPAY")]);

        // Paid and submitted: the draft's payment cannot be started again.
        (await DraftOrdersAsync(draftId)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task AnExemptionDeclaredOnline_NeedsItsEvidence_AndIsKeptInTheSubmissionsHistory()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world, PayBeforeSubmissionApp.Exemptible);
        (await PressAsync(citizen, draftId, "save", TwoCopies)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await citizen.GetPageAsync(DraftUrl(draftId))).QuerySelector(".submission-total")!.TextContent.ShouldBe("10.000 ₫");

        var withoutEvidence = await PressAsync(citizen, draftId, "submit", f => { TwoCopies(f); f["ExemptionGroup"] = "meritorious-person"; });
        (await AlertAsync(withoutEvidence))!.ShouldContain("Chưa nhập căn cứ miễn phí, lệ phí");
        var draft = await citizen.GetPageAsync(DraftUrl(draftId));
        draft.QuerySelector(".submission-total")!.TextContent.ShouldBe("0 ₫");
        draft.QuerySelector(".fee-line")!.TextContent.ShouldContain("Miễn: Người có công với cách mạng và thân nhân");

        await ReceiptCodeAsync(await PressAsync(citizen, draftId, "submit", f =>
        {
            TwoCopies(f);
            f["ExemptionGroup"] = "meritorious-person";
            f["ExemptionReason"] = "Giấy chứng nhận thân nhân liệt sĩ số 45/GCN";
        }));

        var dossier = (await DossiersOfAsync(draftId)).ShouldHaveSingleItem();
        dossier.FeesOwed.ShouldBe(0);
        dossier.Fees.ShouldHaveSingleItem().Exempted.ShouldBeTrue();
        dossier.History.ShouldHaveSingleItem().Reason.ShouldBe(
            "Miễn Lệ phí đăng ký thường trú — đối tượng: Người có công với cách mạng và thân nhân; căn cứ: Giấy chứng nhận thân nhân liệt sĩ số 45/GCN");
    }

    [Fact]
    public async Task AnExemptionGroupTheProcedureDoesNotHave_IsRefusedOnSave()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world, PayBeforeSubmissionApp.PaidFirst);

        var refused = await PressAsync(citizen, draftId, "save", f => { TwoCopies(f); f["ExemptionGroup"] = "elderly"; });

        (await AlertAsync(refused))!.ShouldContain("thủ tục không miễn phí, lệ phí cho đối tượng \"Người cao tuổi\"");
    }
}
