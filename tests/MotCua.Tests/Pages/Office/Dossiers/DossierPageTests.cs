using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Pages.Office.Dossiers;

/// <summary>/office/dossiers/{id}: the whole dossier, and its actions posted through the page's own forms.</summary>
public sealed class DossierPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] MissingItems = ["Hợp đồng thuê nhà có công chứng"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Url(Guid id) => $"/office/dossiers/{id}";

    private static Task<HttpResponseMessage> PostActionAsync(OfficeClient client, Guid id, string handler, Dictionary<string, string> fields) =>
        client.PostFormAsync(Url(id), $"{Url(id)}?handler={handler}", fields);

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));

    [Fact]
    public async Task DossierPage_ShowsHistoryWithActorRoleUnitAndReason_AndOriginalAndCurrentStepDueDates()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Bùi Thị Lịch Sử", "079090000301", "0912345301"));
        var s = await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/supplement-requests",
            new { reason = "Hợp đồng thuê nhà chưa công chứng", missingItems = MissingItems, revision = 1 });
        var start = app.Clock.GetUtcNow().UtcDateTime;
        try
        {
            // The applicant comes back two working days later: the dates move, the original ones stay.
            app.Clock.Set(TestClock.Vn(2026, 11, 19, 9, 0));
            await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/supplement-answer", new { note = "Đã nộp bản công chứng", revision = s.Revision });

            var desk = await OfficeClient.SignInAsync(app, "desk");
            var page = await desk.GetPageAsync(Url(received.Id));

            var history = OfficeDossiers.Rows(page, "history-heading");
            history.Count.ShouldBe(3);
            history[1][0].ShouldBe("09:00 17/11/2026");
            history[1][1..4].ShouldBe(["Cán bộ desk", "Cán bộ một cửa", "Trung tâm Phục vụ hành chính công phường Một"]);
            history[1][4].ShouldContain("Yêu cầu bổ sung: Hợp đồng thuê nhà có công chứng");
            history[1][4].ShouldContain("Yêu cầu bổ sung giấy tờ");
            history[1][5].ShouldBe("Hợp đồng thuê nhà chưa công chứng");
            history[2][5].ShouldBe("Đã nộp bản công chứng");
            page.QuerySelectorAll("table[aria-labelledby='history-heading'] thead th").Select(h => h.TextContent)
                .ShouldBe(["Thời gian", "Người thực hiện", "Vai trò", "Đơn vị", "Nội dung", "Lý do"]);

            var steps = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Id == received.Id).SelectMany(d => d.Steps).OrderBy(x => x.Order).ToListAsync());
            var rows = page.QuerySelectorAll("table[aria-labelledby='steps-heading'] tbody tr").ToList();
            rows.Count.ShouldBe(4);
            for (var i = 0; i < steps.Count; i++)
            {
                rows[i].QuerySelector("td.original-due")!.TextContent.ShouldBe(VietnamTime.Format(steps[i].OriginalDueAtUtc));
                rows[i].QuerySelector("td.current-due")!.TextContent.ShouldBe(VietnamTime.Format(steps[i].DueAtUtc));
            }
            steps[1].DueAtUtc.ShouldBeGreaterThan(steps[1].OriginalDueAtUtc);
            rows[0].QuerySelector("th")!.TextContent.ShouldBe("1. Tiếp nhận, chuyển hồ sơ");

            var facts = page.QuerySelector("section[aria-labelledby='dates-heading']")!.TextContent;
            facts.ShouldContain("Hẹn trả ban đầu09:00 26/11/2026");
            page.QuerySelector("a[href='/office/forms/02/" + received.Id + "']").ShouldNotBeNull();
            page.QuerySelector("a[href='/office/forms/01/" + received.Id + "']").ShouldNotBeNull();
            page.QuerySelector("a[href='/office/forms/03/" + received.Id + "']").ShouldBeNull();
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task Assign_ByLeaderThroughThePage_IsPersistedAndConfirmed()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Cao Văn Phân Công", "079090000302", "0912345302"));
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId });
        var specialistId = await OfficeDossiers.OfficialIdAsync(app, "specialist");
        var leader = await OfficeClient.SignInAsync(app, "leader");
        var page = await leader.GetPageAsync(Url(received.Id));
        page.QuerySelector($"select#assign-official option[value='{specialistId}']").ShouldNotBeNull();
        page.QuerySelector("label[for=assign-official]").ShouldNotBeNull();
        // Only what the leader may do at this stage.
        page.QuerySelector("form[action*='handler=Approve']").ShouldBeNull();
        page.QuerySelector("form[action*='handler=Issue']").ShouldBeNull();
        page.QuerySelector("form[action*='handler=Receive']").ShouldBeNull();

        var response = await PostActionAsync(leader, received.Id, "Assign",
            new() { ["officialId"] = specialistId.ToString(), ["revision"] = OfficeDossiers.RevisionIn(page, "Assign") });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe(Url(received.Id));
        var after = await leader.GetPageAsync(Url(received.Id));
        after.QuerySelector(".alert.success")!.TextContent.ShouldBe("Đã phân công Cán bộ specialist xử lý hồ sơ.");
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        (stored.AssigneeId, stored.Stage).ShouldBe((specialistId, ProcessingStage.Appraisal));
        OfficeDossiers.Rows(after, "history-heading").Last()[1..3].ShouldBe(["Cán bộ leader", "Lãnh đạo"]);
    }

    [Fact]
    public async Task Assign_WithStaleRevision_ShowsWhoChangedWhat_AndChangesNothing()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Lý Thị Xung Đột", "079090000303", "0912345303"));
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId });
        var leader = await OfficeClient.SignInAsync(app, "leader");
        var seen = OfficeDossiers.RevisionIn(await leader.GetPageAsync(Url(received.Id)), "Assign");

        // Meanwhile the desk collects the fee.
        var paid = await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/payments", new { amount = 20_000, method = "Desk", reference = "BL-303" });
        var response = await PostActionAsync(leader, received.Id, "Assign",
            new() { ["officialId"] = (await OfficeDossiers.OfficialIdAsync(app, "specialist")).ToString(), ["revision"] = seen });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await ParseAsync(response);
        var alert = page.QuerySelector(".alert.error[role=alert]")!.TextContent;
        alert.ShouldContain("Cán bộ desk");
        alert.ShouldContain("Thu 20.000 ₫");
        // The page shows the dossier as it is now, with the new revision in its forms.
        OfficeDossiers.RevisionIn(page, "Assign").ShouldBe(OfficeDossiers.Text(paid.Revision));
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        (stored.AssigneeId, stored.Stage, stored.Revision).ShouldBe((null, ProcessingStage.AwaitingAssignment, paid.Revision));
    }

    [Fact]
    public async Task SubmitForApproval_WithoutADraft_ShowsTheRuleInVietnamese_AndChangesNothing()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Mai Văn Chưa Dự Thảo", "079090000304", "0912345304"));
        var s = await OfficeDossiers.ToAppraisalAsync(app, world, received.Id);
        var specialist = await OfficeClient.SignInAsync(app, "specialist");
        var page = await specialist.GetPageAsync(Url(received.Id));
        page.QuerySelector("form[action*='handler=UploadDraft'][enctype='multipart/form-data'] input[type=file][name=file]").ShouldNotBeNull();

        var response = await PostActionAsync(specialist, received.Id, "SubmitForApproval",
            new() { ["note"] = "Đủ điều kiện", ["revision"] = OfficeDossiers.RevisionIn(page, "SubmitForApproval") });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(response)).QuerySelector(".alert.error")!.TextContent
            .ShouldBe("Chưa có dự thảo kết quả; hãy tải lên dự thảo trước khi trình ký.");
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        (stored.Stage, stored.Revision).ShouldBe((ProcessingStage.Appraisal, s.Revision));
    }

    [Fact]
    public async Task UploadDraftThenSubmit_ThroughThePage_ReachesTheLeader()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Đinh Thị Dự Thảo", "079090000305", "0912345305"));
        await OfficeDossiers.ToAppraisalAsync(app, world, received.Id);
        var specialist = await OfficeClient.SignInAsync(app, "specialist");
        var page = await specialist.GetPageAsync(Url(received.Id));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var form = OfficeDossiers.Multipart("file", "du-thao-trang.pdf", ("revision", OfficeDossiers.RevisionIn(page, "UploadDraft")), ("__RequestVerificationToken", token));
        var uploaded = await specialist.Http.PostAsync($"{Url(received.Id)}?handler=UploadDraft", form, Ct);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await specialist.GetPageAsync(Url(received.Id));
        var draftLink = page.QuerySelector("section[aria-labelledby='results-heading'] a[href^='/office/files/']")!;
        draftLink.TextContent.ShouldBe("du-thao-trang.pdf");

        var submitted = await PostActionAsync(specialist, received.Id, "SubmitForApproval",
            new() { ["revision"] = OfficeDossiers.RevisionIn(page, "SubmitForApproval") });
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var leaderPage = await (await OfficeClient.SignInAsync(app, "leader")).GetPageAsync(Url(received.Id));
        leaderPage.QuerySelector("form[action*='handler=Approve']").ShouldNotBeNull();
        leaderPage.QuerySelector("form[action*='handler=SendBack'] textarea[name=reason][required]").ShouldNotBeNull();
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == received.Id).Select(d => d.Stage).SingleAsync())).ShouldBe(ProcessingStage.AwaitingApproval);
    }

    [Fact]
    public async Task PaymentAndReturn_AtTheDeskThroughThePage_TakesTypedAmountAndEndsReturned()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Kiều Văn Trả Kết Quả", "079090000307", "0912345307"));
        await OfficeDossiers.ToDecidedAsync(app, world, received.Id);
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync(Url(received.Id));
        page.QuerySelector<IHtmlInputElement>("input#pay-amount")!.Value.ShouldBe("20.000");

        var paid = await PostActionAsync(desk, received.Id, "Payment", new()
        {
            ["amount"] = "20.000 ₫", ["method"] = "Desk", ["reference"] = "BL-307", ["revision"] = OfficeDossiers.RevisionIn(page, "Payment"),
        });
        paid.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await desk.GetPageAsync(Url(received.Id));
        page.QuerySelector(".alert.success")!.TextContent.ShouldBe("Đã ghi nhận thu phí, lệ phí; đã nộp 20.000 ₫ / 20.000 ₫.");
        page.QuerySelector("form[action*='handler=Payment']").ShouldBeNull();

        var returned = await PostActionAsync(desk, received.Id, "Return", new()
        {
            ["method"] = "Desk", ["receivedBy"] = "Kiều Văn Trả Kết Quả", ["revision"] = OfficeDossiers.RevisionIn(page, "Return"),
        });
        returned.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        (stored.Status, stored.AmountPaid, stored.ReceivedResultBy).ShouldBe((DossierStatus.Returned, 20_000L, "Kiều Văn Trả Kết Quả"));
        page = await desk.GetPageAsync(Url(received.Id));
        page.QuerySelector("aside.dossier-actions")!.TextContent.ShouldContain("Không có thao tác nào");
    }

    [Fact]
    public async Task Apologize_WithNewDueInVietnamTime_IsStoredAsUtc_AndOnlyOnce()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Quách Thị Xin Lỗi", "079090000308", "0912345308"));
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId });
        var leader = await OfficeClient.SignInAsync(app, "leader");
        var page = await leader.GetPageAsync(Url(received.Id));
        page.QuerySelector("input#apology-due[type=datetime-local][name=newDueAt]").ShouldNotBeNull();

        var response = await PostActionAsync(leader, received.Id, "Apologize", new()
        {
            ["reason"] = "Chờ xác minh của Công an", ["newDueAt"] = "2026-12-01T16:30", ["revision"] = OfficeDossiers.RevisionIn(page, "Apologize"),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (due, promised) = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == received.Id)
            .Select(d => new ValueTuple<DateTime?, DateTime?>(d.DueAtUtc, d.Apology!.NewDueUtc)).SingleAsync());
        // The legal due date stays; the letter's date is the applicant's.
        (due, promised).ShouldBe(((DateTime?)received.DueAtUtc, (DateTime?)TestClock.Vn(2026, 12, 1, 16, 30)));
        page = await leader.GetPageAsync(Url(received.Id));
        page.QuerySelector("form[action*='handler=Apologize']").ShouldBeNull();
        page.QuerySelector($"a[href='/office/forms/04/{received.Id}']").ShouldNotBeNull();
        page.QuerySelector("section[aria-labelledby='apology-heading']")!.TextContent.ShouldContain("16:30 01/12/2026");

        // A second letter is refused by the rule, in Vietnamese, even when posted by hand.
        var again = await PostActionAsync(leader, received.Id, "Apologize", new() { ["reason"] = "Lần nữa", ["newDueAt"] = "2026-12-05T16:30" });
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(again)).QuerySelector(".alert.error")!.TextContent.ShouldContain("chỉ được hẹn lại một lần");
    }

    [Fact]
    public async Task FileDownload_ForOfficialInScope_ReturnsTheBytes_AndIsNotFoundForAnotherCommune()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Tô Văn Tệp Tin", "079090000306", "0912345306"));
        var componentId = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == received.Id).SelectMany(d => d.Components)
            .Where(c => c.RequirementCode == "CHO_O").Select(c => c.Id).SingleAsync());
        await OfficeDossiers.PostFileAsync(app, "desk", $"/api/dossiers/{received.Id}/components/{componentId}/scans", "files", "hợp đồng thuê nhà.pdf");
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync(Url(received.Id));
        var link = page.QuerySelector("section[aria-labelledby='components-heading'] a[href^='/office/files/']")!;
        link.TextContent.ShouldBe("hợp đồng thuê nhà.pdf");
        OfficeDossiers.Rows(page, "components-heading").Single(r => r[0].StartsWith("Giấy tờ chứng minh", StringComparison.Ordinal))[3].ShouldBe("Đã số hóa");

        var response = await desk.Http.GetAsync(link.GetAttribute("href"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(OfficeDossiers.Pdf);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("hợp đồng thuê nhà.pdf");
        var other = await OfficeClient.SignInAsync(app, "desk.other");
        var denied = await other.Http.GetAsync(link.GetAttribute("href"), Ct);
        denied.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await denied.Content.ReadAsStringAsync(Ct)).ShouldNotContain("%PDF");
        (await other.Http.GetAsync($"/office/files/{Guid.NewGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
