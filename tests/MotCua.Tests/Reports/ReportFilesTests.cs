using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MotCua.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace MotCua.Tests.Reports;

/// <summary>The Excel and PDF files of the report, read back: the figures of November 2026 for Phường Một (see
/// <see cref="ReportApp"/>) in the right columns, and the Vietnamese text as text (the PDF's fonts embedded).</summary>
public sealed class ReportFilesTests(ReportApp app) : IClassFixture<ReportApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The total row of November as the columns print it: received (total, carried, online, desk, postal), settled
    /// (total, early, on time, late, share), pending (total, in time, overdue), refused, withdrawn, stopped.</summary>
    private static readonly string[] NovemberTotal = ["11", "1", "1", "8", "1", "4", "1", "2", "1", "75%", "5", "4", "1", "1", "1", "1"];

    private async Task<HttpResponseMessage> DownloadAsync(string user, string unit, string format)
    {
        await app.ReadyAsync();
        var response = await (await app.ClientAsAsync(user)).GetAsync($"/api/reports/dossiers?unit={unit}&from=2026-11-01&to=2026-11-30&format={format}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return response;
    }

    private static List<List<string>> Rows(WorksheetPart sheet) =>
        [.. sheet.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InnerText : c.CellValue?.Text ?? "").ToList())];

    [Fact]
    public async Task Excel_HasTheFiguresAsNumbers_UnderTheirHeadings()
    {
        using var response = await DownloadAsync("stats", "000.00.41.H98", "xlsx");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition!.FileName)!.Trim('"').ShouldBe("bao-cao-giai-quyet-ho-so-000.00.41.H98-20261101-20261130.xlsx");

        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), false);
        var workbook = document.WorkbookPart!;
        workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ShouldBe(["Báo cáo"]);
        var rows = Rows((WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!));

        rows[1][0].ShouldContain("Phường Một");
        rows[2][0].ShouldContain("Tháng 11/2026");
        var headings = rows.Single(r => r.Contains("Trễ hạn"));
        rows.IndexOf(headings).ShouldBe(4); // title, unit, period, the groups' row, then the columns' row
        headings.ShouldContain("Trễ hạn");
        headings.ShouldContain("Kỳ trước chuyển sang");
        var total = rows.Single(r => r.Count > 1 && r[1] == "Tổng cộng");
        // Counts are numbers; the share is the fraction, shown as a percentage by the cell's format.
        total.Skip(3).ShouldBe(["11", "1", "1", "8", "1", "4", "1", "2", "1", "0.75", "5", "4", "1", "1", "1", "1"]);
        total[3 + headings.Skip(3).ToList().IndexOf("Trễ hạn")].ShouldBe("1");
        var residence = rows.Single(r => r.Count > 2 && r[2] == "1.004222");
        residence[1].ShouldBe("Đăng ký thường trú");
        residence.Skip(3).Take(5).ShouldBe(["10", "1", "1", "7", "1"]);
        rows.Single(r => r.Count > 1 && r[1] == "Chứng thực")[0].ShouldBe("I");
    }

    [Fact]
    public async Task Excel_ForTheProvince_HasItsCommunesRankedOnASecondSheet()
    {
        using var response = await DownloadAsync(ReportApp.ProvinceStats, TestData.ProvinceCode, "xlsx");
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Xếp hạng đơn vị");
        var rows = Rows((WorksheetPart)workbook.GetPartById(sheet.Id!)).Skip(5).ToList();

        rows.Select(r => (r[0], r[1])).ShouldBe([("1", "Xã Hai"), ("2", "Phường Một")]);
        rows[1].Skip(3).ShouldBe(["11", "1", "1", "8", "1", "4", "1", "2", "1", "0.75", "5", "4", "1", "1", "1", "1"]);
    }

    [Fact]
    public async Task Pdf_CarriesTheVietnameseText_AndTheTotalRow()
    {
        using var response = await DownloadAsync("stats", "000.00.41.H98", "pdf");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");

        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        var page = pdf.GetPage(1);
        var words = page.GetWords().ToList();
        var text = string.Join(" ", words.Select(w => w.Text));
        text.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text.ShouldContain("Phường Một");
        text.ShouldContain("Trễ hạn");
        text.ShouldContain("Đăng ký thường trú");
        page.Letters.Select(l => l.FontName).Distinct().ShouldAllBe(f => f != null && f.Contains("Noto Sans", StringComparison.Ordinal));

        // The total row: the words on the line of "Tổng cộng", left to right.
        var label = words.First(w => w.Text == "cộng");
        var line = words.Where(w => Math.Abs(w.BoundingBox.Bottom - label.BoundingBox.Bottom) < 1).OrderBy(w => w.BoundingBox.Left).Select(w => w.Text).ToList();
        line.ShouldBe(["Tổng", "cộng", .. NovemberTotal]);
    }

    [Fact]
    public async Task Pdf_ForTheProvince_ListsItsCommunesRanked()
    {
        using var response = await DownloadAsync(ReportApp.ProvinceStats, TestData.ProvinceCode, "pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

        text.ShouldContain("Tỉnh Thử Nghiệm");
        text.IndexOf("Xã Hai (000.00.42.H98)", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("Phường Một (000.00.41.H98)", StringComparison.Ordinal));
    }
}
