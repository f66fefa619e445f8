using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Pages.Office.Reception;

/// <summary>The online reception page: a dossier submitted online (status 1) is checked and received, sent back
/// for a supplement listing everything, or refused, by the desk official through the page.</summary>
public sealed class OnlineReceptionPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The residence procedure with an e-form, so that labels can be checked.</summary>
    private const string WithEForm = "9.004222";
    private static readonly string[] ConsentMissing = ["Văn bản đồng ý của chủ hộ"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TestData.World> ArrangeAsync()
    {
        var world = await app.SeedWorldAsync();
        await app.WithDbAsync(async db =>
        {
            // Tests of a class run one at a time, so "create if missing" is safe here.
            if (await db.Procedures.AnyAsync(p => p.Code == WithEForm, Ct)) return;
            var procedure = new Procedure(Guid.NewGuid(), WithEForm);
            procedure.Publish(TestData.Residence() with
            {
                Name = "Đăng ký thường trú (tờ khai điện tử)",
                FormFields =
                [
                    new EFormField("lyDo", "Lý do đăng ký thường trú", EFormFieldType.Text, Required: true),
                    new EFormField("ngayChuyenDen", "Ngày chuyển đến", EFormFieldType.Date),
                    new EFormField("chuHoDongY", "Chủ hộ đồng ý cho đăng ký", EFormFieldType.Checkbox),
                ],
            }, new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc), "Quyết định thử nghiệm");
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync(Ct);
        });
        return world;
    }

    private Task<Dossier> SubmitAsync(TestData.World world, string idNumber) =>
        app.WithServiceAsync<SubmitOnline.Handler, Dossier>(h => h.HandleAsync(new SubmitOnline.Request(
                WithEForm, world.DeskId,
                new ApplicantInput(ApplicantKind.Person, "Đặng Thị Thu", idNumber, "0901234567", "thu@example.vn", "Tổ 4, phường Một"),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")],
                FormData: """{"lyDo":"Về ở cùng gia đình","ngayChuyenDen":"2026-11-01","chuHoDongY":true,"ghiChu":"Nhà thuê dài hạn"}"""),
            Actor.Applicant(null, "Đặng Thị Thu"), Ct));

    private static string PageOf(Dossier dossier) => $"/office/reception/online/{dossier.Id}";

    private static string Revision(Dossier dossier) => dossier.Revision.ToString(CultureInfo.InvariantCulture);

    private Task<Dossier> StoredAsync(Guid id) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery().Include(d => d.History).Include(d => d.Supplements).SingleAsync(d => d.Id == id, Ct));

    [Fact]
    public async Task Page_ForAnOnlineSubmission_ShowsTheEFormWithItsLabelsTheFilesFeesAndTimeLeft()
    {
        var world = await ArrangeAsync();
        var dossier = await SubmitAsync(world, "079185000301");
        var fileId = await app.WithDbAsync(async db =>
        {
            var store = app.Services.GetRequiredService<FileStore>();
            var stored = await store.SaveAsync(new MemoryStream(ReceptionForms.Pdf), "to-khai-ct01.pdf", "application/pdf", app.Clock.GetUtcNow().UtcDateTime, Ct);
            db.StoredFiles.Add(stored);
            var d = await db.Dossiers.Include(x => x.Components).Include(x => x.Files).SingleAsync(x => x.Id == dossier.Id, Ct);
            var file = d.AttachComponentFile(d.Components.Single(c => c.RequirementCode == "TK").Id, stored.Id, stored.FileName, false,
                Actor.Applicant(null, "Đặng Thị Thu"), app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(Ct);
            return file.Id;
        });
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var page = await desk.GetPageAsync(PageOf(dossier));

        var form = page.QuerySelectorAll("#eform ~ dl dt").Select(dt => (dt.TextContent, dt.NextElementSibling!.TextContent)).ToList();
        form.ShouldBe([
            ("Lý do đăng ký thường trú", "Về ở cùng gia đình"),
            ("Ngày chuyển đến", "01/11/2026"),
            ("Chủ hộ đồng ý cho đăng ký", "Có"),
            ("ghiChu", "Nhà thuê dài hạn"),
        ]);
        var link = page.QuerySelector($"a[href='/office/files/{fileId}']")!;
        link.TextContent.ShouldBe("to-khai-ct01.pdf");
        page.QuerySelector("#applicant")!.ParentElement!.TextContent.ShouldContain("079185000301");
        page.QuerySelector("#fees")!.ParentElement!.TextContent.ShouldContain("10.000 ₫");
        page.QuerySelector("#fees")!.ParentElement!.TextContent.ShouldContain("chưa thanh toán");
        page.QuerySelector(".reception-deadline")!.TextContent.ShouldContain("còn 8 giờ làm việc");
        page.QuerySelectorAll("form input[name=Revision]").Select(i => i.GetAttribute("value")).Distinct().ShouldBe(["2"]);
    }

    [Fact]
    public async Task Receive_ThroughThePage_StartsTheClockAndOffersTheReceipt()
    {
        var world = await ArrangeAsync();
        var dossier = await SubmitAsync(world, "079185000302");
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var response = await desk.PostFormAsync(PageOf(dossier), PageOf(dossier) + "?handler=receive", new() { ["Revision"] = Revision(dossier) });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe(PageOf(dossier) + "?done=received");
        var stored = await StoredAsync(dossier.Id);
        (stored.Status, stored.ReceivedAtUtc).ShouldBe((DossierStatus.Received, app.Clock.GetUtcNow().UtcDateTime));
        stored.DueAtUtc.ShouldNotBeNull();
        stored.History.OrderBy(h => h.Sequence).Last().ActorName.ShouldBe("Cán bộ desk");
        var after = await desk.GetPageAsync(response.Headers.Location!.ToString());
        after.QuerySelector("[role=status] a")!.GetAttribute("href").ShouldBe($"/office/forms/01/{dossier.Id}");
        after.QuerySelector("form[action*='handler=receive']").ShouldBeNull();
    }

    [Fact]
    public async Task RequestSupplement_ListingTwoItems_AsksOnceAndStopsTheClock()
    {
        var world = await ArrangeAsync();
        var dossier = await SubmitAsync(world, "079185000303");
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var response = await desk.PostFormAsync(PageOf(dossier), PageOf(dossier) + "?handler=supplement", new()
        {
            ["MissingItems"] = "Bản sao hợp đồng thuê nhà có công chứng\r\n\r\n  Văn bản đồng ý của chủ hộ  \n",
            ["SupplementReason"] = "Giấy tờ chứng minh chỗ ở chưa hợp lệ",
            ["Revision"] = Revision(dossier),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/office/forms/02/{dossier.Id}");
        var stored = await StoredAsync(dossier.Id);
        (stored.Status, stored.SupplementCount).ShouldBe((DossierStatus.SupplementRequested, 1));
        var request = stored.Supplements.Single();
        request.MissingItems.ShouldBe(["Bản sao hợp đồng thuê nhà có công chứng", "Văn bản đồng ý của chủ hộ"]);
        request.Reason.ShouldBe("Giấy tờ chứng minh chỗ ở chưa hợp lệ");
    }

    [Fact]
    public async Task Refuse_WithAReason_EndsTheDossier()
    {
        var world = await ArrangeAsync();
        var dossier = await SubmitAsync(world, "079185000304");
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var response = await desk.PostFormAsync(PageOf(dossier), PageOf(dossier) + "?handler=refuse", new()
        {
            ["RefusalReason"] = "Người nộp không thuộc đối tượng đăng ký thường trú tại phường Một",
            ["Revision"] = Revision(dossier),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/office/forms/03/{dossier.Id}");
        var stored = await StoredAsync(dossier.Id);
        stored.Status.ShouldBe(DossierStatus.Refused);
        stored.History.OrderBy(h => h.Sequence).Last().Reason.ShouldBe("Người nộp không thuộc đối tượng đăng ký thường trú tại phường Một");
    }

    [Fact]
    public async Task Refuse_WithoutAReason_SaysSoKeepsWhatWasTypedAndChangesNothing()
    {
        var world = await ArrangeAsync();
        var dossier = await SubmitAsync(world, "079185000305");
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var response = await desk.PostFormAsync(PageOf(dossier), PageOf(dossier) + "?handler=refuse", new()
        {
            ["RefusalReason"] = " ",
            ["MissingItems"] = "Tờ khai CT01",
            ["Revision"] = Revision(dossier),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector("[role=alert]")!.TextContent.ShouldBe("Chưa nhập lý do từ chối.");
        shown.QuerySelector("#missing-items")!.TextContent.ShouldBe("Tờ khai CT01");
        (await StoredAsync(dossier.Id)).Status.ShouldBe(DossierStatus.Submitted);
    }

    [Fact]
    public async Task Receive_AfterAnotherOfficialActedFirst_SaysWhoDidWhatAndChangesNothing()
    {
        var world = await ArrangeAsync();
        var dossier = await SubmitAsync(world, "079185000306");
        var desk = await OfficeClient.SignInAsync(app, "desk");
        // The official opens the page; its forms carry the revision and token they will post.
        var opened = await desk.GetPageAsync(PageOf(dossier));
        var fields = opened.QuerySelectorAll("form[action$='handler=receive'] input[type=hidden]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        fields["Revision"].ShouldBe(Revision(dossier));
        var colleague = await app.ClientAsAsync("desk");
        (await colleague.PostAsJsonAsync($"/api/dossiers/{dossier.Id}/supplement-requests",
            new { reason = "Thiếu giấy tờ", missingItems = ConsentMissing, revision = dossier.Revision }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await desk.Http.PostAsync(PageOf(dossier) + "?handler=receive", new FormUrlEncodedContent(fields), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        var alert = shown.QuerySelector("[role=alert]")!.TextContent;
        alert.ShouldContain("Hồ sơ vừa được cập nhật sau khi bạn mở");
        alert.ShouldContain("Yêu cầu bổ sung: Văn bản đồng ý của chủ hộ");
        (await StoredAsync(dossier.Id)).Status.ShouldBe(DossierStatus.SupplementRequested);
    }

    [Fact]
    public async Task Page_ForAnOfficialOfAnotherCommune_IsNotFound()
    {
        var world = await ArrangeAsync();
        var dossier = await SubmitAsync(world, "079185000307");
        var other = await OfficeClient.SignInAsync(app, "desk.other");

        var response = await other.Http.GetAsync(PageOf(dossier), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
