using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Browser;

/// <summary>Journey (c): a dossier past its due date; the leader apologises and sets one new date (Form 04) — once only.
/// Its own class: it moves the clock of its app.</summary>
[Collection(BrowserTests.Name)]
public sealed class LateDossierJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Apology_ForALateDossier_ShowsForm04_AndASecondOneIsRefused()
    {
        await app.SeedWorldAsync();
        var received = await app.ReceivedAtDeskAsync("Phạm Thị Lan");
        await app.HandedToDepartmentAsync(received.Id);
        // Due 09:00 26/11/2026 (7 working days); a day later nothing has come back.
        app.Clock.Set(received.DueAtUtc.AddDays(1));
        await using var journey = Journey.Start(app);

        var leader = await journey.SignInAsync("leader");
        var late = leader.Page.Locator("section[aria-labelledby=qua-han]");
        await leader.SubmitAsync(late.GetByRole(AriaRole.Link, new() { Name = received.Code, Exact = true }), "ho-so-qua-han");
        (await leader.Page.Locator(".status-line").InnerTextAsync()).ShouldContain("Quá hạn");

        var apology = await leader.ActionAsync("Xin lỗi, hẹn lại ngày trả");
        await apology.GetByLabel("Lý do chậm trễ").FillAsync("Phải xác minh thêm thông tin cư trú với Công an tỉnh.");
        await apology.GetByLabel("Ngày, giờ hẹn trả mới").FillAsync("2026-12-03T16:00");
        await leader.SubmitAsync(apology.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận văn bản xin lỗi" }), "da-xin-loi");
        (await leader.NoticeAsync()).ShouldContain("hẹn trả mới 16:00 03/12/2026");

        await leader.SubmitAsync(leader.Page.GetByRole(AriaRole.Link, new() { Name = "Mẫu 04: Văn bản xin lỗi và hẹn lại ngày trả kết quả" }), "mau-04");
        (await leader.Page.Locator("h1.form-title").InnerTextAsync()).ShouldBe("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ");
        (await leader.Page.Locator(".reason").InnerTextAsync()).ShouldBe("Phải xác minh thêm thông tin cư trú với Công an tỉnh.");
        (await leader.Page.Locator(".new-due").InnerTextAsync()).ShouldContain("03/12/2026");

        // The page offers no second apology; asked again from the same session, the rule refuses it.
        await leader.GotoAsync($"/office/dossiers/{received.Id}", "ho-so-da-hen-lai");
        (await leader.OffersAsync("Xin lỗi, hẹn lại ngày trả")).ShouldBeFalse();
        var again = await leader.Page.APIRequest.PostAsync($"/api/dossiers/{received.Id}/apology", new()
        {
            DataObject = new { reason = "Chưa có ý kiến của Công an tỉnh.", newDueAtUtc = received.DueAtUtc.AddDays(14) },
        });
        again.Status.ShouldBe(422);
        var detail = JsonDocument.Parse(await again.TextAsync()).RootElement.GetProperty("detail").GetString();
        detail.ShouldNotBeNull().ShouldContain("chỉ được hẹn lại một lần");

        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        stored.Apology.ShouldNotBeNull().NewDueUtc.ShouldBe(TestClock.Vn(2026, 12, 3, 16, 0));
        stored.DueAtUtc.ShouldBe(received.DueAtUtc); // the legal date stays: the dossier is still late
        (await leader.Page.Locator(".status-line").InnerTextAsync()).ShouldContain("Quá hạn");
    }
}
