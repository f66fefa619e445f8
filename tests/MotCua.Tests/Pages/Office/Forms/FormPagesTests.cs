using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MotCua.Tests.Infrastructure;
using static MotCua.Tests.Pages.Office.Forms.FormsJourney;

namespace MotCua.Tests.Pages.Office.Forms;

/// <summary>The seven printable forms, each read for a real dossier driven through the API by the officials whose
/// roles the steps need.</summary>
public sealed class FormPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] MissingItems =
        ["Hợp đồng thuê nhà có công chứng hoặc chứng thực", "Văn bản đồng ý của chủ hộ cho đăng ký thường trú"];

    [Fact]
    public async Task Form01_ForADeskReception_ShowsTheReceiptWithVietnamTimesAndTheLookupQrCode()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var received = await ReceiveAsync(await app.ClientAsAsync("desk"));
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var page = await GetFormAsync(desk, $"/office/forms/01/{received.Id}");

        ShouldHaveTheNationalHeader(page, "Mẫu số 01", received.Code);
        var text = page.Text;
        text.ShouldContain("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
        text.ShouldContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        page.Document.QuerySelector(".applicant")!.TextContent.ShouldBe(Applicant);
        text.ShouldContain("Số 12 đường Lê Lợi, khu phố 3, phường Một");
        text.ShouldContain("0987654321");
        text.ShouldContain("hoa.do@example.vn");
        page.Document.QuerySelector(".procedure")!.TextContent.ShouldContain("Đăng ký thường trú");
        page.Document.QuerySelectorAll("table.grid tbody tr").Select(tr => string.Join(" | ", tr.QuerySelectorAll("td").Select(td => td.TextContent)))
            .ShouldBe(["1 | Tờ khai thay đổi thông tin cư trú (CT01) | Bản chính | 1", "2 | Giấy tờ chứng minh chỗ ở hợp pháp | Bản sao | 1"]);
        text.ShouldContain("Số lượng hồ sơ: 2 (bộ)");
        text.ShouldContain("7 ngày làm việc");
        page.Document.QuerySelector(".received-at")!.TextContent.ShouldBe("09:00 ngày 17/11/2026");
        page.Document.QuerySelector(".due-at")!.TextContent.ShouldBe("09:00 ngày 26/11/2026");
        text.ShouldContain("Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công phường Một");
        page.Document.QuerySelector(".register-number")!.TextContent.ShouldBe(received.Code[^4..]);
        page.Document.QuerySelector(".receiver")!.TextContent.ShouldBe("Cán bộ desk");

        var lookupUrl = $"http://localhost/tra-cuu?ma={received.Code}&khoa={received.LookupCode}";
        var qr = page.Document.QuerySelector("div.qr")!;
        qr.GetAttribute("data-lookup-url").ShouldBe(lookupUrl);
        qr.GetAttribute("aria-label")!.ShouldContain(lookupUrl);
        qr.QuerySelector("svg path").ShouldNotBeNull();
        page.Document.QuerySelector(".lookup-code")!.TextContent.ShouldBe(received.LookupCode);
    }

    [Fact]
    public async Task Forms_ForADossierOfAnotherCommune_AreNotFound()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var received = await ReceiveAsync(await app.ClientAsAsync("desk"));
        var other = await OfficeClient.SignInAsync(app, "desk.other");

        foreach (var form in new[] { "01", "02", "03", "04", "05", "06" })
            (await GetAsync(other, $"/office/forms/{form}/{received.Id}")).Status.ShouldBe(HttpStatusCode.NotFound, $"Mẫu {form}");
        (await other.Http.GetAsync($"/office/forms/06/{received.Id}/export", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync(other, $"/office/forms/01/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Forms_WhenNotSignedIn_RedirectToTheLogin()
    {
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await http.GetAsync("/office/forms/07", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/office/login");
    }

    [Fact]
    public async Task Form02_AfterASupplementRequest_ListsEveryMissingItemTheReasonAndWhomToAsk()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var api = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(api);
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var before = await GetAsync(desk, $"/office/forms/02/{received.Id}");
        before.Status.ShouldBe(HttpStatusCode.NotFound);
        before.Text.ShouldContain("chưa có yêu cầu bổ sung");

        await PostAsync(api, $"/api/dossiers/{received.Id}/supplement-requests", new
        {
            reason = "Hợp đồng thuê nhà chưa được công chứng, chứng thực",
            missingItems = MissingItems,
        });
        var page = await GetFormAsync(desk, $"/office/forms/02/{received.Id}");

        ShouldHaveTheNationalHeader(page, "Mẫu số 02", received.Code);
        page.Text.ShouldContain("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
        page.Document.QuerySelector(".applicant")!.TextContent.ShouldBe(Applicant);
        page.Document.QuerySelector(".procedure")!.TextContent.ShouldBe("Đăng ký thường trú");
        page.Document.QuerySelectorAll("ol.missing li").Select(li => li.TextContent).ShouldBe(MissingItems);
        page.Document.QuerySelector(".reason")!.TextContent.ShouldBe("Hợp đồng thuê nhà chưa được công chứng, chứng thực");
        page.Document.QuerySelector(".contact")!.TextContent.ShouldBe("Cán bộ desk, Trung tâm Phục vụ hành chính công phường Một");
        page.Document.QuerySelector(".guided-by")!.TextContent.ShouldBe("Cán bộ desk");
    }

    [Fact]
    public async Task Form02Guidance_WithoutADossier_NamesTheMissingComponentsOfTheCurrentVersion()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var page = await GetFormAsync(desk, $"/office/forms/02/guidance?procedure=1.004222&missing=CHO_O&missing=UQ&name={Uri.EscapeDataString(Applicant)}");

        ShouldHaveTheNationalHeader(page, "Mẫu số 02", null);
        page.Document.QuerySelector(".applicant")!.TextContent.ShouldBe(Applicant);
        var items = page.Document.QuerySelectorAll("ol.missing li").Select(li => li.TextContent).ToList();
        items.Count.ShouldBe(2);
        items[0].ShouldStartWith("Giấy tờ chứng minh chỗ ở hợp pháp");
        items[1].ShouldStartWith("Văn bản ủy quyền");
        page.Document.QuerySelector(".guided-by")!.TextContent.ShouldBe("Cán bộ desk");

        var unknown = await GetAsync(desk, "/office/forms/02/guidance?procedure=1.004222&missing=KHONG_CO");
        unknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Text.ShouldContain("KHONG_CO");
    }

    [Fact]
    public async Task Form03_ForARefusal_QuotesTheSpecificReason()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var (id, code) = await RefuseAtDeskAsync(app, world, "Hồ sơ thuộc thẩm quyền của Công an xã Hai, đề nghị nộp tại Xã Hai");
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var page = await GetFormAsync(desk, $"/office/forms/03/{id}");

        ShouldHaveTheNationalHeader(page, "Mẫu số 03", code);
        page.Text.ShouldContain("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
        page.Document.QuerySelector(".applicant")!.TextContent.ShouldBe(Applicant);
        page.Document.QuerySelector(".procedure")!.TextContent.ShouldBe("Đăng ký thường trú");
        page.Document.QuerySelector(".reason")!.TextContent.ShouldBe("Hồ sơ thuộc thẩm quyền của Công an xã Hai, đề nghị nộp tại Xã Hai");
        page.Text.ShouldContain("09:00 ngày 17/11/2026");
        // A refused dossier was never received: no receipt.
        (await GetAsync(desk, $"/office/forms/01/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Form04_OnlyAfterAnApology_GivesTheReasonBothDatesAndTheHeadsSignature()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var received = await ReceiveAsync(await app.ClientAsAsync("desk"));
        var leaderPages = await OfficeClient.SignInAsync(app, "leader");
        var before = await GetAsync(leaderPages, $"/office/forms/04/{received.Id}");
        before.Status.ShouldBe(HttpStatusCode.NotFound);
        before.Text.ShouldContain("chưa có văn bản xin lỗi");

        await PostAsync(await app.ClientAsAsync("leader"), $"/api/dossiers/{received.Id}/apology", new
        {
            reason = "Phải xác minh thông tin chỗ ở với Công an tỉnh",
            newDueAtUtc = Iso(TestClock.Vn(2026, 12, 1, 16, 0)),
        });
        var page = await GetFormAsync(leaderPages, $"/office/forms/04/{received.Id}");

        ShouldHaveTheNationalHeader(page, "Mẫu số 04", received.Code);
        // The people's committee apologises, not its service centre.
        page.Text.ShouldNotContain("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
        page.Text.ShouldContain("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ");
        page.Document.QuerySelector(".applicant")!.TextContent.ShouldBe(Applicant);
        page.Document.QuerySelector(".procedure")!.TextContent.ShouldBe("Đăng ký thường trú");
        page.Document.QuerySelector(".received-at")!.TextContent.ShouldBe("09:00 ngày 17/11/2026");
        page.Document.QuerySelector(".previous-due")!.TextContent.ShouldBe("09:00 ngày 26/11/2026");
        page.Document.QuerySelector(".new-due")!.TextContent.ShouldBe("16:00 ngày 01/12/2026");
        page.Document.QuerySelector(".reason")!.TextContent.ShouldBe("Phải xác minh thông tin chỗ ở với Công an tỉnh");
        page.Document.QuerySelector(".apology")!.TextContent.ShouldContain("trân trọng xin lỗi Ông/Bà");
        page.Document.QuerySelector(".head")!.TextContent.ShouldBe("Cán bộ leader");
        page.Document.QuerySelector(".head-title")!.TextContent.ShouldBe("THỦ TRƯỞNG CƠ QUAN");
    }

    [Fact]
    public async Task Form05_AfterAStop_GivesTheReasonAndTheDate()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var received = await ReceiveAsync(await app.ClientAsAsync("desk"));
        var desk = await OfficeClient.SignInAsync(app, "desk");
        (await GetAsync(desk, $"/office/forms/05/{received.Id}")).Status.ShouldBe(HttpStatusCode.NotFound);

        app.Clock.Set(TestClock.Vn(2026, 11, 17, 14, 30));
        await PostAsync(await app.ClientAsAsync("leader"), $"/api/dossiers/{received.Id}/stop", new { reason = "Bà Đỗ Thị Hoa có đơn đề nghị dừng giải quyết" });
        var page = await GetFormAsync(desk, $"/office/forms/05/{received.Id}");

        ShouldHaveTheNationalHeader(page, "Mẫu số 05", received.Code);
        page.Text.ShouldContain("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
        page.Document.QuerySelector(".applicant")!.TextContent.ShouldBe(Applicant);
        page.Document.QuerySelector(".stopped-at")!.TextContent.ShouldBe("14:30 ngày 17/11/2026");
        page.Document.QuerySelector(".reason")!.TextContent.ShouldBe("Bà Đỗ Thị Hoa có đơn đề nghị dừng giải quyết");
    }

    [Fact]
    public async Task Form06_AfterTheWholeJourney_HasOneRowPerHandOverJudgedAgainstEachStep_AndExportsToExcel()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var deskApi = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(deskApi);
        var id = received.Id;
        await PostAsync(deskApi, $"/api/dossiers/{id}/start-processing", new { unitId = world.JusticeId });
        await PostAsync(await app.ClientAsAsync("leader"), $"/api/dossiers/{id}/assign", new { officialId = await OfficialIdAsync(app, "specialist") });
        // The appraisal overruns its five working days (due 24/11). Tokens expire within the hour: sign in again.
        app.Clock.Set(TestClock.Vn(2026, 11, 30, 9, 0));
        deskApi = await app.ClientAsAsync("desk");
        var leader = await app.ClientAsAsync("leader");
        var specialist = await app.ClientAsAsync("specialist");
        var clerk = await app.ClientAsAsync("clerk");
        await PostFileAsync(specialist, $"/api/dossiers/{id}/draft", "du-thao.pdf");
        await PostAsync(specialist, $"/api/dossiers/{id}/submit-for-approval", new { note = "Đủ điều kiện" });
        await PostAsync(leader, $"/api/dossiers/{id}/send-back", new { reason = "Ghi rõ số nhà" });
        await PostAsync(specialist, $"/api/dossiers/{id}/submit-for-approval", new { note = "Đã sửa" });
        await PostAsync(leader, $"/api/dossiers/{id}/approve", new { });
        await PostFileAsync(clerk, $"/api/dossiers/{id}/issue", "thong-bao.pdf", ("number", "25/TB-UBND"));
        await PostAsync(deskApi, $"/api/dossiers/{id}/payments", new { amount = 20_000, method = "Desk", reference = "BL-0601" });
        await PostAsync(deskApi, $"/api/dossiers/{id}/return", new { method = "Desk", receivedBy = "Đỗ Thị Hoa" });
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var page = await GetFormAsync(desk, $"/office/forms/06/{id}");

        ShouldHaveTheNationalHeader(page, "Mẫu số 06", received.Code);
        page.Text.ShouldContain("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
        page.Document.QuerySelector(".applicant")!.TextContent.ShouldBe(Applicant);
        var rows = page.Document.QuerySelectorAll("table.handovers tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        rows.Select(r => r[1]).ShouldBe(
            ["Tiếp nhận hồ sơ", "Chuyển xử lý", "Phân công xử lý", "Trình ký", "Trả lại dự thảo", "Trình ký", "Phê duyệt, ký", "Phát hành kết quả", "Trả kết quả"]);
        string Row(string step) => string.Join(" | ", rows.First(r => r[1] == step));
        Row("Tiếp nhận hồ sơ").ShouldContain(Applicant);
        Row("Chuyển xử lý").ShouldContain("Văn phòng HĐND và UBND phường Một");
        Row("Chuyển xử lý").ShouldContain("Cán bộ leader");
        Row("Chuyển xử lý").ShouldContain("17/11/2026 09:00");
        Row("Chuyển xử lý").ShouldContain("Đúng hạn");
        Row("Phân công xử lý").ShouldContain("Cán bộ specialist");
        Row("Phân công xử lý").ShouldContain("Trước hạn");
        Row("Trình ký").ShouldContain("Quá hạn");
        Row("Trả lại dự thảo").ShouldContain("Ghi rõ số nhà");
        Row("Phê duyệt, ký").ShouldContain("Cán bộ clerk");
        Row("Phát hành kết quả").ShouldContain("Cán bộ desk");
        Row("Trả kết quả").ShouldContain("Đỗ Thị Hoa");
        Row("Trả kết quả").ShouldContain("Quá hạn");

        var export = await desk.Http.GetAsync($"/office/forms/06/{id}/export", Ct);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var sheet = ReadSheet(await export.Content.ReadAsByteArrayAsync(Ct));
        sheet[0].ShouldContain("Mã hồ sơ");
        sheet.Count.ShouldBe(1 + rows.Count);
        sheet.Skip(1).ShouldAllBe(r => r[0] == received.Code);
        sheet.ShouldContain(r => r.Contains("Trả lại dự thảo") && r.Contains("Ghi rõ số nhà"));
    }

    [Fact]
    public async Task Form07_ForADay_ListsTheUnitsDossiers_RefusesMoreThan31Days_AndExportsToExcel()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var received = await ReceiveAsync(await app.ClientAsAsync("desk"));
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var page = await GetFormAsync(desk, "/office/forms/07?from=2026-11-17&to=2026-11-17");

        ShouldHaveTheNationalHeader(page, "Mẫu số 07", null);
        page.Text.ShouldContain("SỔ THEO DÕI HỒ SƠ");
        page.Text.ShouldContain("Từ ngày 17/11/2026 đến ngày 17/11/2026");
        var row = page.Document.QuerySelectorAll("table.register tbody tr")
            .Single(tr => tr.QuerySelector(".code")?.TextContent == received.Code);
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        cells[2].ShouldBe("Đăng ký thường trú");
        cells[3].ShouldBe("2");
        cells[4].ShouldBe(Applicant);
        cells[5].ShouldBe("Số 12 đường Lê Lợi, khu phố 3, phường Một, 0987654321");
        cells[6].ShouldBe("Phường Một");
        cells[7].ShouldBe("17/11/2026 09:00");
        cells[8].ShouldBe("26/11/2026 09:00");

        var other = await OfficeClient.SignInAsync(app, "desk.other");
        (await GetFormAsync(other, "/office/forms/07?from=2026-11-17&to=2026-11-17")).Html.ShouldNotContain(received.Code);

        var tooLong = await GetAsync(desk, "/office/forms/07?from=2026-10-01&to=2026-11-17");
        tooLong.Status.ShouldBe(HttpStatusCode.BadRequest);
        tooLong.Text.ShouldContain("tối đa 31 ngày");
        (await desk.Http.GetAsync("/office/forms/07/export?from=2026-10-01&to=2026-11-17", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var export = await desk.Http.GetAsync("/office/forms/07/export?from=2026-11-17&to=2026-11-17", Ct);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = ReadSheet(await export.Content.ReadAsByteArrayAsync(Ct));
        sheet[0][1].ShouldBe("Mã hồ sơ");
        var line = sheet.Single(r => r[1] == received.Code);
        (line[4], line[8], line[9]).ShouldBe((Applicant, "17/11/2026 09:00", "26/11/2026 09:00"));
        var otherExport = await other.Http.GetAsync("/office/forms/07/export?from=2026-11-17&to=2026-11-17", Ct);
        ReadSheet(await otherExport.Content.ReadAsByteArrayAsync(Ct)).ShouldNotContain(r => r[1] == received.Code);
    }

    /// <summary>Opens the workbook with the Open XML SDK, as Excel would, and reads its first sheet's text.</summary>
    private static List<string[]> ReadSheet(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray())
            .ToList();
    }
}
