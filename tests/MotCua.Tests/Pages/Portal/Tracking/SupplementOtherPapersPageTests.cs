using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Tracking;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Pages.Portal.Tracking;

/// <summary>A paper the desk asks for that is none of the dossier's components (the landlord's consent): the citizen
/// sends it as "Giấy tờ khác theo yêu cầu bổ sung", filed against the request, and the desk sees it.</summary>
public sealed class SupplementOtherPapersPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Consent = "Văn bản đồng ý của chủ nhà cho đăng ký thường trú";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnswerSupplement_WithAComponentFileAndAnOtherPaper_AttachesBoth_AndTheDeskSeesTheOtherPaper()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Lò Thị Chủ Nhà", "001190000211", "0912340211");
        var dossier = await SubmitAsync(app, world, me);
        // Checked at the desk before reception: something missing, one of them no component of the procedure.
        await RequestSupplementAsync(app, dossier.Id, "Giấy tờ chứng minh chỗ ở chưa hợp lệ", "Hợp đồng thuê nhà có công chứng", Consent);
        var component = dossier.Components.Single(c => c.RequirementCode == "CHO_O").Id;

        var citizen = await SignInAsync(app, me);
        var page = await citizen.GetPageAsync(Url(dossier.Code!));
        var options = page.QuerySelectorAll("section#bo-sung select[name='uploads[1].ComponentId'] option").ToList();
        options.Select(o => o.TextContent).ShouldBe(
            ["— Chọn thành phần —", "Tờ khai thay đổi thông tin cư trú (CT01)", "Giấy tờ chứng minh chỗ ở hợp pháp", "Giấy tờ khác theo yêu cầu bổ sung"]);
        options[^1].GetAttribute("value").ShouldBe(AnswerSupplementOnline.OtherPapers);

        var response = await PostAsync(citizen, dossier.Code!, RevisionIn(page, "Supplement"), "Gửi hợp đồng và văn bản đồng ý",
            (component.ToString(), "hop-dong-cong-chung.pdf"), (AnswerSupplementOnline.OtherPapers, "Đồng ý của chủ nhà.pdf"));

        response.ShouldRedirectTo(Url(dossier.Code!));
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(d => d.Files).Include(d => d.Supplements).Include(d => d.History).SingleAsync(d => d.Id == dossier.Id, Ct));
        stored.Status.ShouldBe(DossierStatus.Submitted); // back where the request found it: waiting for reception
        stored.Supplements.Single().State.ShouldBe(SupplementState.Answered);
        stored.Files.Select(f => (f.FileName, f.Purpose, f.ComponentId)).ShouldBe(
            [("hop-dong-cong-chung.pdf", DossierFilePurpose.Component, (Guid?)component), ("Đồng ý của chủ nhà.pdf", DossierFilePurpose.Supplement, null)],
            ignoreOrder: true);
        var other = stored.Files.Single(f => f.Purpose == DossierFilePurpose.Supplement);
        stored.SupplementRequestOf(other)!.Number.ShouldBe(1);
        stored.History.OrderBy(e => e.Sequence).TakeLast(3).Select(e => (e.Kind.ToString(), e.ActorId, e.Description)).ShouldBe(
        [
            ("AttachFile", (Guid?)me.AccountId, "Đính kèm tệp \"hop-dong-cong-chung.pdf\" cho thành phần \"Giấy tờ chứng minh chỗ ở hợp pháp\""),
            ("AttachFile", (Guid?)me.AccountId, "Bổ sung tệp \"Đồng ý của chủ nhà.pdf\" theo yêu cầu bổ sung lần 1"),
            ("AnswerSupplement", (Guid?)me.AccountId, "Đã bổ sung hồ sơ"),
        ]);

        // The applicant's paper is kept in their data store, with no component code to be offered for re-use.
        var documents = await app.WithDbAsync(db => db.CitizenDocuments.AsNoTracking().Where(d => d.SourceDossierId == dossier.Id).ToListAsync(Ct));
        documents.Select(d => (d.Kind, d.Name, d.ComponentCode)).ShouldBe(
            [(CitizenDocumentKind.Component, "Giấy tờ chứng minh chỗ ở hợp pháp", "CHO_O"), (CitizenDocumentKind.Component, "Đồng ý của chủ nhà.pdf", (string?)null)],
            ignoreOrder: true);

        // The citizen's page lists it under "Giấy tờ bổ sung" and gives it back.
        var after = await citizen.GetPageAsync(Url(dossier.Code!));
        var listed = after.QuerySelector("ul.supplement-files")!;
        after.QuerySelector("#supplement-files-heading")!.TextContent.ShouldBe("Giấy tờ bổ sung");
        listed.QuerySelector("a")!.TextContent.ShouldBe("Đồng ý của chủ nhà.pdf");
        TextOf(listed).ShouldContain("theo yêu cầu bổ sung lần 1");
        var download = await GetAsync(citizen, listed.QuerySelector("a")!.GetAttribute("href")!);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("Đồng ý của chủ nhà.pdf");
        (await download.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(OfficeDossiers.Pdf);

        // The desk sees what was sent: on the dossier page and on the online reception page, with a working link.
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var office = await desk.GetPageAsync($"/office/dossiers/{dossier.Id}");
        var officeList = office.QuerySelector("ul.supplement-files")!;
        officeList.QuerySelector($"a[href='/office/files/{other.Id}']")!.TextContent.ShouldBe("Đồng ý của chủ nhà.pdf");
        TextOf(officeList).ShouldContain("yêu cầu bổ sung lần 1");
        var supplementRow = OfficeDossiers.Rows(office, "supplements-heading").Single();
        supplementRow.ShouldContain(cell => cell.Contains("Đồng ý của chủ nhà.pdf"));

        var reception = await desk.GetPageAsync($"/office/reception/online/{dossier.Id}");
        var box = reception.QuerySelector("section[aria-labelledby=supplement-files]")!;
        box.QuerySelector($"a[href='/office/files/{other.Id}']")!.TextContent.ShouldBe("Đồng ý của chủ nhà.pdf");
        TextOf(box).ShouldContain(Consent);
        // The component file stays in its component's row, not among the other papers.
        TextOf(box).ShouldNotContain("hop-dong-cong-chung.pdf");

        var officeDownload = await desk.Http.GetAsync($"/office/files/{other.Id}", Ct);
        officeDownload.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officeDownload.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(OfficeDossiers.Pdf);
    }

    [Fact]
    public async Task OtherPaper_WithoutAnOpenSupplementRequest_IsRefused_AndNothingChanges()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Hà Văn Không Hỏi", "001190000212", "0912340212");
        var dossier = await SubmitAsync(app, world, me);
        var citizen = await SignInAsync(app, me);
        var page = await citizen.GetPageAsync(Url(dossier.Code!));
        page.QuerySelector("section#bo-sung").ShouldBeNull();
        var before = await SnapshotAsync(dossier.Id);

        // A form posted by hand: nobody asked for anything, so there is no request to file the paper against.
        var response = await PostAsync(citizen, dossier.Code!, OfficeDossiers.Text(before.Revision), null, (AnswerSupplementOnline.OtherPapers, "uy-quyen.pdf"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent
            .ShouldBe("Hồ sơ không có yêu cầu bổ sung đang chờ trả lời; hãy đính kèm tệp vào thành phần hồ sơ tương ứng.");
        (await SnapshotAsync(dossier.Id)).ShouldBe(before);
    }

    private sealed record Snapshot(DossierStatus Status, int Revision, int Files, int StoredFiles, int Documents);

    private Task<Snapshot> SnapshotAsync(Guid id) =>
        app.WithDbAsync(async db =>
        {
            var d = await db.Dossiers.AsNoTracking().Include(x => x.Files).SingleAsync(x => x.Id == id, Ct);
            return new Snapshot(d.Status, d.Revision, d.Files.Count, await db.StoredFiles.CountAsync(Ct), await db.CitizenDocuments.CountAsync(Ct));
        });

    /// <summary>The supplement form as a browser posts it, one PDF per row; a row's target is the select's value
    /// (a component id or "supplement").</summary>
    private static async Task<HttpResponseMessage> PostAsync(OfficeClient client, string code, string revision, string? note,
        params (string Target, string FileName)[] rows)
    {
        var page = await client.GetPageAsync(Url(code));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TokenIn(page)), "__RequestVerificationToken" },
            { new StringContent(revision), "revision" },
        };
        if (note is not null) form.Add(new StringContent(note), "note");
        for (var i = 0; i < rows.Length; i++)
        {
            form.Add(new StringContent(rows[i].Target), $"uploads[{i}].ComponentId");
            var content = new ByteArrayContent(OfficeDossiers.Pdf);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(content, $"uploads[{i}].Files", rows[i].FileName);
        }
        return await client.Http.PostAsync($"{Url(code)}?handler=Supplement", form, Ct);
    }
}
