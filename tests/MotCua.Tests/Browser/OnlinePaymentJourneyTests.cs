using Microsoft.Playwright;
using MotCua.Tests.Payments;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;

namespace MotCua.Tests.Browser;

/// <summary>A citizen pays a dossier's fee from "my dossiers" through the gateway sandbox, in a real browser: the
/// sandbox's notice reaches the app over HTTP and the dossier moves on; a cancelled payment leaves it waiting.</summary>
[Collection(BrowserTests.Name)]
public sealed class OnlinePaymentJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Citizen_PaysOnlineInTheSandbox_AfterCancellingOnce_AndTheDossierMovesOn()
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

        // Paid: the gateway's notice credits the dossier, which goes back to processing.
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Thanh toán lại" }), "thanh-toan-lai");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Thanh toán trực tuyến" }), "cong-thanh-toan-lan-hai");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận thanh toán" }), "thanh-toan-thanh-cong");
        (await page.Locator("#payment-result").InnerTextAsync()).ShouldStartWith("Thanh toán thành công");

        var dossier = await PaymentArrange.DossierAsync(app, waiting.Id);
        (dossier.Status, dossier.OnlinePaymentKind, dossier.AmountPaid).ShouldBe((DossierStatus.InProgress, 2, waiting.Owed));
        (await PaymentArrange.OrdersAsync(app, waiting.Id)).Select(o => o.State).ShouldBe([PaymentState.Failed, PaymentState.Paid]);
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = $"Xem hồ sơ {waiting.Code}" }), "ho-so-da-nop-phi");
        (await citizen.BodyTextAsync()).ShouldContain("Cổng thanh toán VNPAY");
    }
}
