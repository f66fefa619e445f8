using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Office.Admin.AdminForms;

namespace MotCua.Tests.Pages.Office.Admin;

public sealed class ProcedureAdminTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Residence = "1.004222";
    private const string PublishPage = $"/office/admin/procedures/{Residence}/publish";

    [Fact]
    public async Task ProcedureList_WithQueryWithoutDiacritics_FindsTheProcedure()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.GetPageAsync("/office/admin/procedures?q=dang+ky+THUONG+tru");

        var rows = page.QuerySelectorAll("#procedures tbody tr");
        rows.Length.ShouldBe(1);
        rows[0].QuerySelector("a")!.GetAttribute("href").ShouldBe($"/office/admin/procedures/{Residence}");
        page.QuerySelector("main a[href='/api/catalog/export']").ShouldNotBeNull();
    }

    [Fact]
    public async Task ProcedurePage_ShowsVersionsAndTheCurrentContent()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        // Other tests of the class may have published new versions: the page shows whichever is current.
        var current = (await VersionsAsync()).MaxBy(v => v.Number)!;

        var page = await admin.GetPageAsync($"/office/admin/procedures/{Residence}");

        page.QuerySelector("h1")!.TextContent.ShouldContain("Đăng ký thường trú");
        page.QuerySelector("#versions tbody tr th")!.TextContent.ShouldBe($"{current.Number} (hiện hành)");
        var fees = page.QuerySelector("#fees")!.TextContent;
        fees.ShouldContain("Lệ phí đăng ký thường trú");
        fees.ShouldContain(current.Content.Fees.Single().DeskAmount.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + " ₫");
        var main = page.QuerySelector("main")!.TextContent;
        main.ShouldContain("Thẩm định, xác minh");
        main.ShouldContain(current.Content.LegalTime.ToString());
        main.ShouldContain("Giấy tờ chứng minh chỗ ở hợp pháp");
        page.QuerySelector($"a[href='{PublishPage}']").ShouldNotBeNull();
    }

    [Fact]
    public async Task PublishVersion_WithChangedFee_MakesNewVersionCurrent_AndTheDossierKeepsItsVersion()
    {
        await app.SeedWorldAsync();
        var dossierId = await ReceiveDossierAsync();
        var before = await VersionsAsync();
        var previous = before.Single(v => v.Number == before.Max(x => x.Number));
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.GetPageAsync(PublishPage);
        var json = JsonNode.Parse(page.QuerySelector("#content-json")!.TextContent)!;
        json["fees"]![0]!["deskAmount"] = 25_000;
        var response = await admin.SubmitAsync(PublishPage, "main form", new()
        {
            ["Input.ContentJson"] = V(json.ToJsonString()),
            ["Input.Decision"] = V("Quyết định số 2001/QĐ-UBND"),
            ["Input.EffectiveDate"] = V("2026-11-17"),
        });

        var detail = await admin.PageAfterAsync(response);
        detail.ErrorText().ShouldBeNull();
        detail.NoticeText()!.ShouldContain($"Đã công bố phiên bản {previous.Number + 1}");
        var after = await VersionsAsync();
        after.Count.ShouldBe(before.Count + 1);
        var current = await app.WithDbAsync(db => db.Procedures.Where(p => p.Code == Residence)
            .Join(db.ProcedureVersions, p => p.CurrentVersionId, v => v.Id, (p, v) => v).SingleAsync());
        (current.Number, current.Decision, current.EffectiveFromUtc).ShouldBe((previous.Number + 1, "Quyết định số 2001/QĐ-UBND", app.Clock.GetUtcNow().UtcDateTime));
        current.Content.Fees.Single().DeskAmount.ShouldBe(25_000);
        current.Content.Components.Count.ShouldBe(3);
        // The version it replaces is unchanged, and the dossier received under it stays on it.
        var old = after.Single(v => v.Id == previous.Id);
        old.Content.Fees.Single().DeskAmount.ShouldBe(previous.Content.Fees.Single().DeskAmount);
        var dossierVersion = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == dossierId).Select(d => d.ProcedureVersionId).SingleAsync());
        dossierVersion.ShouldBe(previous.Id);
        detail.QuerySelectorAll("#versions tbody tr").Length.ShouldBe(after.Count);
        detail.QuerySelector("#versions tbody tr")!.TextContent.ShouldContain("Quyết định số 2001/QĐ-UBND");
    }

    [Fact]
    public async Task PublishVersion_WithFirstVersionStillOnTheDossier_ShowsTheDossierCountPerVersion()
    {
        await app.SeedWorldAsync();
        var dossierId = await ReceiveDossierAsync();
        // Other tests of this class may have published versions already: look at the one the dossier is pinned to.
        var pinned = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == dossierId)
            .Join(db.ProcedureVersions, d => d.ProcedureVersionId, v => v.Id, (d, v) => v.Number).SingleAsync());
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.GetPageAsync($"/office/admin/procedures/{Residence}");

        var row = page.QuerySelectorAll("#versions tbody tr")
            .Single(tr => tr.QuerySelector("th")!.TextContent.Trim().StartsWith(pinned.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                          && !char.IsDigit(tr.QuerySelector("th")!.TextContent.Trim().ElementAtOrDefault(pinned.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)));
        int.Parse(row.QuerySelectorAll("td")[^1].TextContent, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("{ \"name\": ", "không đúng định dạng JSON")]
    [InlineData("{ \"name\": \"X\", \"unknownField\": 1 }", "không đúng định dạng JSON")]
    public async Task PublishVersion_WithInvalidJson_ShowsMessageAndPublishesNothing(string json, string message)
    {
        await app.SeedWorldAsync();
        var before = (await VersionsAsync()).Count;
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var response = await admin.SubmitAsync(PublishPage, "main form", new()
        {
            ["Input.ContentJson"] = V(json), ["Input.Decision"] = V("Quyết định số 2002/QĐ-UBND"),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await admin.PageAfterAsync(response);
        page.ErrorText()!.ShouldContain(message);
        // The text stays in the editor for correction.
        page.QuerySelector("#content-json")!.TextContent.ShouldBe(json);
        (await VersionsAsync()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task PublishVersion_WithInvalidContent_ShowsEveryValidationProblemAndPublishesNothing()
    {
        await app.SeedWorldAsync();
        var before = (await VersionsAsync()).Count;
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var page = await admin.GetPageAsync(PublishPage);
        var json = JsonNode.Parse(page.QuerySelector("#content-json")!.TextContent)!;
        json["fees"]![0]!["deskAmount"] = -1;

        var response = await admin.SubmitAsync(PublishPage, "main form", new()
        {
            ["Input.ContentJson"] = V(json.ToJsonString()),
            ["Input.OnlineLevel"] = V("Partial"),
            ["Input.PartialOnlineReason"] = V(""),
            ["Input.Decision"] = V("Quyết định số 2003/QĐ-UBND"),
        });

        var error = (await admin.PageAfterAsync(response)).ErrorText()!;
        error.ShouldContain("chưa hợp lệ");
        error.ShouldContain("dịch vụ công trực tuyến một phần phải nêu lý do");
        error.ShouldContain("không được âm");
        (await VersionsAsync()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task PublishVersion_WithoutDecisionOrWithUnchangedContent_IsRefused()
    {
        await app.SeedWorldAsync();
        var before = (await VersionsAsync()).Count;
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var noDecision = await admin.SubmitAsync(PublishPage, "main form", new() { ["Input.Name"] = V("Đăng ký thường trú (sửa)") });
        (await admin.PageAfterAsync(noDecision)).ErrorText()!.ShouldContain("Hãy nhập số, ký hiệu quyết định công bố");
        var unchanged = await admin.SubmitAsync(PublishPage, "main form", new() { ["Input.Decision"] = V("Quyết định số 2004/QĐ-UBND") });
        (await admin.PageAfterAsync(unchanged)).ErrorText().ShouldBe("Nội dung không khác phiên bản hiện hành nên không công bố phiên bản mới.");

        (await VersionsAsync()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task PublishVersion_WithKeyAttributesFromTheForm_OverridesTheJson()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var response = await admin.SubmitAsync(PublishPage, "main form", new()
        {
            ["Input.Name"] = V("Đăng ký thường trú"),
            ["Input.LegalTimeValue"] = V("5,5"),
            ["Input.LegalTimeUnit"] = V("WorkingDays"),
            ["Input.Cutoff"] = V("15:00"),
            ["Input.EligibleForFullOnline"] = V("false"),
            ["Input.Decision"] = V("Quyết định số 2005/QĐ-UBND"),
        });

        (await admin.PageAfterAsync(response)).ErrorText().ShouldBeNull();
        var content = await app.WithDbAsync(db => db.Procedures.Where(p => p.Code == Residence)
            .Join(db.ProcedureVersions, p => p.CurrentVersionId, v => v.Id, (p, v) => v.Content).SingleAsync());
        (content.LegalTime.Value, content.Cutoff, content.EligibleForFullOnline).ShouldBe((5.5m, new TimeOnly(15, 0), false));
    }

    [Fact]
    public async Task ImportCatalog_FromTheProceduresPage_CreatesNewProcedure_AndABrokenFileChangesNothing()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var exported = JsonNode.Parse(await admin.Http.GetStringAsync("/api/catalog/export", TestContext.Current.CancellationToken))!.AsArray();
        var entry = exported.Single(e => (string)e!["code"]! == "2.000815")!.DeepClone();
        entry["code"] = "9.000002";
        entry["content"]!["name"] = "Thủ tục nhập từ tệp";

        var broken = await admin.PageAfterAsync(await UploadAsync(admin, "[{ \"code\": \"9.000003\" "));
        broken.ErrorText()!.ShouldContain("không đúng định dạng JSON");
        (await app.WithDbAsync(db => db.Procedures.AnyAsync(p => p.Code == "9.000003"))).ShouldBeFalse();

        var imported = await admin.PageAfterAsync(await UploadAsync(admin, new JsonArray(entry).ToJsonString()));

        imported.NoticeText()!.ShouldContain("1 thủ tục mới");
        (await app.WithDbAsync(db => db.Procedures.SingleAsync(p => p.Code == "9.000002"))).Name.ShouldBe("Thủ tục nhập từ tệp");
    }

    private static async Task<HttpResponseMessage> UploadAsync(OfficeClient admin, string json)
    {
        var page = await admin.GetPageAsync("/office/admin/procedures");
        var form = page.QuerySelector("form[action*='handler=Import']")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json)), "CatalogFile", "danh-muc.json" },
        };
        return await admin.Http.PostAsync(form.GetAttribute("action"), content, TestContext.Current.CancellationToken);
    }

    private async Task<List<ProcedureVersion>> VersionsAsync() =>
        await app.WithDbAsync(db => db.Procedures.Where(p => p.Code == Residence)
            .Join(db.ProcedureVersions, p => p.Id, v => v.ProcedureId, (p, v) => v).AsNoTracking().ToListAsync());

    /// <summary>A dossier received at the desk under the version current now.</summary>
    private async Task<Guid> ReceiveDossierAsync()
    {
        var desk = await app.ClientAsAsync("desk");
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = Residence,
            applicant = new { kind = "Person", fullName = "Trần Thị Bình", idNumber = "079095001234", phone = "0912345678" },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestContext.Current.CancellationToken);
        return body!.Id;
    }
}
