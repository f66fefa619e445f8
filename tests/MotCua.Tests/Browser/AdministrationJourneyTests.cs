using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Browser;

/// <summary>The administrator's pages: the unit tree, a new desk official for Xã Hai (who then signs in), the
/// procedures, the holiday calendar and the online-only list.</summary>
[Collection(BrowserTests.Name)]
public sealed class AdministrationJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Administrator_CreatesADeskOfficialForAnotherCommune_WhoCanThenSignIn()
    {
        var world = await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);

        var admin = await journey.SignInAsync("admin");
        await admin.SubmitAsync(admin.Page.GetByRole(AriaRole.Link, new() { Name = "Quản trị", Exact = true }), "quan-tri");
        var menu = admin.Page.GetByRole(AriaRole.Navigation, new() { Name = "Quản trị", Exact = true });
        await admin.SubmitAsync(menu.GetByRole(AriaRole.Link, new() { Name = "Đơn vị và cán bộ" }), "don-vi");
        await admin.SubmitAsync(admin.Page.GetByRole(AriaRole.Link, new() { Name = "Xã Hai", Exact = true }), "xa-hai");
        await admin.SubmitAsync(admin.Page.GetByRole(AriaRole.Link, new() { Name = "Thêm cán bộ" }), "them-can-bo");

        await admin.Page.GetByLabel("Tên đăng nhập").FillAsync("mai.nguyen");
        await admin.Page.GetByLabel("Họ và tên").FillAsync("Nguyễn Thị Mai");
        await admin.Page.GetByLabel("Chức danh").FillAsync("Công chức Văn phòng – Thống kê");
        await admin.Page.GetByLabel("Đơn vị công tác").SelectOptionAsync(world.OtherCommuneId.ToString());
        await admin.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Cán bộ một cửa", Exact = true }).CheckAsync();
        await admin.Page.GetByLabel("Mật khẩu ban đầu").FillAsync("Matkhau2026");
        await admin.SubmitAsync(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }), "da-tao-can-bo");
        (await admin.Page.Locator("h1").InnerTextAsync()).ShouldContain("Nguyễn Thị Mai");
        (await admin.BodyTextAsync()).ShouldContain("Đã tạo tài khoản mai.nguyen");

        await admin.SubmitAsync(menu.GetByRole(AriaRole.Link, new() { Name = "Thủ tục và phiên bản" }), "thu-tuc");
        await admin.SubmitAsync(admin.Page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký thường trú", Exact = true }), "thu-tuc-thuong-tru");
        await admin.SubmitAsync(menu.GetByRole(AriaRole.Link, new() { Name = "Lịch nghỉ lễ, làm bù" }), "lich-nghi");
        await admin.SubmitAsync(menu.GetByRole(AriaRole.Link, new() { Name = "Danh sách chỉ tiếp nhận trực tuyến" }), "chi-truc-tuyen");

        var mai = await journey.SignInAsync("mai.nguyen", "Matkhau2026");
        var who = await mai.Page.Locator(".who").InnerTextAsync();
        who.ShouldContain("Nguyễn Thị Mai");
        who.ShouldContain("Xã Hai");
        (await mai.Page.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận hồ sơ", Exact = true }).CountAsync()).ShouldBe(1);
    }
}
