using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Pages.Portal.Tracking;

/// <summary>/ho-so-cua-toi and /ho-so-cua-toi/{code}: the citizen's own dossiers, and only theirs.</summary>
public sealed class MyDossiersPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MyDossiers_WhenSignedIn_ListsOnlyMineNewestFirst_AndAnotherCitizensDossierIs404()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Phạm Thị Của Tôi", "001190000101", "0912340101");
        var other = await CitizenAsync(app, "Lê Văn Người Khác", "001190000102", "0912340102");
        var start = app.Clock.GetUtcNow().UtcDateTime;
        Dossier older, newer, theirs;
        try
        {
            older = await SubmitAsync(app, world, me);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            theirs = await SubmitAsync(app, world, other);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            newer = await SubmitAsync(app, world, me);
        }
        finally
        {
            app.Clock.Set(start);
        }
        await RequestSupplementAsync(app, newer.Id, "Thiếu giấy tờ chỗ ở", "Hợp đồng thuê nhà");

        var citizen = await SignInAsync(app, me);
        var page = await citizen.GetPageAsync("/ho-so-cua-toi");

        var items = page.QuerySelectorAll("ul.my-dossiers > li").ToList();
        items.Select(i => i.QuerySelector("h2")!.TextContent).ShouldBe([newer.Code, older.Code]);
        items[0].ClassList.ShouldContain("needs-action");
        items[0].QuerySelector(".badge.partial")!.TextContent.ShouldBe("Cần bổ sung");
        items[0].QuerySelector($"a[href='/ho-so-cua-toi/{newer.Code}#bo-sung']").ShouldNotBeNull();
        TextOf(items[1]).ShouldContain("Mới đăng ký");
        TextOf(items[1]).ShouldContain("Đăng ký thường trú");
        Facts(items[1])["Ngày nộp"].ShouldBe("17/11/2026 09:00");
        page.Body!.TextContent.ShouldNotContain(theirs.Code!);

        var response = await GetAsync(citizen, Url(theirs.Code!));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var notFound = await ParseAsync(response);
        notFound.QuerySelector("[role=alert]")!.TextContent.ShouldBe("Không tìm thấy hồ sơ này trong các hồ sơ của bạn.");
        notFound.Body!.TextContent.ShouldNotContain(other.FullName);
        // The owner's own page, typed in lower case, opens.
        (await GetAsync(citizen, Url(older.Code!.ToLowerInvariant()))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MyDossiers_WhenNotSignedIn_SendsToTheSignInPage()
    {
        await app.SeedWorldAsync();
        var visitor = await OfficeClient.AnonymousAsync(app);
        var response = await GetAsync(visitor, "/ho-so-cua-toi");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/dang-nhap?ReturnUrl=%2Fho-so-cua-toi");
    }

    [Fact]
    public async Task MyDossiers_WhenNone_ShowsAnEmptyStateWithTheCatalog()
    {
        await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Đỗ Văn Chưa Nộp", "001190000103", "0912340103");
        var page = await (await SignInAsync(app, me)).GetPageAsync("/ho-so-cua-toi");
        page.QuerySelector(".notice")!.TextContent.ShouldContain("Bạn chưa có hồ sơ nào.");
        page.QuerySelector("a[href='/thu-tuc']").ShouldNotBeNull();
        page.QuerySelectorAll("ul.my-dossiers > li").ShouldBeEmpty();
    }

    [Fact]
    public async Task DossierPage_ShowsTimelineInOrder_WithUnitsAndRoles_ButNotOfficialsInternalNotes()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Vũ Thị Theo Dõi", "001190000104", "0912340104");
        var dossier = await SubmitAsync(app, world, me);
        await ReceiveAsync(app, dossier.Id);
        await OfficeDossiers.ToAppraisalAsync(app, world, dossier.Id);
        await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{dossier.Id}/transfer",
            new { unitId = world.OtherCommuneId, note = "Ghi chú nội bộ: đề nghị xã kiểm tra lại hộ khẩu" });

        var page = await (await SignInAsync(app, me)).GetPageAsync(Url(dossier.Code!));

        var steps = page.QuerySelectorAll("ol.timeline > li").ToList();
        steps.Select(s => s.QuerySelector(".what")!.TextContent).ShouldBe(
        [
            "Nộp hồ sơ trực tuyến (toàn trình)",
            "Tiếp nhận hồ sơ trực tuyến, hẹn trả 09:00 26/11/2026",
            "Chuyển hồ sơ đến Văn phòng HĐND và UBND phường Một để xử lý",
            "Phân công Cán bộ specialist thẩm định, xử lý",
            "Chuyển hồ sơ đến Xã Hai; cơ quan có thẩm quyền giải quyết: Xã Hai",
        ]);
        steps.Select(s => s.QuerySelector("time")!.TextContent).ShouldAllBe(t => t == "17/11/2026 09:00");
        steps[0].QuerySelector(".who")!.TextContent.ShouldBe("Vũ Thị Theo Dõi — Người nộp hồ sơ");
        steps[1].QuerySelector(".who")!.TextContent.ShouldBe("Cán bộ desk — Cán bộ một cửa, Trung tâm Phục vụ hành chính công phường Một");
        steps[1].QuerySelector(".status-after")!.TextContent.ShouldBe("Trạng thái: Được tiếp nhận");
        steps[3].QuerySelector(".who")!.TextContent.ShouldBe("Cán bộ leader — Lãnh đạo, Phường Một");
        page.Body!.TextContent.ShouldNotContain("Ghi chú nội bộ");

        var facts = Facts(page.QuerySelector("section[aria-labelledby='general-heading']"));
        (facts["Đơn vị đang giải quyết"], facts["Trạng thái"], facts["Cán bộ xử lý"]).ShouldBe(("Xã Hai", "Đang xử lý", "—"));
        Facts(page.QuerySelector("section[aria-labelledby='dates-heading']"))["Hẹn trả ban đầu"].ShouldBe("26/11/2026 09:00");
    }

    [Fact]
    public async Task Withdraw_AsksForConfirmation_ThenWithdrawsAsTheApplicant()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Hồ Văn Rút", "001190000105", "0912340105");
        var dossier = await SubmitAsync(app, world, me);
        await ReceiveAsync(app, dossier.Id);
        var citizen = await SignInAsync(app, me);
        var page = await citizen.GetPageAsync(Url(dossier.Code!));
        var revision = RevisionIn(page, "Withdraw");

        var first = await PostActionAsync(citizen, dossier.Code!, "Withdraw", new() { ["revision"] = revision, ["reason"] = "Tôi đã chuyển nơi ở khác" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirm = await ParseAsync(first);
        TextOf(confirm.QuerySelector("section.confirm")).ShouldContain("Lý do rút hồ sơ: Tôi đã chuyển nơi ở khác");
        confirm.QuerySelector("section.confirm input[name=confirmed]")!.GetAttribute("value").ShouldBe("true");
        (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id))).Status.ShouldBe(DossierStatus.Received);

        var second = await PostActionAsync(citizen, dossier.Code!, "Withdraw",
            new() { ["revision"] = revision, ["reason"] = "Tôi đã chuyển nơi ở khác", ["confirmed"] = "true" });

        second.ShouldRedirectTo(Url(dossier.Code!));
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.History).SingleAsync(d => d.Id == dossier.Id));
        stored.Status.ShouldBe(DossierStatus.Withdrawn);
        var last = stored.History.MaxBy(e => e.Sequence)!;
        (last.Kind.ToString(), last.ActorId, last.ActorName, last.Reason).ShouldBe(("Withdraw", (Guid?)me.AccountId, me.FullName, "Tôi đã chuyển nơi ở khác"));
        var after = await citizen.GetPageAsync(Url(dossier.Code!));
        after.QuerySelector(".notice[role=status]")!.TextContent.ShouldStartWith("Đã rút hồ sơ.");
        after.QuerySelector("form[action*='handler=Withdraw']").ShouldBeNull();
    }

    [Fact]
    public async Task Withdraw_WithoutReason_OrAfterTheResult_IsRefusedAndChangesNothing()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Tạ Thị Không Rút", "001190000106", "0912340106");
        var dossier = await SubmitAsync(app, world, me);
        await ReceiveAsync(app, dossier.Id);
        var citizen = await SignInAsync(app, me);
        var revision = RevisionIn(await citizen.GetPageAsync(Url(dossier.Code!)), "Withdraw");

        var blank = await PostActionAsync(citizen, dossier.Code!, "Withdraw", new() { ["revision"] = revision, ["reason"] = "  " });
        blank.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(blank)).QuerySelector("[role=alert]")!.TextContent.ShouldBe("Hãy ghi lý do rút hồ sơ.");

        await OfficeDossiers.ToDecidedAsync(app, world, dossier.Id);
        var page = await citizen.GetPageAsync(Url(dossier.Code!));
        page.QuerySelector("form[action*='handler=Withdraw']").ShouldBeNull();
        var decided = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id));
        var late = await citizen.PostFormAsync("/ho-so-cua-toi", $"{Url(dossier.Code!)}?handler=Withdraw",
            new() { ["revision"] = OfficeDossiers.Text(decided.Revision), ["reason"] = "Đổi ý", ["confirmed"] = "true" });

        late.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(late)).QuerySelector("[role=alert]")!.TextContent.ShouldBe("Không thể rút hồ sơ khi hồ sơ ở trạng thái \"Đã xử lý xong\".");
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id));
        (stored.Status, stored.Revision).ShouldBe((DossierStatus.Decided, decided.Revision));
    }

    [Fact]
    public async Task ResultDownload_AfterReturn_SendsTheBytesWithTypeAndName_ButNotBeforeNorToOthers()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Lương Văn Kết Quả", "001190000107", "0912340107");
        var dossier = await SubmitAsync(app, world, me);
        await ReceiveAsync(app, dossier.Id);
        await OfficeDossiers.ToDecidedAsync(app, world, dossier.Id);
        var resultFile = await app.WithDbAsync(db => db.Set<DossierFile>().AsNoTracking()
            .SingleAsync(f => f.DossierId == dossier.Id && f.Purpose == DossierFilePurpose.Result));
        var fileUrl = $"{Url(dossier.Code!)}/tep/{resultFile.Id}";
        var citizen = await SignInAsync(app, me);

        // Issued but not returned: the fee is still owed, the result is not handed over yet.
        var before = await citizen.GetPageAsync(Url(dossier.Code!));
        TextOf(before.QuerySelector("section[aria-labelledby='results-heading']")).ShouldContain("Kết quả đã được phát hành. Bạn nhận kết quả khi hồ sơ được trả");
        before.QuerySelector($"a[href='{fileUrl}']").ShouldBeNull();
        (await GetAsync(citizen, fileUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await PayAndReturnAsync(app, dossier.Id);
        var page = await citizen.GetPageAsync(Url(dossier.Code!));
        TextOf(page.QuerySelector($"a[href='{fileUrl}']")).ShouldBe("Tải kết quả: ket-qua-da-ky.pdf");

        var response = await GetAsync(citizen, fileUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("ket-qua-da-ky.pdf");
        // The issued result is the uploaded file stamped with the unit's seal: the original bytes, then the signature's update.
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        bytes.Length.ShouldBeGreaterThan(OfficeDossiers.Pdf.Length);
        bytes[..OfficeDossiers.Pdf.Length].ShouldBe(OfficeDossiers.Pdf);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();

        var stranger = await SignInAsync(app, await CitizenAsync(app, "Người Lạ", "001190000108", "0912340108"));
        (await GetAsync(stranger, fileUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
