using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Browser;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Pages.Portal.Submission;

/// <summary>The online submission in Chromium on a 360 px phone, without help from the tests: every page seen is
/// screenshotted (artifacts/screenshots/…) and checked with axe-core, the refused submission included.</summary>
[Collection(BrowserTests.Name)]
public sealed class SubmissionJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Citizen_OnAPhone_StartsFillsUploadsAndSubmits_ThenReadsTheReceipt()
    {
        var world = await app.SeedWorldAsync();
        await app.WithDbAsync(async db =>
        {
            var procedure = new Procedure(Guid.NewGuid(), SubmissionApp.WithEForm);
            procedure.Publish(TestData.Residence() with { Name = "Đăng ký thường trú (khai trực tuyến)", FormFields = SubmissionApp.Fields() },
                new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc), "Quyết định thử nghiệm");
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        await using var journey = Journey.Start(app);
        var citizen = await journey.OpenAsync("nguoi-dan", Journey.Phone);
        await citizen.SignInCitizenAsync(TestData.CitizenPhone);
        var page = citizen.Page;

        await citizen.GotoAsync($"/nop-ho-so/{SubmissionApp.WithEForm}", "chon-noi-nop");
        await page.GetByLabel("Nơi nộp hồ sơ").SelectOptionAsync(new SelectOptionValue { Label = "Phường Một" });
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu khai hồ sơ" }), "ban-nhap");

        await page.GetByLabel("Lý do đăng ký thường trú").FillAsync("Về ở cùng gia đình");
        await page.GetByLabel("Ngày chuyển đến").FillAsync("2026-11-01");
        await page.GetByLabel("Quan hệ với chủ hộ").SelectOptionAsync(new SelectOptionValue { Label = "Con" });
        await page.GetByLabel("Chủ hộ đồng ý cho đăng ký").CheckAsync();
        await page.GetByLabel("Chọn tệp cho Tờ khai thay đổi thông tin cư trú (CT01)").SetInputFilesAsync(Pdf("to-khai-ct01.pdf"));
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Tải lên tệp cho Tờ khai thay đổi thông tin cư trú (CT01)" }), "da-tai-len");
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Đã tải tệp lên và lưu nháp.");

        // One required paper is still missing: the submission is refused with the list, nothing is lost.
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }), "con-thieu");
        (await page.Locator("[role=alert]").InnerTextAsync()).ShouldContain("Giấy tờ chứng minh chỗ ở hợp pháp");
        (await page.GetByLabel("Lý do đăng ký thường trú").InputValueAsync()).ShouldBe("Về ở cùng gia đình");

        await page.GetByLabel("Chọn tệp cho Giấy tờ chứng minh chỗ ở hợp pháp").SetInputFilesAsync(Pdf("hop-dong-thue-nha.pdf"));
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }), "bien-nhan");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Nộp hồ sơ thành công");
        var code = await page.Locator(".submission-code").InnerTextAsync();
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Files).SingleAsync(d => d.Code == code, TestContext.Current.CancellationToken));
        (stored.Status, stored.CitizenAccountId, stored.ReceivingUnitId, stored.Files.Count).ShouldBe((DossierStatus.Submitted, (Guid?)world.CitizenId, world.DeskId, 2));

        // Drafts list on the phone, now empty of this draft.
        await citizen.GotoAsync("/nop-ho-so/nhap", "ho-so-dang-soan");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Bạn không có hồ sơ nào đang soạn.");
    }

    private static FilePayload Pdf(string name) =>
        new() { Name = name, MimeType = "application/pdf", Buffer = SubmissionForms.Pdf };
}
