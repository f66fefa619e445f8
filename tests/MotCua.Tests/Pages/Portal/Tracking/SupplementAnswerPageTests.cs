using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Pages.Portal.Tracking;

/// <summary>Answering a supplement request online: the papers and the answer in one save, or nothing at all.</summary>
public sealed class SupplementAnswerPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly byte[] Disguised = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Person Me, Dossier Dossier, Guid Component)> AwaitingSupplementAsync(string name, string idNumber, string phone)
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, name, idNumber, phone);
        var dossier = await SubmitAsync(app, world, me);
        await ReceiveAsync(app, dossier.Id);
        await RequestSupplementAsync(app, dossier.Id, "Hợp đồng thuê nhà chưa công chứng", "Hợp đồng thuê nhà có công chứng", "Xác nhận của chủ nhà");
        var component = dossier.Components.Single(c => c.RequirementCode == "CHO_O").Id;
        return (me, dossier, component);
    }

    [Fact]
    public async Task AnswerSupplement_WithUploads_AttachesFiles_ResumesTheClock_AndFilesThemIntoTheStore()
    {
        var (me, dossier, component) = await AwaitingSupplementAsync("Trịnh Thị Bổ Sung", "001190000201", "0912340201");
        var dueBefore = (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id))).DueAtUtc!.Value;
        var start = app.Clock.GetUtcNow().UtcDateTime;
        try
        {
            // Two working days later (Thursday), the applicant sends the papers.
            app.Clock.Set(TestClock.Vn(2026, 11, 19, 9, 0));
            var citizen = await SignInAsync(app, me);
            var page = await citizen.GetPageAsync(Url(dossier.Code!));
            var section = page.QuerySelector("section#bo-sung")!;
            section.QuerySelectorAll("ul > li").Select(li => li.TextContent).ShouldBe(["Hợp đồng thuê nhà có công chứng", "Xác nhận của chủ nhà"]);
            TextOf(section).ShouldContain("Lý do: Hợp đồng thuê nhà chưa công chứng");
            section.QuerySelectorAll("select[name='uploads[0].ComponentId'] option").Select(o => o.TextContent)
                .ShouldBe(["— Chọn thành phần —", "Tờ khai thay đổi thông tin cư trú (CT01)", "Giấy tờ chứng minh chỗ ở hợp pháp", "Giấy tờ khác theo yêu cầu bổ sung"]);
            section.QuerySelector("label[for='upload-0-files']").ShouldNotBeNull();

            var response = await PostSupplementAsync(citizen, dossier.Code!, RevisionIn(page, "Supplement"), "Gửi bản công chứng và xác nhận",
                (component, [("Hợp đồng thuê nhà.pdf", OfficeDossiers.Pdf), ("xac-nhan-chu-nha.pdf", OfficeDossiers.Pdf)]));

            response.ShouldRedirectTo(Url(dossier.Code!));
            var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
                .Include(d => d.Files).Include(d => d.Supplements).Include(d => d.History).SingleAsync(d => d.Id == dossier.Id));
            stored.Status.ShouldBe(DossierStatus.Received);
            stored.Supplements.Single().State.ShouldBe(SupplementState.Answered);
            // Seven working days were left when the clock stopped on Tuesday; they run again from Thursday.
            dueBefore.ShouldBe(TestClock.Vn(2026, 11, 26, 9, 0));
            stored.DueAtUtc.ShouldBe(TestClock.Vn(2026, 11, 30, 9, 0));
            stored.Files.Where(f => f.Purpose == DossierFilePurpose.Component).Select(f => (f.ComponentId, f.FileName))
                .ShouldBe([(component, "Hợp đồng thuê nhà.pdf"), (component, "xac-nhan-chu-nha.pdf")], ignoreOrder: true);
            var answer = stored.History.MaxBy(e => e.Sequence)!;
            (answer.Kind.ToString(), answer.ActorId, answer.ActorRole, answer.Reason).ShouldBe(("AnswerSupplement", (Guid?)me.AccountId, "Người nộp hồ sơ", "Gửi bản công chứng và xác nhận"));
            stored.History.Count(e => e.Kind == DossierEventKind.AttachFile && e.ActorId == me.AccountId).ShouldBe(2);

            var documents = await app.WithDbAsync(db => db.CitizenDocuments.AsNoTracking().Where(d => d.SourceDossierId == dossier.Id).ToListAsync());
            documents.Select(d => (d.OwnerIdNumber, d.Kind, d.Name)).Distinct()
                .ShouldBe([(me.IdNumber, CitizenDocumentKind.Component, "Giấy tờ chứng minh chỗ ở hợp pháp")]);
            documents.Count.ShouldBe(2);

            var after = await citizen.GetPageAsync(Url(dossier.Code!));
            after.QuerySelector(".notice[role=status]")!.TextContent.ShouldBe(
                $"Đã gửi hồ sơ bổ sung. Thời gian giải quyết được tính tiếp, hẹn trả kết quả mới: {TrackingDisplayTime(stored.DueAtUtc!.Value)}.");
            after.QuerySelector("section#bo-sung").ShouldBeNull();
            var store = await citizen.GetPageAsync("/kho-du-lieu");
            store.QuerySelectorAll("ul.documents > li h2").Select(h => h.TextContent).ShouldBe(["Giấy tờ chứng minh chỗ ở hợp pháp", "Giấy tờ chứng minh chỗ ở hợp pháp"]);

            // The paper comes back under its Vietnamese name.
            var file = stored.Files.Single(f => f.FileName == "Hợp đồng thuê nhà.pdf");
            var download = await GetAsync(citizen, $"{Url(dossier.Code!)}/tep/{file.Id}");
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("Hợp đồng thuê nhà.pdf");
            (await download.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(OfficeDossiers.Pdf);
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task AnswerSupplement_WithADisguisedFile_IsRefused_AndNothingChanges()
    {
        var (me, dossier, component) = await AwaitingSupplementAsync("Kiều Văn Giả Mạo", "001190000202", "0912340202");
        var citizen = await SignInAsync(app, me);
        var page = await citizen.GetPageAsync(Url(dossier.Code!));
        var before = await SnapshotAsync(dossier.Id);
        var filesOnDisk = FilesOnDisk();

        // A real PDF and an executable renamed to .pdf: the whole answer is refused, the good file's bytes removed too.
        var response = await PostSupplementAsync(citizen, dossier.Code!, RevisionIn(page, "Supplement"), "Gửi bổ sung",
            (component, [("hop-dong.pdf", OfficeDossiers.Pdf), ("giay-to.pdf", Disguised)]));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var shown = await ParseAsync(response);
        shown.QuerySelector("[role=alert]")!.TextContent.ShouldStartWith("Tệp \"giay-to.pdf\" không phải PDF, ảnh JPEG/PNG hoặc văn bản Word (.docx)");
        shown.QuerySelector("textarea#supplement-note")!.TextContent.ShouldBe("Gửi bổ sung");
        (await SnapshotAsync(dossier.Id)).ShouldBe(before);
        FilesOnDisk().ShouldBe(filesOnDisk);
    }

    [Fact]
    public async Task AnswerSupplement_WithFilesButNoComponent_OrNothingAtAll_IsRefused_AndNothingChanges()
    {
        var (me, dossier, _) = await AwaitingSupplementAsync("Mai Thị Quên Chọn", "001190000203", "0912340203");
        var citizen = await SignInAsync(app, me);
        var revision = RevisionIn(await citizen.GetPageAsync(Url(dossier.Code!)), "Supplement");
        var before = await SnapshotAsync(dossier.Id);

        var noComponent = await PostSupplementAsync(citizen, dossier.Code!, revision, null, (null, [("hop-dong.pdf", OfficeDossiers.Pdf)]));
        var nothing = await PostSupplementAsync(citizen, dossier.Code!, revision, "   ", (null, []));

        noComponent.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(noComponent)).QuerySelector("[role=alert]")!.TextContent.ShouldBe("Hãy chọn thành phần hồ sơ cho các tệp tải lên.");
        nothing.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(nothing)).QuerySelector("[role=alert]")!.TextContent.ShouldBe("Hãy tải lên giấy tờ cần bổ sung hoặc ghi nội dung bổ sung.");
        (await SnapshotAsync(dossier.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task AnswerSupplement_AfterAnOfficialChangedTheDossier_SaysItWasUpdated_AndChangesNothing()
    {
        var (me, dossier, component) = await AwaitingSupplementAsync("Ninh Văn Chậm Tay", "001190000204", "0912340204");
        var citizen = await SignInAsync(app, me);
        var page = await citizen.GetPageAsync(Url(dossier.Code!));

        // Meanwhile the applicant's relative paid the fee at the desk.
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{dossier.Id}/payments", new { amount = 10_000, method = "Desk", reference = "BL-204" });
        var before = await SnapshotAsync(dossier.Id);
        var response = await PostSupplementAsync(citizen, dossier.Code!, RevisionIn(page, "Supplement"), "Gửi bổ sung",
            (component, [("hop-dong.pdf", OfficeDossiers.Pdf)]));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var shown = await ParseAsync(response);
        var alert = shown.QuerySelector("[role=alert]")!.TextContent;
        alert.ShouldStartWith("Hồ sơ vừa được cập nhật sau khi bạn mở trang");
        alert.ShouldContain("Thu 10.000 ₫");
        (await SnapshotAsync(dossier.Id)).ShouldBe(before);
        // The page now carries the new revision, so the answer can be sent again.
        RevisionIn(shown, "Supplement").ShouldBe(OfficeDossiers.Text(before.Revision));
    }

    private sealed record Snapshot(DossierStatus Status, int Revision, int Files, int StoredFiles, int Documents, DateTime? DueAtUtc);

    private Task<Snapshot> SnapshotAsync(Guid id) =>
        app.WithDbAsync(async db =>
        {
            var d = await db.Dossiers.AsNoTracking().Include(x => x.Files).SingleAsync(x => x.Id == id);
            return new Snapshot(d.Status, d.Revision, d.Files.Count, await db.StoredFiles.CountAsync(), await db.CitizenDocuments.CountAsync(), d.DueAtUtc);
        });

    private int FilesOnDisk() =>
        Directory.Exists(app.Database.DataDirectory) ? Directory.GetFiles(app.Database.DataDirectory, "*", SearchOption.AllDirectories).Length : 0;

    private static string TrackingDisplayTime(DateTime utc) => MotCua.Web.Pages.Portal.Citizen.Dossiers.TrackingDisplay.Time(utc);
}
