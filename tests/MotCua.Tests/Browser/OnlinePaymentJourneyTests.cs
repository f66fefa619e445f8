using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using MotCua.Tests.Features.Catalog;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Payments;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Receipts;
using UglyToad.PdfPig;

namespace MotCua.Tests.Browser;

/// <summary>A citizen pays online through the gateway sandbox, in a real browser, the sandbox's notices reaching the app
/// over HTTP: a dossier's fee from "my dossiers" (cancelled, then declined by the bank, then paid; the dossier moves on and
/// its receipt is a real PDF), and a draft's fee before its submission (paid, back through the return page, submitted with
/// the paid order).</summary>
[Collection(BrowserTests.Name)]
public sealed class OnlinePaymentJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private VnpaySandboxOptions Sandbox => app.Services.GetRequiredService<IOptionsMonitor<PaymentOptions>>().CurrentValue.Sandbox;

    [Fact]
    public async Task Citizen_PaysOnlineInTheSandbox_AfterCancellingAndADecline_TheDossierMovesOn_AndTheReceiptIsARealPdf()
    {
        var waiting = await PaymentArrange.WaitingForPaymentAsync(app);
        await using var journey = Journey.Start(app);
        var citizen = await journey.OpenAsync("nguoi-nop-phi", Journey.Phone);
        var page = citizen.Page;
        await citizen.SignInCitizenAsync(waiting.Person.Phone);

        // Cancelled at the gateway: back with a clear message, the dossier still waits, and the payer may try again.
        await citizen.GotoAsync($"/ho-so-cua-toi/{waiting.Code}", "ho-so-cho-nop-phi");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Thanh toán trực tuyến" }), "trang-thanh-toan");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Thanh toán trực tuyến" }), "cong-thanh-toan");
        (await page.Locator("#amount").InnerTextAsync()).ShouldContain("10.000");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Hủy thanh toán" }), "da-huy-thanh-toan");
        (await page.Locator("#payment-result").InnerTextAsync()).ShouldBe(
            $"Bạn đã hủy giao dịch thanh toán. Hồ sơ {waiting.Code} vẫn đang chờ thực hiện nghĩa vụ tài chính; bạn có thể thanh toán lại.");
        (await PaymentArrange.DossierAsync(app, waiting.Id)).Status.ShouldBe(DossierStatus.AwaitingFinancialObligation);

        // Declined by the bank (not enough money): said in Vietnamese, nothing credited, the dossier still waits.
        Sandbox.DeclineAll = true;
        try
        {
            await citizen.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Thanh toán lại" }), "thanh-toan-lai");
            await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Thanh toán trực tuyến" }), "cong-thanh-toan-bi-tu-choi");
            await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận thanh toán" }), "ngan-hang-tu-choi");
        }
        finally
        {
            Sandbox.DeclineAll = false;
        }
        (await page.Locator("#payment-result").InnerTextAsync()).ShouldBe(
            "Giao dịch thanh toán không thành công: tài khoản không đủ số dư để thực hiện giao dịch (mã 51). Chưa có khoản tiền nào được ghi thu. " +
            $"Hồ sơ {waiting.Code} vẫn đang chờ thực hiện nghĩa vụ tài chính; bạn có thể thanh toán lại.");
        var declined = await PaymentArrange.DossierAsync(app, waiting.Id);
        (declined.Status, declined.AmountPaid).ShouldBe((DossierStatus.AwaitingFinancialObligation, 0L));

        // Paid: the gateway's notice credits the dossier, which goes back to processing.
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Thanh toán lại" }), "thanh-toan-lan-ba");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Thanh toán trực tuyến" }), "cong-thanh-toan-lan-ba");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận thanh toán" }), "thanh-toan-thanh-cong");
        (await page.Locator("#payment-result").InnerTextAsync()).ShouldStartWith("Thanh toán thành công");

        var dossier = await PaymentArrange.DossierAsync(app, waiting.Id);
        (dossier.Status, dossier.OnlinePaymentKind, dossier.AmountPaid).ShouldBe((DossierStatus.InProgress, 2, waiting.Owed));
        var orders = await PaymentArrange.OrdersAsync(app, waiting.Id);
        orders.Select(o => o.State).ShouldBe([PaymentState.Failed, PaymentState.Failed, PaymentState.Paid]);
        var paid = orders[2];
        paid.ReceiptNumber.ShouldNotBeNull();
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = $"Xem hồ sơ {waiting.Code}" }), "ho-so-da-nop-phi");
        (await citizen.BodyTextAsync()).ShouldContain("Cổng thanh toán VNPAY");

        // The receipt, from "my dossiers": listed once, and its PDF is the numbered receipt of this payment.
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Biên lai thu phí, lệ phí" }), "bien-lai");
        citizen.Path.ShouldBe($"/ho-so-cua-toi/{waiting.Code}/bien-lai");
        var number = paid.ReceiptNumber!.Value.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);
        (await page.Locator("#receipts tbody tr").CountAsync()).ShouldBe(1);
        (await page.Locator("#receipts tbody tr").InnerTextAsync()).ShouldContain($"BL-26E – số {number}");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Tải biên lai (PDF)" }).GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(href!);
        (response.Status, response.Headers["content-type"]).ShouldBe((200, "application/pdf"));
        using var pdf = PdfDocument.Open(await response.BodyAsync());
        var text = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        text.ShouldContain($"Số: {number}");
        text.ShouldContain(waiting.Code);
        text.ShouldContain(FeeCalculator.Money(waiting.Owed).Replace(" ₫", "", StringComparison.Ordinal));
        text.ShouldContain(MoneyInWords.Of(waiting.Owed));
    }

    [Fact]
    public async Task Citizen_PaysTheDraftBeforeSubmitting_ComesBackThroughTheReturnPage_AndTheDossierHasThePaidOrder()
    {
        const string code = "2.000635"; // Cấp bản sao trích lục hộ tịch: paid before submission, 8,000 đ a copy
        await app.SeedWorldAsync();
        await app.WithDbAsync(async db =>
        {
            if (await db.Procedures.AnyAsync(p => p.Code == code)) return;
            var procedure = new Procedure(Guid.NewGuid(), code);
            var content = SeedCatalog.Content(code);
            content.PayBeforeSubmission.ShouldBeTrue();
            procedure.Publish(content, new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc), "Quyết định thử nghiệm");
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync();
        });
        await using var journey = Journey.Start(app);
        var citizen = await journey.OpenAsync("nguoi-xin-trich-luc", Journey.Phone);
        var page = citizen.Page;
        await citizen.SignInCitizenAsync(TestData.CitizenPhone);

        await citizen.GotoAsync($"/nop-ho-so/{code}", "chon-noi-nop");
        await page.GetByLabel("Nơi nộp hồ sơ").SelectOptionAsync(new SelectOptionValue { Label = "Phường Một" });
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu khai hồ sơ" }), "to-khai");
        var draftId = Guid.Parse(citizen.Path.TrimEnd('/').Split('/')[^1]);
        await page.GetByLabel("Họ, chữ đệm và tên người có sự kiện hộ tịch", new() { Exact = true }).FillAsync("Nguyễn Văn Bé");
        await page.GetByLabel("Loại sự kiện hộ tịch", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Khai sinh" });
        await page.GetByLabel("Nơi đã đăng ký", new() { Exact = true }).FillAsync("UBND phường Một");
        await page.GetByLabel("Số bản sao đề nghị cấp", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("Họ, chữ đệm và tên người yêu cầu", new() { Exact = true }).FillAsync(TestData.CitizenName);
        await page.GetByLabel("Số định danh cá nhân của người yêu cầu", new() { Exact = true }).FillAsync(TestData.CitizenIdNumber);
        await page.GetByLabel("Số điện thoại liên hệ", new() { Exact = true }).FillAsync(TestData.CitizenPhone);
        await page.GetByLabel("Quan hệ với người có sự kiện hộ tịch", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Mẹ" });

        // Unpaid, the draft cannot be submitted; "Thanh toán phí, lệ phí" saves it and goes to the gateway.
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }), "chua-nop-phi");
        (await citizen.AlertAsync()).ShouldContain("phải nộp phí, lệ phí (16.000 ₫) trước khi nộp hồ sơ");
        await citizen.SubmitAsync(page.Locator("#pay-draft"), "cong-thanh-toan");
        (await page.Locator("#amount").InnerTextAsync()).ShouldContain("16.000");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận thanh toán" }), "da-thanh-toan");
        citizen.Path.ShouldBe($"/nop-ho-so/nhap/{draftId}/thanh-toan");
        (await page.Locator("#payment-result").InnerTextAsync()).ShouldBe("Đã thanh toán 16.000 ₫ phí, lệ phí. Bấm \"Nộp hồ sơ\" để hoàn tất việc nộp hồ sơ.");

        await citizen.SubmitAsync(page.Locator("#back-to-draft"), "quay-lai-ho-so");
        (await page.Locator("#pay-draft").CountAsync()).ShouldBe(0);
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }), "bien-nhan");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Nộp hồ sơ thành công");
        var dossierCode = (await page.Locator(".submission-code").InnerTextAsync()).Trim();

        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == dossierCode));
        var order = (await PaymentArrange.OrdersAsync(app, dossier.Id)).ShouldHaveSingleItem();
        (order.State, order.DraftId, order.Amount, order.ReceivingUnitId).ShouldBe((PaymentState.Paid, (Guid?)draftId, 16_000L, (Guid?)dossier.ReceivingUnitId));
        (dossier.FeesOwed, dossier.AmountPaid, dossier.OnlinePaymentKind).ShouldBe((16_000L, 16_000L, 2));
        dossier.Payments.ShouldHaveSingleItem().PaymentOrderId.ShouldBe(order.Id);
    }
}
