using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages.Portal.Catalog;

/// <summary>The procedure page at /thu-tuc/{code}: everything a citizen needs from the current version.</summary>
public sealed class ProcedurePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IHtmlDocument> PageAsync(string code)
    {
        await PortalCatalog.SeedAsync(app);
        return await (await OfficeClient.AnonymousAsync(app)).GetPageAsync("/thu-tuc/" + code);
    }

    private static string Section(IHtmlDocument page, string headingId) =>
        page.GetElementById(headingId)!.ParentElement!.TextContent;

    [Fact]
    public async Task OnlineProcedure_ShowsComponentsFeesLegalTime_AndTheOnlineButton()
    {
        var page = await PageAsync("1.004222");

        page.QuerySelector("h1")!.TextContent.ShouldBe(PortalCatalog.Residence);
        page.QuerySelector(".procedure-page > .meta")!.TextContent.ShouldContain("Mã thủ tục 1.004222 · Lĩnh vực Cư trú");
        page.QuerySelector(".badges .badge.full")!.TextContent.ShouldBe("Trực tuyến toàn trình");

        var submit = page.QuerySelectorAll("a.submit-online").ToList();
        submit.ShouldNotBeEmpty();
        submit.ShouldAllBe(a => a.GetAttribute("href") == "/nop-ho-so/1.004222" && a.TextContent.Trim() == "Nộp hồ sơ trực tuyến");

        var general = Section(page, "tom-tat");
        general.ShouldContain("Công an cấp xã");
        general.ShouldContain("7 ngày làm việc");
        general.ShouldContain("Thông báo kết quả đăng ký thường trú");

        var components = page.QuerySelectorAll(".components .component").ToList();
        components.Count.ShouldBe(3);
        components[0].TextContent.ShouldContain("Tờ khai thay đổi thông tin cư trú (CT01)");
        components[0].TextContent.ShouldContain("Bản chính");
        components[0].TextContent.ShouldContain("Số lượng: 1 bản · Bắt buộc");
        components[0].QuerySelector("a.sample")!.GetAttribute("href").ShouldBe("/thu-tuc/1.004222/mau/TK");
        components[0].QuerySelector("a.sample")!.TextContent.ShouldContain("Tải mẫu");
        components[1].TextContent.ShouldContain("Giấy tờ chứng minh chỗ ở hợp pháp");
        components[1].TextContent.ShouldContain("Bản sao");
        components[1].QuerySelector("a.sample").ShouldBeNull();
        components[1].QuerySelector(".badge.optional").ShouldBeNull();
        components[2].QuerySelector(".badge.optional")!.TextContent.ShouldBe("Không bắt buộc");
        components[2].TextContent.ShouldContain("Tùy trường hợp");

        var fee = page.QuerySelector(".fees .fee")!;
        fee.QuerySelector(".fee-name")!.TextContent.ShouldContain("Lệ phí đăng ký thường trú");
        var amounts = fee.QuerySelectorAll(".fee-amounts dd").Select(d => d.TextContent).ToList();
        amounts.ShouldBe(["20.000 ₫/hồ sơ", "10.000 ₫/hồ sơ"]);
        fee.QuerySelector(".exempt")!.TextContent.ShouldBe("Miễn cho: Trẻ em dưới 16 tuổi; Người có công với cách mạng và thân nhân.");
    }

    [Fact]
    public async Task PartlyOnlineProcedure_ShowsTheReason_PageTiersAndTheCutoff()
    {
        var page = await PageAsync("2.000815");

        page.QuerySelector(".submit-panel a.submit-online")!.GetAttribute("href").ShouldBe("/nop-ho-so/2.000815");
        page.QuerySelector(".submit-panel .reason")!.TextContent.ShouldContain("Người yêu cầu phải xuất trình bản chính để đối chiếu.");
        var general = Section(page, "tom-tat");
        general.ShouldContain("Trong ngày làm việc");
        general.ShouldContain("Hồ sơ tiếp nhận sau 15:00 được tính từ ngày làm việc tiếp theo.");
        general.ShouldContain("Một phần — Người yêu cầu phải xuất trình bản chính");

        var amounts = page.QuerySelectorAll(".fees .fee .fee-amounts dd").Select(d => d.TextContent).ToList();
        amounts.ShouldBe(["2.000 ₫/trang (trang 1–2); 1.000 ₫/trang (từ trang 3)", "2.000 ₫/trang (trang 1–2); 1.000 ₫/trang (từ trang 3)", "Tối đa 200.000 ₫/bản"]);
        page.QuerySelector(".components .component")!.TextContent.ShouldContain("Bản chính để đối chiếu");
    }

    [Fact]
    public async Task ProcedureNotOnline_HasNoOnlineButton_AndSaysWhereToGo()
    {
        var page = await PageAsync(PortalCatalog.WillCode);

        page.QuerySelector("h1")!.TextContent.ShouldBe(PortalCatalog.Will);
        page.QuerySelectorAll("a[href^='/nop-ho-so']").ShouldBeEmpty();
        page.QuerySelector(".submit-online").ShouldBeNull();
        var panel = page.QuerySelector(".submit-panel.offline")!.TextContent;
        panel.ShouldContain("Thủ tục này không được cung cấp trực tuyến.");
        panel.ShouldContain("nộp hồ sơ trực tiếp hoặc qua dịch vụ bưu chính công ích");
        panel.ShouldContain("Bộ phận Một cửa");
        page.QuerySelector(".badges .badge.none")!.TextContent.ShouldBe("Không trực tuyến");
        Section(page, "cach-thuc").ShouldContain("Trực tuyến: không");
        page.QuerySelector(".fees .fee .fee-amounts dd")!.TextContent.ShouldBe("50.000 ₫/hồ sơ");
    }

    [Fact]
    public async Task FreeRegistration_SaysSo_ButChargesTheExtractCopies_AndShowsStepsConditionsAndLegalBasis()
    {
        var page = await PageAsync(PortalCatalog.BirthCode);

        Section(page, "phi-le-phi").ShouldNotContain("Không thu phí, lệ phí.");
        page.QuerySelectorAll(".fees .fee .fee-amounts dd").Select(d => d.TextContent).ShouldContain("Không thu");
        page.QuerySelectorAll(".fees .fee .fee-amounts dd").Select(d => d.TextContent).ShouldContain("8.000 ₫/bản");
        page.QuerySelectorAll(".steps p").Length.ShouldBe(4);
        Section(page, "dieu-kien").ShouldContain("Trong thời hạn 60 ngày kể từ ngày sinh");
        page.QuerySelectorAll(".legal-basis li").Select(l => l.TextContent).ShouldContain("Luật Hộ tịch số 60/2014/QH13");
        Section(page, "tom-tat").ShouldContain("Cha, mẹ, ông, bà");
        Section(page, "cach-thuc").ShouldContain("Bộ phận Một cửa của Ủy ban nhân dân cấp xã");
        page.QuerySelector(".procedure-page .version")!.TextContent.ShouldContain("Phiên bản 1, áp dụng từ 01/07/2025 theo Quyết định thử nghiệm");
    }

    [Fact]
    public async Task DeclarationMadeFromTheEForm_SaysNoUploadIsNeededOnline()
    {
        var birth = await PageAsync(PortalCatalog.BirthCode);
        var residence = await PageAsync("1.004222");

        var declaration = birth.QuerySelectorAll(".components .component").Single(c => c.TextContent.Contains("Tờ khai đăng ký khai sinh"));
        declaration.QuerySelector(".from-eform")!.TextContent.ShouldBe("Khi nộp trực tuyến: khai trên tờ khai điện tử, không cần tải lên.");
        declaration.QuerySelector("a.sample").ShouldNotBeNull("at the desk and by post the paper form is still used");
        birth.QuerySelectorAll(".from-eform").Length.ShouldBe(1);
        residence.QuerySelector(".from-eform").ShouldBeNull("the test world's residence registration keeps an uploaded declaration");
    }

    [Fact]
    public async Task PilotProcedure_SaysItIsReceivedOnlineOnly()
    {
        var page = await PageAsync(PortalCatalog.TemporaryResidenceCode);

        page.QuerySelector(".badges .badge.pilot")!.TextContent.ShouldBe("Chỉ tiếp nhận trực tuyến");
        page.QuerySelector(".submit-panel")!.TextContent.ShouldContain("hồ sơ chỉ được tiếp nhận trực tuyến");
        var channels = page.QuerySelectorAll(".channels li").Select(li => (li.ClassName, li.TextContent)).ToList();
        channels.Count(c => c.ClassName == "no").ShouldBe(2);   // desk and post
        page.QuerySelector("a.submit-online")!.GetAttribute("href").ShouldBe("/nop-ho-so/1.004194");
    }

    [Fact]
    public async Task UnknownCode_IsTheNotFoundPage()
    {
        await PortalCatalog.SeedAsync(app);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/thu-tuc/9.999999", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        page.QuerySelector("h1")!.TextContent.ShouldBe("Không tìm thấy");
        page.QuerySelector("main")!.TextContent.ShouldContain("Không có thủ tục mã “9.999999” trong danh mục.");
        page.QuerySelector("main form[action='/thu-tuc']").ShouldNotBeNull();
        page.QuerySelector("html")!.GetAttribute("lang").ShouldBe("vi");
    }
}
