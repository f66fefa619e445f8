using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Browser;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Admin;
using MotCua.Tests.Pages.Office.Dossiers;

namespace MotCua.Tests.Pages;

/// <summary>A refused post is shown once for every page (Pages/ActionPage.cs, <c>RefusedPostFilter</c>): the same
/// page again with the reason, the status code the page always gave, and nothing stored. These are the error paths
/// that no other page test posted.</summary>
public sealed partial class RefusedPostTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The desk reception page is left out: its refusal tells the official to choose the scans again (a browser
    /// never re-fills a file input) only after a reception, and its fee preview reads a broken fee rule as the preview's
    /// message; both need the filter to know the handler, which it does not yet.</summary>
    private static readonly string[] NotYetConverted = ["Office/Reception/Desk.cshtml.cs"];

    [Fact]
    public void PageModels_LeaveRefusalsToTheFilter_InsteadOfCatchingThemThemselves()
    {
        var pages = Path.Combine(RepositoryRoot.Path, "src", "MotCua.Web", "Pages");
        var offending = Directory.EnumerateFiles(pages, "*.cs", SearchOption.AllDirectories)
            .Where(file => !NotYetConverted.Contains(Path.GetRelativePath(pages, file).Replace('\\', '/')))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => CatchOfARefusal().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(pages, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        offending.ShouldBeEmpty("A page model shows a refused post by overriding ActionPageModel.ReloadAsync (or ShowRefusedAsync), not by catching it.");
    }

    [GeneratedRegex(@"catch\s*\(\s*(DomainException|(Dossier)?(NotFound|Changed)Exception|ForbiddenException|DbUpdateConcurrencyException)\b|when\s*\(\s*UserProblem\.Of")]
    private static partial Regex CatchOfARefusal();

    [Fact]
    public async Task OfficeDossier_PaymentWithAnAmountThatIsNotANumber_Is422WithTheReason_AndRecordsNothing()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Đinh Văn Số Tiền", "079090000391", "0912345391"));
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var url = $"/office/dossiers/{received.Id}";
        var revision = OfficeDossiers.RevisionIn(await desk.GetPageAsync(url), "Payment");

        var response = await desk.PostFormAsync(url, $"{url}?handler=Payment",
            new() { ["amount"] = "hai mươi nghìn", ["method"] = "Desk", ["reference"] = "BL-391", ["revision"] = revision });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await ParseAsync(response);
        page.QuerySelector(".alert.error[role=alert]")!.TextContent.ShouldBe("Số tiền không hợp lệ: chỉ nhập số đồng, ví dụ 20.000.");
        // The page is the dossier's, with its panels, ready for a corrected amount.
        page.QuerySelector("h1")!.TextContent.ShouldStartWith("Hồ sơ ");
        OfficeDossiers.RevisionIn(page, "Payment").ShouldBe(revision);
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id, Ct));
        (stored.AmountPaid, OfficeDossiers.Text(stored.Revision)).ShouldBe((0, revision));
    }

    [Fact]
    public async Task OfficeDossier_ActionByAnotherCommunesDesk_IsThePages404_AndChangesNothing()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Hà Thị Ngoài Phạm Vi", "079090000392", "0912345392"));
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var url = $"/office/dossiers/{received.Id}";
        var revision = OfficeDossiers.RevisionIn(await desk.GetPageAsync(url), "Payment");
        var other = await OfficeClient.SignInAsync(app, "desk.other");

        // The other desk has no page of this dossier to take a token from: it takes one from its own list.
        var response = await other.PostFormAsync("/office/dossiers", $"{url}?handler=Payment",
            new() { ["amount"] = "20.000", ["method"] = "Desk", ["reference"] = "BL-392", ["revision"] = revision });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ParseAsync(response)).QuerySelector("h1")!.TextContent.ShouldBe("Không tìm thấy hồ sơ");
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id, Ct));
        (stored.AmountPaid, OfficeDossiers.Text(stored.Revision)).ShouldBe((0, revision));
    }

    [Fact]
    public async Task Calendar_RemovingADayThatIsNotInTheCalendar_ShowsTheReason()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        // The year is filled in from the Labour Code when it is first read.
        await admin.GetPageAsync("/office/admin/calendar/2026");
        var before = await app.WithDbAsync(db => db.CalendarDays.CountAsync(Ct));

        var response = await admin.PostFormAsync("/office/admin/calendar/2026", "/office/admin/calendar/2026?handler=Remove",
            new() { ["RemoveDate"] = "2026-03-18" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ParseAsync(response)).ErrorText().ShouldBe("Ngày 18/03/2026 không có trong lịch năm 2026.");
        (await app.WithDbAsync(db => db.CalendarDays.CountAsync(Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task RenameUnit_WithoutAName_ShowsTheReasonAndKeepsTheName()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var name = await app.WithDbAsync(db => db.Units.Where(u => u.Id == world.CommuneId).Select(u => u.Name).SingleAsync(Ct));

        var response = await admin.SubmitAsync($"/office/admin/units/{world.CommuneId}", "form[action*='handler=Rename']",
            new() { ["NewName"] = AdminForms.V("   ") });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.ErrorText().ShouldBe("Hãy nhập tên đơn vị.");
        page.QuerySelector("h1")!.TextContent.ShouldContain(name);
        (await app.WithDbAsync(db => db.Units.Where(u => u.Id == world.CommuneId).Select(u => u.Name).SingleAsync(Ct))).ShouldBe(name);
    }

    [Fact]
    public async Task ImportCatalog_WithoutAFile_AsksForOneAndImportsNothing()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await app.WithDbAsync(db => db.ProcedureVersions.CountAsync(Ct));

        var response = await admin.PostFormAsync("/office/admin/procedures", "/office/admin/procedures?handler=Import", []);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.ErrorText().ShouldBe("Hãy chọn tệp danh mục (JSON) để nhập.");
        // The list is shown again under the message.
        page.QuerySelectorAll("table tbody tr").Length.ShouldBeGreaterThan(0);
        (await app.WithDbAsync(db => db.ProcedureVersions.CountAsync(Ct))).ShouldBe(before);
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
}
