using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using static MotCua.Tests.Pages.Office.Admin.AdminForms;

namespace MotCua.Tests.Pages.Office.Admin;

public sealed class PilotAdminTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string PilotPage = "/office/admin/pilot";

    [Fact]
    public async Task SavePilotList_WithResidenceTicked_PublishesNewVersionWithOnlineOnlyPilot()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await CurrentAsync("1.004222");
        var otherBefore = await CurrentAsync("2.000815");

        var response = await admin.SubmitAsync(PilotPage, "main form[method=post]", new()
        {
            ["Pilot"] = V("1.004222"), ["Decision"] = V("Quyết định số 3001/QĐ-UBND"),
        });

        var page = await admin.PageAfterAsync(response);
        page.ErrorText().ShouldBeNull();
        page.NoticeText()!.ShouldContain("1.004222");
        var after = await CurrentAsync("1.004222");
        (after.Number, after.OnlineOnlyPilot, after.Content.OnlineOnlyPilot, after.Decision)
            .ShouldBe((before.Number + 1, true, true, "Quyết định số 3001/QĐ-UBND"));
        // Everything else of the content is as it was; untouched procedures get no version.
        JsonSerializer.Serialize(after.Content with { OnlineOnlyPilot = before.Content.OnlineOnlyPilot }).ShouldBe(JsonSerializer.Serialize(before.Content));
        (await CurrentAsync("2.000815")).Id.ShouldBe(otherBefore.Id);
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[id='pilot-1.004222']")!.IsChecked.ShouldBeTrue();
    }

    [Fact]
    public async Task SavePilotList_WithProcedureWithoutOnlineService_ShowsValidationMessageAndPublishesNothing()
    {
        await app.SeedWorldAsync();
        await app.WithDbAsync(async db =>
        {
            if (await db.Procedures.AnyAsync(p => p.Code == "9.000001")) return;
            var procedure = new Procedure(Guid.NewGuid(), "9.000001");
            procedure.Publish(TestData.Certification() with { Name = "Thủ tục không có trực tuyến", OnlineLevel = OnlineLevel.None, PartialOnlineReason = null },
                new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc), "Quyết định thử nghiệm");
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync();
        });
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var count = await app.WithDbAsync(db => db.ProcedureVersions.CountAsync());

        var response = await admin.SubmitAsync(PilotPage, "main form[method=post]", new()
        {
            ["Pilot"] = V("9.000001", "2.000815"), ["Decision"] = V("Quyết định số 3002/QĐ-UBND"),
        });

        var page = await admin.PageAfterAsync(response);
        page.ErrorText()!.ShouldContain("9.000001: Thủ tục \"Thủ tục không có trực tuyến\" chưa hợp lệ: thủ tục chỉ tiếp nhận trực tuyến phải có dịch vụ công trực tuyến.");
        (await app.WithDbAsync(db => db.ProcedureVersions.CountAsync())).ShouldBe(count);
        // The boxes stay as ticked, for correction.
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[id='pilot-9.000001']")!.IsChecked.ShouldBeTrue();
    }

    [Fact]
    public async Task SavePilotList_WithChangeButNoDecision_IsRefused()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var count = await app.WithDbAsync(db => db.ProcedureVersions.CountAsync());
        var ticked = (await admin.GetPageAsync(PilotPage)).QuerySelectorAll("input[name=Pilot][checked]")
            .Select(i => i.GetAttribute("value")!).Append("2.000815").Distinct().ToArray();

        var response = await admin.SubmitAsync(PilotPage, "main form[method=post]", new() { ["Pilot"] = ticked, ["Decision"] = V("") });

        (await admin.PageAfterAsync(response)).ErrorText()!.ShouldContain("Hãy nhập số, ký hiệu quyết định phê duyệt danh sách");
        (await app.WithDbAsync(db => db.ProcedureVersions.CountAsync())).ShouldBe(count);
    }

    private async Task<ProcedureVersion> CurrentAsync(string code) =>
        await app.WithDbAsync(db => db.Procedures.Where(p => p.Code == code)
            .Join(db.ProcedureVersions, p => p.CurrentVersionId, v => v.Id, (p, v) => v).AsNoTracking().SingleAsync());
}
