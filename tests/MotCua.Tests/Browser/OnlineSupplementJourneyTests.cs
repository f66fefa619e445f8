using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Browser;

/// <summary>Journey (b): an online submission checked at the desk, completed once on request (Form 02), then received (Form 01).</summary>
[Collection(BrowserTests.Name)]
public sealed class OnlineSupplementJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task OnlineSubmission_WithOneSupplementAnswered_IsReceivedWithForm01()
    {
        await app.SeedWorldAsync();
        // The citizen portal does not exist yet: the submission is made through its use case.
        var submitted = await app.SubmittedOnlineAsync("Trần Văn Bình");
        await using var journey = Journey.Start(app);
        app.Clock.Advance(TimeSpan.FromMinutes(30));

        // The desk finds it waiting on its home page and checks it.
        var desk = await journey.SignInAsync("desk");
        var waiting = desk.Page.Locator("section[aria-labelledby=cho-tiep-nhan]");
        (await waiting.InnerTextAsync()).ShouldContain("Trần Văn Bình");
        await desk.SubmitAsync(waiting.GetByRole(AriaRole.Link, new() { Name = "Kiểm tra, tiếp nhận hồ sơ " + submitted.Code, Exact = true }), "kiem-tra-truc-tuyen");
        desk.Path.ShouldBe($"/office/reception/online/{submitted.Id}");
        (await desk.Page.Locator("h1").InnerTextAsync()).ShouldContain(submitted.Code!);

        // Something is missing: one request, listing everything (Form 02).
        await desk.Page.GetByLabel("Các nội dung cần bổ sung, hoàn thiện").FillAsync(
            "Bản sao hợp đồng thuê nhà có công chứng\nVăn bản đồng ý của chủ nhà cho đăng ký thường trú");
        await desk.Page.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Giấy tờ chứng minh chỗ ở chưa hợp lệ.");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Yêu cầu bổ sung", Exact = true }), "mau-02");
        desk.Path.ShouldBe($"/office/forms/02/{submitted.Id}");
        (await desk.Page.Locator("h1.form-title").InnerTextAsync()).ShouldBe("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
        (await desk.BodyTextAsync()).ShouldContain("Văn bản đồng ý của chủ nhà cho đăng ký thường trú");

        // The next day the applicant brings the papers: the desk records it on the dossier page.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await desk.GotoAsync($"/office/dossiers/{submitted.Id}", "ho-so-cho-bo-sung");
        (await desk.StatusAsync()).ShouldBe("Yêu cầu bổ sung giấy tờ");
        var answered = await desk.ActionAsync("Ghi nhận đã bổ sung");
        await answered.GetByLabel("Ghi chú").FillAsync("Người nộp đã gửi bổ sung hợp đồng công chứng và văn bản đồng ý của chủ nhà.");
        await desk.SubmitAsync(answered.GetByRole(AriaRole.Button, new() { Name = "Người nộp đã bổ sung" }), "da-ghi-nhan-bo-sung");
        (await desk.NoticeAsync()).ShouldContain("Đã ghi nhận bổ sung hồ sơ");
        (await desk.StatusAsync()).ShouldBe("Mới đăng ký");

        // Now complete: received from the online reception page, and Form 01 printed.
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Link, new() { Name = "Kiểm tra hồ sơ trực tuyến" }), "kiem-tra-lai");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận", Exact = true }), "da-tiep-nhan");
        (await desk.Page.Locator(".alert.success").InnerTextAsync()).ShouldContain("Đã tiếp nhận hồ sơ " + submitted.Code);
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Link, new() { Name = "In Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)" }), "mau-01");
        (await desk.Page.Locator("h1.form-title").InnerTextAsync()).ShouldBe("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        (await desk.Page.Locator(".applicant").InnerTextAsync()).ShouldBe("Trần Văn Bình");

        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Supplements).SingleAsync(d => d.Id == submitted.Id));
        stored.Status.ShouldBe(DossierStatus.Received);
        stored.Supplements.Single().State.ShouldBe(SupplementState.Answered);
    }
}
