using System.Net;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Tracking;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Pages.Portal.Tracking;

/// <summary>/tra-cuu: public progress by code and lookup code, without personal details.</summary>
public sealed class LookupPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string LookupUrl(string code, string lookupCode) =>
        $"/tra-cuu?ma={Uri.EscapeDataString(code)}&khoa={Uri.EscapeDataString(lookupCode)}";

    [Fact]
    public async Task Lookup_WithCodeAndLookupCodeFromTheQrCode_ShowsProgressWithoutPersonalDetails()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Nguyễn Văn An", "079090000401", "0912340401"));
        await OfficeDossiers.ToAppraisalAsync(app, world, received.Id);
        await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{received.Id}/transfer",
            new { unitId = world.OtherCommuneId, note = "Ghi chú nội bộ về ông An" });
        var visitor = await OfficeClient.AnonymousAsync(app);

        // The QR code's address; people also type the lookup code in lower case.
        var page = await visitor.GetPageAsync(LookupUrl(received.Code, received.LookupCode.ToLowerInvariant()));

        var result = page.QuerySelector("section.lookup-result")!;
        result.QuerySelector("h2")!.TextContent.ShouldBe("Hồ sơ " + received.Code);
        var facts = Facts(result);
        facts["Thủ tục"].ShouldBe("Đăng ký thường trú");
        facts["Người nộp"].ShouldBe("Nguyễn V. A.");
        facts["Ngày tiếp nhận"].ShouldBe("17/11/2026 09:00");
        facts["Hẹn trả kết quả"].ShouldBe("26/11/2026 09:00");
        facts["Đơn vị đang giải quyết"].ShouldBe("Xã Hai");
        facts["Kết quả"].ShouldBe("Chưa có kết quả.");
        result.QuerySelector(".badge")!.TextContent.ShouldBe("Đang xử lý");
        var steps = result.QuerySelectorAll("ol.timeline > li").ToList();
        steps.Select(s => s.QuerySelector(".what")!.TextContent).ShouldBe(
            ["Tiếp nhận hồ sơ", "Chuyển hồ sơ đến bộ phận xử lý", "Phân công cán bộ xử lý", "Chuyển hồ sơ đến đơn vị khác"]);
        steps[0].QuerySelector(".who")!.TextContent.ShouldBe("Cán bộ một cửa, Trung tâm Phục vụ hành chính công phường Một");

        var text = page.Body!.TextContent;
        foreach (var personal in new[] { "Nguyễn Văn An", "079090000401", "0912340401", "Cán bộ desk", "Cán bộ specialist", "Cán bộ leader", "Ghi chú nội bộ" })
            text.ShouldNotContain(personal);
        page.QuerySelectorAll("a[href*='/tep/']").ShouldBeEmpty();
    }

    [Fact]
    public async Task Lookup_WithAWrongLookupCode_OrAnUnknownCode_GivesTheSameMessage()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Trần Thị Bình", "079090000402", "0912340402"));
        var visitor = await OfficeClient.AnonymousAsync(app);

        var wrongKey = await GetAsync(visitor, LookupUrl(received.Code, "ABCDEFGH"));
        var unknownCode = await GetAsync(visitor, LookupUrl(received.Code[..^4] + "9999", received.LookupCode));

        foreach (var response in new[] { wrongKey, unknownCode })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var page = await ParseAsync(response);
            page.QuerySelector("[role=alert]")!.TextContent.ShouldBe(LookupDossier.NotFound);
            page.QuerySelector("section.lookup-result").ShouldBeNull();
            page.Body!.TextContent.ShouldNotContain("Đăng ký thường trú");
        }
        (await ParseAsync(wrongKey)).QuerySelector("input#ma")!.GetAttribute("value").ShouldBe(received.Code);
    }

    [Fact]
    public async Task Lookup_Form_AsksForBothCodes()
    {
        await app.SeedWorldAsync();
        var visitor = await OfficeClient.AnonymousAsync(app);

        var empty = await visitor.GetPageAsync("/tra-cuu");
        empty.QuerySelector("form[method=get][action='/tra-cuu']").ShouldNotBeNull();
        foreach (var id in new[] { "ma", "khoa" })
        {
            empty.QuerySelector($"label[for={id}]").ShouldNotBeNull();
            empty.QuerySelector($"input#{id}")!.HasAttribute("required").ShouldBeTrue();
        }
        empty.QuerySelector("[role=alert]").ShouldBeNull();

        var half = await GetAsync(visitor, "/tra-cuu?ma=000.00.41.H98-261117-0001&khoa=");
        half.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(half)).QuerySelector("[role=alert]")!.TextContent.ShouldBe("Hãy nhập cả mã hồ sơ và mã tra cứu.");
    }

    [Fact]
    public async Task Lookup_OfAReturnedDossier_SaysTheResultIsReturned_AndSendsToSignInForTheFile()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Phan Thị Đã Nhận", "001190000403", "0912340403");
        var dossier = await SubmitAsync(app, world, me);
        await ToReturnedAsync(app, world, dossier.Id);
        var visitor = await OfficeClient.AnonymousAsync(app);

        var page = await visitor.GetPageAsync(LookupUrl(dossier.Code!, dossier.LookupCode));

        var result = page.QuerySelector("section.lookup-result")!;
        Facts(result)["Người nộp"].ShouldBe("Phan T. Đ. N.");
        Facts(result)["Kết quả"].ShouldStartWith("Đã trả kết quả lúc 17/11/2026 09:00.");
        result.QuerySelector($"a[href='/dang-nhap?ReturnUrl={Uri.EscapeDataString("/ho-so-cua-toi/" + dossier.Code)}']").ShouldNotBeNull();
        result.QuerySelectorAll("ol.timeline > li .what").Select(w => w.TextContent).Take(2).ShouldBe(["Nộp hồ sơ trực tuyến", "Tiếp nhận hồ sơ"]);
        page.QuerySelectorAll("a[href*='/tep/']").ShouldBeEmpty();
    }
}
