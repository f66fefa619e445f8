using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Features.DocumentStore;

/// <summary>/kho-du-lieu: the documents filed by the citizen's dossiers, with their validity, and who may see them.</summary>
public sealed class DataStorePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_ListsAResultOnceReturned_WithItsValidity_AndServesIt()
    {
        var world = await app.SeedWorldAsync();
        await EnsureExpiringProcedureAsync(app);
        var me = await CitizenAsync(app, "Cao Thị Độc Thân", "001190000301", "0912340301");
        var dossier = await SubmitAsync(app, world, me, ExpiringProcedureCode);
        await ReceiveAsync(app, dossier.Id);
        await OfficeDossiers.ToDecidedAsync(app, world, dossier.Id);
        var citizen = await SignInAsync(app, me);

        // Filed at issuance, but the applicant's only at the return.
        var filed = await app.WithDbAsync(db => db.CitizenDocuments.AsNoTracking().SingleAsync(d => d.SourceDossierId == dossier.Id));
        (filed.Kind, filed.OwnerIdNumber).ShouldBe((CitizenDocumentKind.Result, me.IdNumber));
        (await citizen.GetPageAsync("/kho-du-lieu")).QuerySelectorAll("ul.documents > li").ShouldBeEmpty();
        (await GetAsync(citizen, $"/kho-du-lieu/tai/{filed.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await PayAndReturnAsync(app, dossier.Id);
        var page = await citizen.GetPageAsync("/kho-du-lieu?loai=ket-qua");

        var item = page.QuerySelectorAll("ul.documents > li").ShouldHaveSingleItem();
        item.QuerySelector("h2")!.TextContent.ShouldBe(ExpiringResultName);
        item.QuerySelectorAll(".badge").Select(b => b.TextContent).ShouldBe(["Kết quả giải quyết thủ tục", "Còn hiệu lực (đến 17/05/2027)"]);
        var facts = Facts(item);
        (facts["Số, ký hiệu"], facts["Ngày cấp"], facts["Hồ sơ nguồn"]).ShouldBe(("12/TB-UBND", "17/11/2026", dossier.Code));
        item.QuerySelector($"a[href='/ho-so-cua-toi/{dossier.Code}']").ShouldNotBeNull();
        page.QuerySelector("nav.filters a[aria-current=page]")!.TextContent.ShouldBe("Kết quả giải quyết");
        (await citizen.GetPageAsync("/kho-du-lieu?loai=giay-to")).QuerySelectorAll("ul.documents > li").ShouldBeEmpty();

        var download = await GetAsync(citizen, item.QuerySelector("a[href^='/kho-du-lieu/tai/']")!.GetAttribute("href")!);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("ket-qua-da-ky.pdf");
        // The issued result is the uploaded file stamped with the unit's seal: the original bytes, then the signature's update.
        var bytes = await download.Content.ReadAsByteArrayAsync(Ct);
        bytes.Length.ShouldBeGreaterThan(OfficeDossiers.Pdf.Length);
        bytes[..OfficeDossiers.Pdf.Length].ShouldBe(OfficeDossiers.Pdf);

        var start = app.Clock.GetUtcNow().UtcDateTime;
        try
        {
            app.Clock.Set(TestClock.Vn(2027, 5, 18, 9, 0));
            // Months later: a new sign-in, the first one has long expired.
            var later = await (await SignInAsync(app, me)).GetPageAsync("/kho-du-lieu");
            later.QuerySelector("ul.documents > li .badge.late")!.TextContent.ShouldBe("Hết hiệu lực từ 17/05/2027");
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task Store_OfAnUnverifiedAccount_HidesDeskDossiersOfItsIdNumber_AVerifiedAccountSeesThem()
    {
        await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Võ Văn Tại Quầy", "001190000302", "0912340302");
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new(me.FullName, me.IdNumber, "0912349302"));
        var component = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Id == received.Id)
            .SelectMany(d => d.Components).Where(c => c.RequirementCode == "CHO_O").Select(c => c.Id).SingleAsync());
        await OfficeDossiers.PostFileAsync(app, "desk", $"/api/dossiers/{received.Id}/components/{component}/scans", "files", "ban-quet-hop-dong.pdf");
        var document = await app.WithDbAsync(db => db.CitizenDocuments.AsNoTracking().SingleAsync(d => d.SourceDossierId == received.Id));
        document.OwnerIdNumber.ShouldBe(me.IdNumber);
        var citizen = await SignInAsync(app, me);

        // Anyone may type this ID number at registration: without VNeID it opens nothing of the desk's.
        (await citizen.GetPageAsync("/ho-so-cua-toi")).Body!.TextContent.ShouldNotContain(received.Code);
        (await GetAsync(citizen, Url(received.Code))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var hidden = await citizen.GetPageAsync("/kho-du-lieu");
        hidden.QuerySelectorAll("ul.documents > li").ShouldBeEmpty();
        hidden.QuerySelector(".notice")!.TextContent.ShouldContain("chưa được xác thực định danh điện tử");
        (await GetAsync(citizen, $"/kho-du-lieu/tai/{document.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await SetVerifiedAsync(app, me, verified: true);

        (await citizen.GetPageAsync("/ho-so-cua-toi")).QuerySelectorAll("ul.my-dossiers > li h2").Select(h => h.TextContent).ShouldBe([received.Code]);
        (await GetAsync(citizen, Url(received.Code))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await citizen.GetPageAsync("/kho-du-lieu?loai=giay-to");
        var item = shown.QuerySelectorAll("ul.documents > li").ShouldHaveSingleItem();
        item.QuerySelector("h2")!.TextContent.ShouldBe("Giấy tờ chứng minh chỗ ở hợp pháp");
        item.QuerySelectorAll(".badge").Select(b => b.TextContent).ShouldBe(["Giấy tờ đã số hóa", "Không thời hạn"]);
        item.QuerySelector($"a[href='/ho-so-cua-toi/{received.Code}']").ShouldNotBeNull();
        shown.QuerySelector(".notice").ShouldBeNull();
        var download = await GetAsync(citizen, $"/kho-du-lieu/tai/{document.Id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("ban-quet-hop-dong.pdf");

        // Still nobody else's.
        var stranger = await SignInAsync(app, await CitizenAsync(app, "Người Khác", "001190000303", "0912340303", verified: true));
        (await GetAsync(stranger, $"/kho-du-lieu/tai/{document.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
