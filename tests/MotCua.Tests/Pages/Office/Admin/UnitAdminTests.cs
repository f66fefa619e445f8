using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using static MotCua.Tests.Pages.Office.Admin.AdminForms;

namespace MotCua.Tests.Pages.Office.Admin;

public sealed class UnitAdminTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string UnitsPage = "/office/admin/units";

    private static Dictionary<string, string[]> NewUnit(string name, string code, Guid parentId, UnitKind kind = UnitKind.Commune) => new()
    {
        ["Input.Name"] = V(name),
        ["Input.Kind"] = V(kind.ToString()),
        ["Input.ParentId"] = V(parentId.ToString()),
        ["Input.AgencyCode"] = V(code),
        ["Input.CodeValidFrom"] = V("2026-11-01"),
        ["Input.Decision"] = V("Quyết định số 10/QĐ-UBND"),
    };

    private async Task<int> UnitCountAsync() => await app.WithDbAsync(db => db.Units.CountAsync());

    [Fact]
    public async Task CreateUnit_WithValidCode_IsPersistedUnderItsParentAndShownInTheTree()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var response = await admin.SubmitAsync(UnitsPage, "form.form", NewUnit("Xã Ba", " 000.00.43.h98 ", world.ProvinceId));

        var page = await admin.PageAfterAsync(response);
        page.ErrorText().ShouldBeNull();
        page.NoticeText()!.ShouldContain("000.00.43.H98");
        var unit = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.AgencyCode == "000.00.43.H98"));
        (unit.Name, unit.Kind, unit.ParentId).ShouldBe(("Xã Ba", UnitKind.Commune, (Guid?)world.ProvinceId));
        var code = unit.CodeHistory.ShouldHaveSingleItem();
        (code.ValidFromUtc, code.Decision).ShouldBe((TestClock.Vn(2026, 11, 1, 0), "Quyết định số 10/QĐ-UBND"));
        var tree = await admin.GetPageAsync(UnitsPage);
        tree.QuerySelectorAll("table.list tbody th a").Select(a => a.TextContent.Trim()).ShouldContain("Xã Ba");
        // The cached tree the dossier rules use sees the new unit at once.
        var node = await app.WithServiceAsync<UnitTree, UnitTree.Node?>(t => t.FindAsync(unit.Id, TestContext.Current.CancellationToken));
        node.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("000.00.43", "không đúng định dạng QCVN 102")]
    [InlineData("H98.00.00.000", "không đúng định dạng QCVN 102")]
    [InlineData("", "Hãy nhập mã định danh")]
    public async Task CreateUnit_WithInvalidCode_ShowsVietnameseMessageAndSavesNothing(string code, string message)
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await UnitCountAsync();

        var response = await admin.SubmitAsync(UnitsPage, "form.form", NewUnit("Xã Sai Mã", code, world.ProvinceId));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await admin.PageAfterAsync(response);
        page.ErrorText()!.ShouldContain(message);
        // What was typed is kept for correction.
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#name")!.Value.ShouldBe("Xã Sai Mã");
        (await UnitCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CreateUnit_WithCodeOfAnotherUnit_ShowsVietnameseMessageAndSavesNothing()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await UnitCountAsync();

        var response = await admin.SubmitAsync(UnitsPage, "form.form", NewUnit("Xã Trùng Mã", world.OtherCommuneCode, world.ProvinceId));

        var page = await admin.PageAfterAsync(response);
        page.ErrorText().ShouldBe($"Mã định danh {world.OtherCommuneCode} đang được dùng cho Xã Hai. Mỗi mã chỉ cấp cho một đơn vị.");
        (await UnitCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CreateUnit_WithCommuneWithoutParentAndNoName_ListsEveryProblem()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await UnitCountAsync();

        var response = await admin.SubmitAsync(UnitsPage, "form.form", new()
        {
            ["Input.Name"] = V(" "), ["Input.Kind"] = V("Commune"), ["Input.ParentId"] = V(""), ["Input.AgencyCode"] = V("000.00.44.H98"),
        });

        var error = (await admin.PageAfterAsync(response)).ErrorText()!;
        error.ShouldContain("Hãy nhập tên đơn vị.");
        error.ShouldContain("Xã, phường, đặc khu phải trực thuộc một tỉnh");
        (await UnitCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ReissueCode_WithNewCode_KeepsOldAndNewInTheHistory()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var created = await admin.SubmitAsync(UnitsPage, "form.form", NewUnit("Phường Bốn", "000.00.45.H98", world.ProvinceId, UnitKind.Ward));
        var unitUrl = created.Headers.Location!.ToString();

        var response = await admin.SubmitAsync(unitUrl, "form[action*='handler=Reissue']", new()
        {
            ["Reissue.NewCode"] = V("000.00.46.H98"), ["Reissue.ValidFrom"] = V("2026-11-15"), ["Reissue.Decision"] = V("Quyết định số 99/QĐ-UBND"),
        });

        var page = await admin.PageAfterAsync(response);
        page.ErrorText().ShouldBeNull();
        page.QuerySelector("#current-code")!.TextContent.ShouldBe("000.00.46.H98");
        page.QuerySelectorAll("table[aria-labelledby='history-heading'] tbody th").Select(th => th.TextContent.Trim())
            .ShouldBe(["000.00.46.H98", "000.00.45.H98"]);
        var unit = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Name == "Phường Bốn"));
        unit.AgencyCode.ShouldBe("000.00.46.H98");
        unit.CodeHistory.OrderBy(c => c.ValidFromUtc).Select(c => (c.Code, c.ValidToUtc, c.Decision)).ShouldBe(
        [
            ("000.00.45.H98", (DateTime?)TestClock.Vn(2026, 11, 15, 0), "Quyết định số 10/QĐ-UBND"),
            ("000.00.46.H98", null, "Quyết định số 99/QĐ-UBND"),
        ]);
        // The retired code still finds its unit and cannot be given to another one.
        var again = await admin.SubmitAsync(UnitsPage, "form.form", NewUnit("Xã Năm", "000.00.45.H98", world.ProvinceId));
        (await admin.PageAfterAsync(again)).ErrorText()!.ShouldContain("đã từng cấp cho Phường Bốn");
    }

    [Fact]
    public async Task ReissueCode_WithFutureDateOrSameCode_ShowsMessageAndKeepsTheCode()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var unitUrl = $"/office/admin/units/{world.OtherCommuneId}";

        var future = await admin.SubmitAsync(unitUrl, "form[action*='handler=Reissue']", new()
        {
            ["Reissue.NewCode"] = V("000.00.47.H98"), ["Reissue.ValidFrom"] = V("2026-12-01"), ["Reissue.Decision"] = V("QĐ 1"),
        });
        (await admin.PageAfterAsync(future)).ErrorText()!.ShouldContain("chưa đến");
        var same = await admin.SubmitAsync(unitUrl, "form[action*='handler=Reissue']", new()
        {
            ["Reissue.NewCode"] = V(world.OtherCommuneCode), ["Reissue.ValidFrom"] = V("2026-11-16"), ["Reissue.Decision"] = V("QĐ 2"),
        });
        (await admin.PageAfterAsync(same)).ErrorText().ShouldBe($"Đơn vị đã mang mã định danh {world.OtherCommuneCode}.");

        var unit = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == world.OtherCommuneId));
        (unit.AgencyCode, unit.CodeHistory.Count).ShouldBe((world.OtherCommuneCode, 1));
    }

    [Fact]
    public async Task RenameUnit_WithNewName_IsPersisted()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var created = await admin.SubmitAsync(UnitsPage, "form.form", NewUnit("Xã Sáu", "000.00.48.H98", world.ProvinceId));

        var response = await admin.SubmitAsync(created.Headers.Location!.ToString(), "form[action*='handler=Rename']", new() { ["NewName"] = V("Xã Sáu Mới") });

        (await admin.PageAfterAsync(response)).QuerySelector("h1")!.TextContent.ShouldBe("Xã Sáu Mới");
        (await app.WithDbAsync(db => db.Units.AnyAsync(u => u.Name == "Xã Sáu Mới" && u.AgencyCode == "000.00.48.H98"))).ShouldBeTrue();
    }

    [Fact]
    public async Task CreateOfficial_WithTwoRoles_CanSignInAndHasBothRoles()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var response = await admin.SubmitAsync($"/office/admin/officials/create?unitId={world.CommuneId}", "main form", new()
        {
            ["Input.UserName"] = V("tuphap.lan"),
            ["Input.FullName"] = V("Nguyễn Thị Lan"),
            ["Input.Title"] = V("Công chức Tư pháp – Hộ tịch"),
            ["Input.Roles"] = V("Specialist", "DeskOfficial"),
            ["Input.Password"] = V("MatKhau2026"),
        });

        var page = await admin.PageAfterAsync(response);
        page.ErrorText().ShouldBeNull();
        page.QuerySelector("#roles")!.TextContent.ShouldBe("Cán bộ một cửa, Chuyên viên");
        var official = await app.WithDbAsync(db => db.Officials.SingleAsync(o => o.UserName == "tuphap.lan"));
        (official.FullName, official.Title, official.UnitId).ShouldBe(("Nguyễn Thị Lan", "Công chức Tư pháp – Hộ tịch", world.CommuneId));
        var roles = await RolesAsync("tuphap.lan");
        roles.ShouldBe(["DeskOfficial", "Specialist"], ignoreOrder: true);

        var official2 = await OfficeClient.SignInAsync(app, "tuphap.lan", "MatKhau2026");
        var home = await official2.GetPageAsync("/office");
        home.QuerySelector(".who")!.TextContent.ShouldContain("Phường Một");
        home.QuerySelector("a[href='/office/reception/desk']").ShouldNotBeNull();
        // The unit page lists the new official with both roles.
        var unitPage = await admin.GetPageAsync($"/office/admin/units/{world.CommuneId}");
        unitPage.QuerySelectorAll("table[aria-labelledby='officials-heading'] tbody tr")
            .Single(tr => tr.TextContent.Contains("tuphap.lan", StringComparison.Ordinal)).TextContent.ShouldContain("Cán bộ một cửa, Chuyên viên");
    }

    [Fact]
    public async Task CreateOfficial_WithWeakPasswordNoRoleAndTakenName_ListsEveryProblemAndCreatesNothing()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await app.WithDbAsync(db => db.Officials.CountAsync());

        var response = await admin.SubmitAsync($"/office/admin/officials/create?unitId={world.CommuneId}", "main form", new()
        {
            ["Input.UserName"] = V("desk"), ["Input.FullName"] = V("Trần Văn B"), ["Input.Roles"] = V(), ["Input.Password"] = V("abc"),
        });

        var error = (await admin.PageAfterAsync(response)).ErrorText()!;
        error.ShouldContain("Tên đăng nhập \"desk\" đã có người dùng.");
        error.ShouldContain("Hãy chọn ít nhất một vai trò.");
        error.ShouldContain("Mật khẩu phải ít nhất 8 ký tự");
        error.ShouldContain("có chữ hoa (A-Z)");
        (await app.WithDbAsync(db => db.Officials.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task UpdateOfficial_WithOtherRolesAndUnit_IsPersisted()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var id = await CreateOfficialAsync(admin, world.CommuneId, "chuyenvien.hai", "Specialist");

        var response = await admin.SubmitAsync($"/office/admin/officials/{id}", "form[action*='handler=Update']", new()
        {
            ["Input.UnitId"] = V(world.OtherCommuneId.ToString()), ["Input.Roles"] = V("Leader", "Clerk"),
        });

        (await admin.PageAfterAsync(response)).ErrorText().ShouldBeNull();
        (await app.WithDbAsync(db => db.Officials.SingleAsync(o => o.Id == id))).UnitId.ShouldBe(world.OtherCommuneId);
        (await RolesAsync("chuyenvien.hai")).ShouldBe(["Clerk", "Leader"], ignoreOrder: true);
    }

    [Fact]
    public async Task UpdateOfficial_WhenAdministratorDropsOwnAdministratorRole_IsRefused()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var adminId = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "admin").Select(o => o.Id).SingleAsync());

        var response = await admin.SubmitAsync($"/office/admin/officials/{adminId}", "form[action*='handler=Update']", new() { ["Input.Roles"] = V("Leader") });

        (await admin.PageAfterAsync(response)).ErrorText()!.ShouldContain("không thể tự bỏ vai trò Quản trị hệ thống");
        (await RolesAsync("admin")).ShouldBe(["Administrator"]);
    }

    [Fact]
    public async Task LockOfficial_WhenLocked_CannotSignInUntilUnlocked()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var id = await CreateOfficialAsync(admin, world.CommuneId, "vanthu.ba", "Clerk");
        var url = $"/office/admin/officials/{id}";

        var locked = await admin.PageAfterAsync(await admin.SubmitAsync(url, "form[action*='handler=Lock']"));

        locked.QuerySelector("#status")!.TextContent.ShouldBe("Đang khóa");
        await Should.ThrowAsync<InvalidOperationException>(() => OfficeClient.SignInAsync(app, "vanthu.ba", "MatKhau2026"));

        var unlocked = await admin.PageAfterAsync(await admin.SubmitAsync(url, "form[action*='handler=Unlock']"));
        unlocked.QuerySelector("#status")!.TextContent.ShouldBe("Hoạt động");
        await OfficeClient.SignInAsync(app, "vanthu.ba", "MatKhau2026");
    }

    [Fact]
    public async Task ResetPassword_WithValidPassword_OnlyTheNewOneSignsIn_AndWeakOneIsRefused()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var id = await CreateOfficialAsync(admin, world.CommuneId, "lanhdao.tu", "Leader");
        var url = $"/office/admin/officials/{id}";

        var weak = await admin.PageAfterAsync(await admin.SubmitAsync(url, "form[action*='handler=ResetPassword']", new() { ["NewPassword"] = V("12345678") }));
        weak.ErrorText()!.ShouldStartWith("Mật khẩu phải");
        await OfficeClient.SignInAsync(app, "lanhdao.tu", "MatKhau2026");

        var reset = await admin.PageAfterAsync(await admin.SubmitAsync(url, "form[action*='handler=ResetPassword']", new() { ["NewPassword"] = V("MoiHon2027") }));

        reset.ErrorText().ShouldBeNull();
        await OfficeClient.SignInAsync(app, "lanhdao.tu", "MoiHon2027");
        await Should.ThrowAsync<InvalidOperationException>(() => OfficeClient.SignInAsync(app, "lanhdao.tu", "MatKhau2026"));
    }

    private async Task<Guid> CreateOfficialAsync(OfficeClient admin, Guid unitId, string userName, string role)
    {
        var response = await admin.SubmitAsync($"/office/admin/officials/create?unitId={unitId}", "main form", new()
        {
            ["Input.UserName"] = V(userName), ["Input.FullName"] = V("Cán bộ " + userName), ["Input.Roles"] = V(role), ["Input.Password"] = V("MatKhau2026"),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == userName).Select(o => o.Id).SingleAsync());
    }

    private async Task<IList<string>> RolesAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetRolesAsync((await users.FindByNameAsync(userName))!);
    }
}
