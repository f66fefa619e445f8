using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Browser;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Pages.Portal.Tracking;

/// <summary>The citizen on a phone: follows their dossiers, answers a supplement request with a scan, rates a
/// returned dossier, withdraws another, opens their data store; a visitor looks a dossier up by its receipt.
/// Every page is screenshotted and checked with axe-core.</summary>
[Collection(BrowserTests.Name)]
public sealed class CitizenTrackingJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Citizen_FollowsAnswersRatesAndWithdraws_OnAPhone()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Đinh Thị Điện Thoại", "001190000701", "0912340701");
        var returned = await SubmitAsync(app, world, me);
        await ToReturnedAsync(app, world, returned.Id);
        var toWithdraw = await SubmitAsync(app, world, me);
        var waiting = await SubmitAsync(app, world, me);
        await ReceiveAsync(app, waiting.Id);
        await RequestSupplementAsync(app, waiting.Id, "Hợp đồng thuê nhà chưa công chứng", "Hợp đồng thuê nhà có công chứng");
        await using var journey = Journey.Start(app);

        var citizen = await journey.OpenAsync("cong-dan", Journey.Phone);
        await citizen.SignInCitizenAsync(me.Phone);
        citizen.Path.ShouldBe("/ho-so-cua-toi");
        (await citizen.Page.Locator("ul.my-dossiers > li").CountAsync()).ShouldBe(3);

        // The supplement: the papers asked for, scanned on the phone.
        await citizen.SubmitAsync(citizen.Page.GetByRole(AriaRole.Link, new() { Name = "Xem yêu cầu và bổ sung hồ sơ" }), "yeu-cau-bo-sung");
        await citizen.Page.GetByLabel("Thành phần hồ sơ").SelectOptionAsync(new SelectOptionValue { Label = "Giấy tờ chứng minh chỗ ở hợp pháp" });
        await citizen.Page.GetByLabel("Tệp (PDF, ảnh JPEG/PNG, Word .docx; có thể chọn nhiều tệp)").SetInputFilesAsync(
            new FilePayload { Name = "Hợp đồng công chứng.pdf", MimeType = "application/pdf", Buffer = OfficeDossiers.Pdf });
        await citizen.Page.GetByLabel("Nội dung bổ sung, ghi chú").FillAsync("Gửi hợp đồng đã công chứng.");
        await citizen.SubmitAsync(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi bổ sung" }), "da-bo-sung");
        (await citizen.Page.Locator(".notice[role=status]").InnerTextAsync()).ShouldStartWith("Đã gửi hồ sơ bổ sung.");
        (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == waiting.Id))).Status.ShouldBe(DossierStatus.Received);

        // The rating of the returned dossier.
        await citizen.GotoAsync(Url(returned.Code!), "ho-so-da-tra");
        await citizen.Page.GetByLabel("4 – Hài lòng").CheckAsync();
        await citizen.Page.GetByLabel("Góp ý (không bắt buộc)").FillAsync("Cán bộ hướng dẫn tận tình.");
        await citizen.SubmitAsync(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }), "da-danh-gia");
        (await app.WithDbAsync(db => db.SatisfactionRatings.AsNoTracking().SingleAsync(r => r.DossierId == returned.Id))).Score.ShouldBe(4);

        // The withdrawal, confirmed.
        await citizen.GotoAsync(Url(toWithdraw.Code!), "ho-so-moi-nop");
        await citizen.Page.GetByLabel("Lý do rút hồ sơ").FillAsync("Nộp nhầm thủ tục.");
        await citizen.SubmitAsync(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Rút hồ sơ…" }), "xac-nhan-rut");
        await citizen.SubmitAsync(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận rút hồ sơ" }), "da-rut");
        (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == toWithdraw.Id))).Status.ShouldBe(DossierStatus.Withdrawn);

        await citizen.GotoAsync("/kho-du-lieu", "kho-du-lieu");
        (await citizen.Page.Locator("ul.documents > li h2").AllInnerTextsAsync()).ShouldBe(["Giấy tờ chứng minh chỗ ở hợp pháp", "Thông báo kết quả đăng ký thường trú"], ignoreOrder: true);

        // A visitor with the receipt in hand.
        var visitor = await journey.OpenAsync("khach", Journey.Phone);
        await visitor.GotoAsync("/tra-cuu", "tra-cuu");
        await visitor.Page.GetByLabel("Mã hồ sơ").FillAsync(waiting.Code!);
        await visitor.Page.GetByLabel("Mã tra cứu").FillAsync(waiting.LookupCode);
        await visitor.SubmitAsync(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }), "ket-qua-tra-cuu");
        (await visitor.Page.Locator("section.lookup-result h2").InnerTextAsync()).ShouldBe("Hồ sơ " + waiting.Code);
        await visitor.Page.GetByLabel("Mã tra cứu").FillAsync("ABCDEFGH");
        await visitor.SubmitAsync(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }), "sai-ma-tra-cuu", expectedStatus: 404);
    }
}
