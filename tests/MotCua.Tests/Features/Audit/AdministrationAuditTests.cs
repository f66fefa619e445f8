using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Features.Identity;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Admin;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Catalog;
using static MotCua.Tests.Pages.Office.Admin.AdminForms;

namespace MotCua.Tests.Features.Audit;

/// <summary>Every administration change, made through the office pages or the API as an administrator makes it,
/// leaves one entry in the audit log with who, when, what and the values before and after; a refused change
/// leaves none.</summary>
public sealed class AdministrationAuditTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string UnitsPage = "/office/admin/units";
    private const string AdminName = "Cán bộ admin";
    private const string AdministratorRole = "Quản trị hệ thống";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string[]> NewUnit(string name, string code, Guid parentId) => new()
    {
        ["Input.Name"] = V(name),
        ["Input.Kind"] = V("Commune"),
        ["Input.ParentId"] = V(parentId.ToString()),
        ["Input.AgencyCode"] = V(code),
        ["Input.CodeValidFrom"] = V("2026-11-01"),
        ["Input.Decision"] = V("Quyết định số 10/QĐ-UBND"),
    };

    private void ShouldBeTheAdministratorNow(AuditApi.Entry entry, TestData.World world)
    {
        (entry.ActorName, entry.ActorRole, entry.ActorUnitId, entry.ActorUnitName).ShouldBe((AdminName, AdministratorRole, (Guid?)world.ProvinceId, "Tỉnh Thử Nghiệm"));
        entry.ActorId.ShouldNotBeNull();
        entry.AtUtc.ShouldBe(app.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task CreateRenameAndReissueUnit_ThroughThePages_AreEachRecordedWithBeforeAndAfter()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var created = await admin.SubmitAsync(UnitsPage, "form.form", NewUnit("Xã Nhật Ký", "000.00.61.H98", world.ProvinceId));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.AgencyCode == "000.00.61.H98").Select(u => u.Id).SingleAsync(Ct));
        var unitUrl = created.Headers.Location!.ToString();
        (await admin.SubmitAsync(unitUrl, "form[action*='handler=Rename']", new() { ["NewName"] = V("Xã Nhật Ký Mới") })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.SubmitAsync(unitUrl, "form[action*='handler=Reissue']", new()
        {
            ["Reissue.NewCode"] = V("000.00.62.H98"), ["Reissue.ValidFrom"] = V("2026-11-15"), ["Reissue.Decision"] = V("Quyết định số 99/QĐ-UBND"),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var create = await AuditApi.SingleAsync(app, "UnitCreated", unitId.ToString());
        ShouldBeTheAdministratorNow(create, world);
        create.SubjectType.ShouldBe("Unit");
        create.Before.ShouldBeNull();
        (create.AfterText("name"), create.AfterText("kind"), create.AfterText("agencyCode"), create.AfterText("parentId"), create.AfterText("decision"))
            .ShouldBe(("Xã Nhật Ký", "Commune", "000.00.61.H98", world.ProvinceId.ToString(), "Quyết định số 10/QĐ-UBND"));
        create.Description.ShouldContain("Xã Nhật Ký");

        var rename = await AuditApi.SingleAsync(app, "UnitRenamed", unitId.ToString());
        ShouldBeTheAdministratorNow(rename, world);
        (rename.BeforeText("name"), rename.AfterText("name")).ShouldBe(("Xã Nhật Ký", "Xã Nhật Ký Mới"));

        var reissue = await AuditApi.SingleAsync(app, "UnitCodeReissued", unitId.ToString());
        (reissue.BeforeText("agencyCode"), reissue.AfterText("agencyCode"), reissue.AfterText("decision"))
            .ShouldBe(("000.00.61.H98", "000.00.62.H98", "Quyết định số 99/QĐ-UBND"));
    }

    [Fact]
    public async Task RefusedUnitChanges_LeaveNoEntry()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await AuditApi.TotalAsync(app);

        var badCode = await admin.SubmitAsync(UnitsPage, "form.form", NewUnit("Xã Sai", "000.00.63", world.ProvinceId));
        (await admin.PageAfterAsync(badCode)).ErrorText().ShouldNotBeNull();
        var taken = await admin.SubmitAsync(UnitsPage, "form.form", NewUnit("Xã Trùng", world.OtherCommuneCode, world.ProvinceId));
        (await admin.PageAfterAsync(taken)).ErrorText().ShouldNotBeNull();
        var blankName = await admin.SubmitAsync($"/office/admin/units/{world.OtherCommuneId}", "form[action*='handler=Rename']", new() { ["NewName"] = V(" ") });
        (await admin.PageAfterAsync(blankName)).ErrorText().ShouldNotBeNull();

        (await AuditApi.TotalAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task OfficialAccountChanges_AreRecorded_AndNoPasswordIsEverWritten()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var created = await admin.SubmitAsync($"/office/admin/officials/create?unitId={world.CommuneId}", "main form", new()
        {
            ["Input.UserName"] = V("nhatky.an"), ["Input.FullName"] = V("Nguyễn Văn An"), ["Input.Title"] = V("Công chức Tư pháp"),
            ["Input.Roles"] = V("Specialist"), ["Input.Password"] = V("BanDau2026x"),
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "nhatky.an").Select(o => o.Id).SingleAsync(Ct));
        var url = $"/office/admin/officials/{id}";
        (await admin.SubmitAsync(url, "form[action*='handler=Update']", new()
        {
            ["Input.UnitId"] = V(world.OtherCommuneId.ToString()), ["Input.Roles"] = V("Leader", "Clerk"),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.SubmitAsync(url, "form[action*='handler=Lock']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.SubmitAsync(url, "form[action*='handler=Unlock']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.SubmitAsync(url, "form[action*='handler=ResetPassword']", new() { ["NewPassword"] = V("DatLai2027y") })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var create = await AuditApi.SingleAsync(app, "OfficialCreated", id.ToString());
        ShouldBeTheAdministratorNow(create, world);
        create.SubjectType.ShouldBe("Official");
        (create.AfterText("userName"), create.AfterText("fullName"), create.AfterText("unitId"), create.AfterText("roles"))
            .ShouldBe(("nhatky.an", "Nguyễn Văn An", world.CommuneId.ToString(), "[\"Specialist\"]"));

        var update = await AuditApi.SingleAsync(app, "OfficialUpdated", id.ToString());
        (update.BeforeText("unitId"), update.AfterText("unitId")).ShouldBe((world.CommuneId.ToString(), world.OtherCommuneId.ToString()));
        (update.BeforeText("roles"), update.AfterText("roles")).ShouldBe(("[\"Specialist\"]", "[\"Clerk\",\"Leader\"]"));

        var locked = await AuditApi.SingleAsync(app, "OfficialLocked", id.ToString());
        (locked.BeforeText("locked"), locked.AfterText("locked")).ShouldBe(("false", "true"));
        var unlocked = await AuditApi.SingleAsync(app, "OfficialUnlocked", id.ToString());
        (unlocked.BeforeText("locked"), unlocked.AfterText("locked")).ShouldBe(("true", "false"));
        var reset = await AuditApi.SingleAsync(app, "OfficialPasswordReset", id.ToString());
        ShouldBeTheAdministratorNow(reset, world);
        reset.Description.ShouldContain("nhatky.an");

        var everything = await AuditApi.RawAsync(app);
        everything.ShouldNotContain("BanDau2026x");
        everything.ShouldNotContain("DatLai2027y");
        everything.ShouldNotContain("PasswordHash", Case.Insensitive);
        everything.ShouldNotContain("SecurityStamp", Case.Insensitive);
    }

    [Fact]
    public async Task RefusedAccountChanges_LeaveNoEntry()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var adminId = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "admin").Select(o => o.Id).SingleAsync(Ct));
        var leaderId = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "leader").Select(o => o.Id).SingleAsync(Ct));
        var before = await AuditApi.TotalAsync(app);

        var weak = await admin.SubmitAsync($"/office/admin/officials/create?unitId={world.CommuneId}", "main form", new()
        {
            ["Input.UserName"] = V("nhatky.yeu"), ["Input.FullName"] = V("Trần Văn Yếu"), ["Input.Roles"] = V("Clerk"), ["Input.Password"] = V("abc"),
        });
        (await admin.PageAfterAsync(weak)).ErrorText().ShouldNotBeNull();
        var demote = await admin.SubmitAsync($"/office/admin/officials/{adminId}", "form[action*='handler=Update']", new() { ["Input.Roles"] = V("Leader") });
        (await admin.PageAfterAsync(demote)).ErrorText().ShouldNotBeNull();
        var selfLock = await admin.SubmitAsync($"/office/admin/officials/{adminId}", "form[action*='handler=Lock']");
        (await admin.PageAfterAsync(selfLock)).ErrorText().ShouldNotBeNull();
        var weakReset = await admin.SubmitAsync($"/office/admin/officials/{leaderId}", "form[action*='handler=ResetPassword']", new() { ["NewPassword"] = V("12345678") });
        (await admin.PageAfterAsync(weakReset)).ErrorText().ShouldNotBeNull();

        (await AuditApi.TotalAsync(app)).ShouldBe(before);
        (await AuditApi.RawAsync(app)).ShouldNotContain("12345678");
    }

    [Fact]
    public async Task PublishVersion_ThroughThePage_IsRecordedWithTheVersionsAndWhatChanged()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        const string publish = "/office/admin/procedures/2.000815/publish";
        var previous = await CurrentVersionNumberAsync("2.000815");
        // The form's key fields override the JSON: the result's name is changed there.
        var bad = await admin.SubmitAsync(publish, "main form", new()
        {
            ["Input.ResultName"] = V("Bản sao đã chứng thực"), ["Input.Decision"] = V(""), ["Input.EffectiveDate"] = V("2026-11-17"),
        });
        (await admin.PageAfterAsync(bad)).ErrorText().ShouldNotBeNull();
        (await AuditApi.ReadAsync(app, "ProcedureVersionPublished", "2.000815")).Items.ShouldBeEmpty();

        var response = await admin.SubmitAsync(publish, "main form", new()
        {
            ["Input.ResultName"] = V("Bản sao đã chứng thực"), ["Input.Decision"] = V("Quyết định số 2101/QĐ-UBND"), ["Input.EffectiveDate"] = V("2026-11-17"),
        });

        (await admin.PageAfterAsync(response)).ErrorText().ShouldBeNull();
        var entry = await AuditApi.SingleAsync(app, "ProcedureVersionPublished", "2.000815");
        ShouldBeTheAdministratorNow(entry, world);
        entry.SubjectType.ShouldBe("Procedure");
        entry.BeforeText("version").ShouldBe(previous.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (entry.AfterText("version"), entry.AfterText("decision")).ShouldBe(((previous + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "Quyết định số 2101/QĐ-UBND"));
        entry.AfterText("changed").ShouldBe("[\"resultName\"]");
    }

    [Fact]
    public async Task ImportCatalog_ThroughTheApi_IsRecorded_AndABrokenFileIsNot()
    {
        var world = await app.SeedWorldAsync();
        using var admin = await app.ClientAsAsync("admin");
        var exported = JsonNode.Parse(await admin.GetStringAsync("/api/catalog/export", Ct))!.AsArray();
        var entry = exported.Single(e => (string)e!["code"]! == "2.000815")!.DeepClone();
        entry["code"] = "9.100001";
        entry["content"]!["name"] = "Thủ tục nhập để ghi nhật ký";
        var before = await AuditApi.TotalAsync(app);

        var broken = entry.DeepClone();
        broken["content"]!["fieldCode"] = "";
        var refused = await admin.PostAsync("/api/catalog/import", new StringContent(new JsonArray(broken).ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AuditApi.TotalAsync(app)).ShouldBe(before);

        var response = await admin.PostAsync("/api/catalog/import", new StringContent(new JsonArray(entry).ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = (await AuditApi.ReadAsync(app, "CatalogImported")).Items.First();
        ShouldBeTheAdministratorNow(audit, world);
        (audit.AfterText("created"), audit.AfterText("newVersions")).ShouldBe(("[\"9.100001\"]", "[]"));
        audit.Description.ShouldContain("1 thủ tục mới");
    }

    [Fact]
    public async Task ImportCatalog_OutsideARequest_NamesTheOperatorTheCommandLineGives()
    {
        await app.SeedWorldAsync();
        var entries = ImportCatalog.LoadSeed().Take(1).Select(e => e with { Code = "9.100002" }).ToList();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditLog>().ActingAs = AuditLog.CommandLine("vanhanh");
            await scope.ServiceProvider.GetRequiredService<ImportCatalog.Handler>().HandleAsync(entries, Ct);
        }

        var entry = (await AuditApi.ReadAsync(app, "CatalogImported")).Items.Single(e => e.AfterText("created") == "[\"9.100002\"]");
        (entry.ActorId, entry.ActorName, entry.ActorRole, entry.ActorUnitId).ShouldBe(((Guid?)null, "Dòng lệnh (vanhanh)", "Người vận hành máy chủ", (Guid?)null));
    }

    [Fact]
    public async Task OnlineOnlyPilot_ThroughThePage_RecordsEachProcedureWhoseFlagChanged()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await AuditApi.TotalAsync(app);

        var refused = await admin.SubmitAsync("/office/admin/pilot", "main form[method=post]", new() { ["Pilot"] = V("1.004222"), ["Decision"] = V("") });
        (await admin.PageAfterAsync(refused)).ErrorText().ShouldNotBeNull();
        (await AuditApi.TotalAsync(app)).ShouldBe(before);

        var response = await admin.SubmitAsync("/office/admin/pilot", "main form[method=post]", new()
        {
            ["Pilot"] = V("1.004222"), ["Decision"] = V("Quyết định số 3101/QĐ-UBND"),
        });

        (await admin.PageAfterAsync(response)).ErrorText().ShouldBeNull();
        var entry = await AuditApi.SingleAsync(app, "OnlineOnlyPilotChanged", "1.004222");
        ShouldBeTheAdministratorNow(entry, world);
        (entry.BeforeText("onlineOnlyPilot"), entry.AfterText("onlineOnlyPilot"), entry.AfterText("decision"))
            .ShouldBe(("false", "true", "Quyết định số 3101/QĐ-UBND"));
        (await AuditApi.ReadAsync(app, "OnlineOnlyPilotChanged", "2.000815")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task CalendarChanges_ThroughTheApi_AreRecorded_AndARefusedDayIsNot()
    {
        var world = await app.SeedWorldAsync();
        using var admin = await app.ClientAsAsync("admin");
        var before = await AuditApi.TotalAsync(app);

        var weekend = await admin.PostAsJsonAsync("/api/calendar/2027/days", new { date = "2027-06-05", kind = "Holiday", reason = "Thứ bảy" }, Ct);
        weekend.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var noReason = await admin.PostAsJsonAsync("/api/calendar/2027/days", new { date = "2027-06-07", kind = "Holiday", reason = "" }, Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AuditApi.TotalAsync(app)).ShouldBe(before);

        (await admin.PostAsJsonAsync("/api/calendar/2027/days", new { date = "2027-06-07", kind = "Holiday", reason = "Nghỉ thêm theo thông báo" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/calendar/2027/days", new { date = "2027-06-12", kind = "SwappedWorkday", reason = "Làm bù cho ngày 07/6" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.DeleteAsync("/api/calendar/2027/days/2027-06-07", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var dayOff = await AuditApi.SingleAsync(app, "DayOffAdded", "2027-06-07");
        ShouldBeTheAdministratorNow(dayOff, world);
        dayOff.SubjectType.ShouldBe("CalendarDay");
        (dayOff.AfterText("kind"), dayOff.AfterText("reason")).ShouldBe(("Holiday", "Nghỉ thêm theo thông báo"));
        var swap = await AuditApi.SingleAsync(app, "SwappedWorkdayAdded", "2027-06-12");
        (swap.AfterText("kind"), swap.AfterText("reason")).ShouldBe(("SwappedWorkday", "Làm bù cho ngày 07/6"));
        var removed = await AuditApi.SingleAsync(app, "CalendarDayRemoved", "2027-06-07");
        (removed.BeforeText("kind"), removed.BeforeText("reason"), removed.After).ShouldBe(("Holiday", "Nghỉ thêm theo thông báo", null));
    }

    [Fact]
    public async Task DigitalTeamGrantAndRevoke_ThroughThePage_AreRecorded_AndAnUnknownAccountIsNot()
    {
        var world = await app.SeedWorldAsync();
        var citizen = await Citizens.CreateAsync(app, fullName: "Hà Văn Tổ Số");
        var admin = await OfficeClient.SignInAsync(app, "admin");
        const string url = "/office/admin/to-cong-nghe-so";
        var before = await AuditApi.TotalAsync(app);

        var unknown = await admin.SubmitAsync(url, "form#grant", new() { ["Identifier"] = V("0999999998") });
        (await admin.PageAfterAsync(unknown)).ErrorText().ShouldNotBeNull();
        (await AuditApi.TotalAsync(app)).ShouldBe(before);

        (await admin.SubmitAsync(url, "form#grant", new() { ["Identifier"] = V(citizen.PhoneNumber!) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await admin.GetPageAsync(url);
        var form = page.QuerySelector($"#members input[name=AccountId][value='{citizen.Id}']")!.Closest("form")!;
        (await admin.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
        [
            new("AccountId", citizen.Id.ToString()),
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ]), Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var grant = await AuditApi.SingleAsync(app, "DigitalTeamGranted", citizen.Id.ToString());
        ShouldBeTheAdministratorNow(grant, world);
        grant.SubjectType.ShouldBe("CitizenAccount");
        (grant.BeforeText("member"), grant.AfterText("member")).ShouldBe(("false", "true"));
        grant.Description.ShouldContain("Hà Văn Tổ Số");
        var revoke = await AuditApi.SingleAsync(app, "DigitalTeamRevoked", citizen.Id.ToString());
        (revoke.BeforeText("member"), revoke.AfterText("member")).ShouldBe(("true", "false"));
    }

    [Fact]
    public async Task AuditApi_IsForAdministratorsOnly()
    {
        await app.SeedWorldAsync();
        using var desk = await app.ClientAsAsync("desk");
        (await desk.GetAsync("/api/admin/audit", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = app.CreateClient();
        (await anonymous.GetAsync("/api/admin/audit", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        (await citizen.Http.GetAsync("/api/admin/audit", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var admin = await app.ClientAsAsync("admin");
        var bad = await admin.GetAsync("/api/admin/audit?kind=Nonsense", Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("Loại thao tác");
        // A NUL in the subject filter is refused before it reaches the database (PostgreSQL answered 500), naming the parameter.
        var nul = await admin.GetAsync("/api/admin/audit?subjectId=%00", Ct);
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nul.Content.ReadAsStringAsync(Ct)).ShouldContain("subjectId");
    }

    [Fact]
    public async Task AuditPage_ListsNewestFirst_FiltersByKind_AndPages_ForAdministratorsOnly()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var start = app.Clock.GetUtcNow().UtcDateTime;
        try
        {
            foreach (var (name, code) in new[] { ("Xã Trang Một", "000.00.71.H98"), ("Xã Trang Hai", "000.00.72.H98"), ("Xã Trang Ba", "000.00.73.H98") })
            {
                app.Clock.Advance(TimeSpan.FromMinutes(1));
                (await admin.SubmitAsync(UnitsPage, "form.form", NewUnit(name, code, world.ProvinceId))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            }
        }
        finally
        {
            app.Clock.Set(start);
        }

        var page = await admin.GetPageAsync("/office/admin/nhat-ky?kind=UnitCreated");

        page.QuerySelector("h1")!.TextContent.ShouldBe("Nhật ký quản trị");
        var rows = page.QuerySelectorAll("#audit tbody tr").ToList();
        rows.Count.ShouldBeGreaterThanOrEqualTo(3);
        var descriptions = rows.Select(r => r.QuerySelector("td.description")!.TextContent).ToList();
        descriptions[0].ShouldContain("Xã Trang Ba");
        descriptions[1].ShouldContain("Xã Trang Hai");
        descriptions[2].ShouldContain("Xã Trang Một");
        rows[0].QuerySelector("td.actor")!.TextContent.ShouldContain(AdminName);
        rows[0].QuerySelector("td.actor")!.TextContent.ShouldContain(AdministratorRole);
        rows.ShouldAllBe(r => r.QuerySelector("td.kind")!.TextContent.Trim() == "Tạo đơn vị");
        page.QuerySelector("select#kind option[selected]")!.GetAttribute("value").ShouldBe("UnitCreated");

        var firstOfTwo = await admin.GetPageAsync("/office/admin/nhat-ky?kind=UnitCreated&size=2");
        firstOfTwo.QuerySelectorAll("#audit tbody tr").Length.ShouldBe(2);
        var next = firstOfTwo.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        next.ShouldContain("kind=UnitCreated");
        var second = await admin.GetPageAsync(next);
        second.QuerySelectorAll("#audit tbody tr")[0].QuerySelector("td.description")!.TextContent.ShouldContain("Xã Trang Một");

        var desk = await OfficeClient.SignInAsync(app, "desk");
        var denied = await desk.Http.GetAsync("/office/admin/nhat-ky", Ct);
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/office/denied");
    }

    private async Task<int> CurrentVersionNumberAsync(string code) =>
        await app.WithDbAsync(db => db.Procedures.Where(p => p.Code == code)
            .Join(db.ProcedureVersions, p => p.CurrentVersionId, v => v.Id, (p, v) => v.Number).SingleAsync(Ct));
}
