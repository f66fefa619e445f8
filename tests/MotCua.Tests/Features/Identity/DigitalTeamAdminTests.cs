using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Admin;
using MotCua.Web.Features.Identity;
using static MotCua.Tests.Pages.Office.Admin.AdminForms;

namespace MotCua.Tests.Features.Identity;

/// <summary>/office/admin/to-cong-nghe-so: administrators add citizens' accounts to the Tổ công nghệ số cộng đồng
/// (the role that lets them submit for others) and take them out.</summary>
public sealed class DigitalTeamAdminTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/office/admin/to-cong-nghe-so";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<bool> IsMemberAsync(Guid accountId) =>
        app.WithDbAsync(db => (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            where ur.UserId == accountId && r.Name == IdentitySetup.CommunityDigitalTeamRole
            select ur).AnyAsync(Ct));

    [Fact]
    public async Task Page_ListsTheMembers_WithOneHeadingAndLabelledFields()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.GetPageAsync(Url);

        page.QuerySelectorAll("h1").Length.ShouldBe(1);
        page.QuerySelector($"nav[aria-label='Quản trị'] a[href='{Url}']").ShouldNotBeNull();
        page.QuerySelector("#members")!.TextContent.ShouldContain(TestData.HelperName);
        page.QuerySelector($"#members input[name=AccountId][value='{world.HelperId}']").ShouldNotBeNull();
        page.QuerySelector("#members")!.TextContent.ShouldNotContain(TestData.CitizenName);
        page.QuerySelector("label[for=identifier]").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("id")]
    public async Task Grant_ByPhoneOrIdNumber_AddsTheRole(string by)
    {
        await app.SeedWorldAsync();
        var citizen = await Citizens.CreateAsync(app, fullName: "Ngô Văn Tình Nguyện");
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var response = await admin.SubmitAsync(Url, "form#grant", new() { ["Identifier"] = V(by == "phone" ? "+84" + citizen.PhoneNumber![1..] : citizen.PersonalIdNumber) });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IsMemberAsync(citizen.Id)).ShouldBeTrue();
        var page = await admin.PageAfterAsync(response);
        page.NoticeText()!.ShouldContain("Đã thêm Ngô Văn Tình Nguyện");
        page.QuerySelector("#members")!.TextContent.ShouldContain("Ngô Văn Tình Nguyện");
    }

    [Fact]
    public async Task Grant_ForAnUnknownAccount_SaysSoAndChangesNothing()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await app.WithDbAsync(db => db.UserRoles.CountAsync(Ct));

        var page = await admin.PageAfterAsync(await admin.SubmitAsync(Url, "form#grant", new() { ["Identifier"] = V("0999999999") }));

        page.ErrorText()!.ShouldContain("Không tìm thấy tài khoản công dân");
        page.ErrorText()!.ShouldContain("0999999999");
        (await app.WithDbAsync(db => db.UserRoles.CountAsync(Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task Grant_ForAnOfficialsUserName_IsRefused()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.PageAfterAsync(await admin.SubmitAsync(Url, "form#grant", new() { ["Identifier"] = V("desk") }));

        page.ErrorText()!.ShouldContain("Không tìm thấy tài khoản công dân");
    }

    [Fact]
    public async Task Grant_ForAMember_SaysTheyAlreadyAre()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.PageAfterAsync(await admin.SubmitAsync(Url, "form#grant", new() { ["Identifier"] = V(TestData.HelperPhone) }));

        page.ErrorText()!.ShouldContain("đã là thành viên");
    }

    [Fact]
    public async Task Revoke_RemovesTheRole()
    {
        await app.SeedWorldAsync();
        var citizen = await Citizens.CreateAsync(app, fullName: "Đinh Thị Thôi");
        var admin = await OfficeClient.SignInAsync(app, "admin");
        await admin.SubmitAsync(Url, "form#grant", new() { ["Identifier"] = V(citizen.PhoneNumber!) });
        (await IsMemberAsync(citizen.Id)).ShouldBeTrue();

        var page = await admin.GetPageAsync(Url);
        var form = page.QuerySelector($"#members input[name=AccountId][value='{citizen.Id}']")!.Closest("form")!;
        var response = await admin.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
        [
            new("AccountId", citizen.Id.ToString()),
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IsMemberAsync(citizen.Id)).ShouldBeFalse();
        var after = await admin.PageAfterAsync(response);
        after.NoticeText()!.ShouldContain("Đã thu hồi quyền");
        after.QuerySelector($"#members input[name=AccountId][value='{citizen.Id}']").ShouldBeNull();
        (await Citizens.ReloadAsync(app, citizen.Id)).FullName.ShouldBe("Đinh Thị Thôi");
    }

    [Fact]
    public async Task Page_ForADeskOfficialOrACitizen_IsDenied()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var helper = await OfficeClient.SignInCitizenAsync(app, TestData.HelperPhone);
        var citizen = await Citizens.CreateAsync(app);

        foreach (var client in new[] { desk, helper })
        {
            var get = await client.Http.GetAsync(Url, Ct);
            get.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            get.Headers.Location!.ToString().ShouldContain("/office/");
            var post = await client.Http.PostAsync(Url + "?handler=Grant", new FormUrlEncodedContent([new("Identifier", citizen.PhoneNumber!)]), Ct);
            post.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        }
        (await IsMemberAsync(citizen.Id)).ShouldBeFalse();
    }
}
