using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Browser;

/// <summary>Officials sign in through the login page and land on their home page, in Vietnamese and accessible.</summary>
[Collection(BrowserTests.Name)]
public sealed class SignInJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task SignIn_AsEachRole_LandsOnTheOfficeHomeWithTheirNameAndUnit()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);

        foreach (var (user, unit) in new[]
                 {
                     ("desk", "Trung tâm Phục vụ hành chính công phường Một"), ("specialist", "Văn phòng HĐND và UBND phường Một"),
                     ("leader", "Phường Một"), ("clerk", "Văn phòng HĐND và UBND phường Một"), ("admin", "Tỉnh Thử Nghiệm"),
                 })
        {
            var official = await journey.SignInAsync(user);
            var who = await official.Page.Locator(".who").InnerTextAsync();
            who.ShouldContain("Cán bộ " + user);
            who.ShouldContain(unit);
            if (user == "desk")
            {
                (await official.Page.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận hồ sơ", Exact = true }).CountAsync()).ShouldBe(1);
                await official.AtTabletAsync("trang-chu");
            }
        }
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_StaysOnTheLoginPageWithAVietnameseMessage()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);
        var visitor = await journey.OpenAsync("khach");

        await visitor.GotoAsync("/office/login", "dang-nhap");
        await visitor.Page.GetByLabel("Tên đăng nhập").FillAsync("desk");
        await visitor.Page.GetByLabel("Mật khẩu").FillAsync("sai-mat-khau");
        await visitor.SubmitAsync(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }), "sai-mat-khau");

        visitor.Path.ShouldBe("/office/login");
        (await visitor.Page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    }

    [Fact]
    public async Task Office_WhenNotSignedIn_GoesToTheLoginPage()
    {
        await using var journey = Journey.Start(app);
        var visitor = await journey.OpenAsync("khach");

        await visitor.GotoAsync("/office", "chuyen-den-dang-nhap");

        visitor.Path.ShouldBe("/office/login");
        (await visitor.Page.Locator("h1").InnerTextAsync()).ShouldBe("Đăng nhập dành cho cán bộ, công chức");
    }

    [Fact]
    public async Task SignOut_FromTheOfficeHeader_EndsTheSessionAndGoesToTheLoginPage()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);
        var desk = await journey.SignInAsync("desk");

        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }), "dang-xuat");

        desk.Path.ShouldBe("/office/login");
        await desk.GotoAsync("/office", "sau-dang-xuat");
        desk.Path.ShouldBe("/office/login");
    }
}
