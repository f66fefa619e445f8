using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Browser;
using MotCua.Tests.Features.Identity;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;
using static Microsoft.Playwright.Assertions;

namespace MotCua.Tests.Pages.Portal.Account;

/// <summary>The account pages in Chromium on a 360 px phone: filled by their labels, every page and error state
/// screenshotted and checked with axe-core.</summary>
[Collection(BrowserTests.Name)]
public sealed class AccountBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Register_OnAPhone_FirstWithMistakesThenCorrected_SignsInAndOpensTheAccountPage()
    {
        await app.SeedWorldAsync();
        var contact = Citizens.NewContact();
        await using var journey = Journey.Start(app);
        var visitor = await journey.OpenAsync("nguoi-dan", Journey.Phone);
        await visitor.GotoAsync("/dang-ky", "dang-ky");

        var page = visitor.Page;
        await page.GetByLabel("Họ và tên").FillAsync("Trịnh Thị Điện Thoại");
        await page.GetByLabel("Số định danh cá nhân").FillAsync("123");
        await page.GetByLabel("Số điện thoại di động").FillAsync(TestData.CitizenPhone);
        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("MatKhau2026");
        await page.GetByLabel("Nhập lại mật khẩu").FillAsync("MatKhau2026");
        await visitor.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký" }), "dang-ky-loi");

        var alert = await visitor.AlertAsync();
        alert.ShouldContain("gồm đúng 12 chữ số");
        alert.ShouldContain("Số điện thoại này đã được dùng");
        alert.ShouldContain("đồng ý với việc xử lý dữ liệu cá nhân");
        await Expect(page.GetByLabel("Họ và tên")).ToHaveValueAsync("Trịnh Thị Điện Thoại");

        await page.GetByLabel("Số định danh cá nhân").FillAsync(contact.IdNumber);
        await page.GetByLabel("Số điện thoại di động").FillAsync(contact.Phone);
        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("MatKhau2026");
        await page.GetByLabel("Nhập lại mật khẩu").FillAsync("MatKhau2026");
        await page.GetByLabel("Tôi đã đọc thông báo trên").CheckAsync();
        // The journey's marker-based wait: Playwright's WaitForURL raced the POST-redirect-GET on a CI machine and
        // waited for a load event it had already missed.
        await visitor.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký" }), "sau-dang-ky");
        new Uri(page.Url).AbsolutePath.ShouldBe("/ho-so-cua-toi");

        await visitor.GotoAsync("/tai-khoan", "tai-khoan");
        (await visitor.BodyTextAsync()).ShouldContain(contact.IdNumber);
        await page.GetByLabel("Thư điện tử").FillAsync("khong-hop-le");
        await visitor.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Lưu thông tin liên hệ" }), "tai-khoan-loi");
        (await visitor.AlertAsync()).ShouldContain("Thư điện tử không hợp lệ");
        await page.GetByLabel("Thư điện tử").FillAsync(contact.Email);
        await visitor.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Lưu thông tin liên hệ" }), "tai-khoan-da-luu");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu thông tin liên hệ");

        var saved = await app.WithDbAsync(db => db.Citizens.AsNoTracking().SingleAsync(c => c.PersonalIdNumber == contact.IdNumber));
        (saved.FullName, saved.PhoneNumber, saved.Email).ShouldBe(("Trịnh Thị Điện Thoại", contact.Phone, contact.Email));
    }

    [Fact]
    public async Task ForgotAndResetPasswordPages_OnAPhone_AreAccessible()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);
        var visitor = await journey.OpenAsync("nguoi-dan", Journey.Phone);

        await visitor.GotoAsync("/quen-mat-khau", "quen-mat-khau");
        await visitor.SubmitAsync(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi đường dẫn đặt lại mật khẩu" }), "quen-mat-khau-trong");
        (await visitor.AlertAsync()).ShouldContain("Hãy nhập thư điện tử hoặc số điện thoại");
        await visitor.Page.GetByLabel("Thư điện tử hoặc số điện thoại").FillAsync(TestData.CitizenEmail);
        await visitor.SubmitAsync(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi đường dẫn đặt lại mật khẩu" }), "quen-mat-khau-da-gui");
        await Expect(visitor.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nếu thông tin bạn nhập khớp");

        var citizen = await Citizens.CreateAsync(app);
        var token = await app.WithServiceAsync<Microsoft.AspNetCore.Identity.UserManager<AppUser>, string>(u => u.GeneratePasswordResetTokenAsync(citizen));
        await visitor.GotoAsync($"/dat-lai-mat-khau?id={citizen.Id}&token={Uri.EscapeDataString(token)}", "dat-lai-mat-khau");
        await visitor.Page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("ngan");
        await visitor.SubmitAsync(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu mới" }), "dat-lai-mat-khau-loi");
        (await visitor.AlertAsync()).ShouldContain("ít nhất 8 ký tự");
        await visitor.GotoAsync($"/dat-lai-mat-khau?id={citizen.Id}&token=het-han", "dat-lai-mat-khau-het-han");
        (await visitor.AlertAsync()).ShouldContain("không còn hiệu lực");
    }

    [Fact]
    public async Task DigitalTeamAdminPage_GrantsAndRevokes_AndIsAccessible()
    {
        await app.SeedWorldAsync();
        var citizen = await Citizens.CreateAsync(app, fullName: "Lương Văn Số Hóa");
        await using var journey = Journey.Start(app);
        var admin = await journey.SignInAsync("admin");

        await admin.GotoAsync("/office/admin/to-cong-nghe-so", "to-cong-nghe-so");
        await admin.Page.GetByLabel("Số điện thoại hoặc số định danh cá nhân").FillAsync("0999999999");
        await admin.SubmitAsync(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Thêm vào Tổ" }), "to-cong-nghe-so-loi");
        (await admin.AlertAsync()).ShouldContain("Không tìm thấy tài khoản công dân");
        await admin.Page.GetByLabel("Số điện thoại hoặc số định danh cá nhân").FillAsync(citizen.PersonalIdNumber);
        await admin.SubmitAsync(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Thêm vào Tổ" }), "to-cong-nghe-so-da-them");
        (await admin.NoticeAsync()).ShouldContain("Lương Văn Số Hóa");
        await admin.AtTabletAsync("to-cong-nghe-so");

        await admin.SubmitAsync(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Thu hồi quyền của Lương Văn Số Hóa" }), "to-cong-nghe-so-thu-hoi");
        (await admin.NoticeAsync()).ShouldContain("Đã thu hồi quyền");
    }
}
