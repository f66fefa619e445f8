using System.Net;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Targets;

namespace MotCua.Tests.Targets;

/// <summary>Targets imported from a file laid out like Phụ lục 2: a good CSV and a good .xlsx are saved; each bad row is
/// named with its reason and nothing of the file is saved.</summary>
public sealed class ImportTargetsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "STT;Cơ quan, đơn vị;Mã định danh;Năm;Căn cứ;toan-trinh;thanh-toan-truc-tuyen;Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC";

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] bytes, string name)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "file", name);
        return await client.PostAsync("/api/targets/import", form, Ct);
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))).ToArray();

    private Task<List<(Guid UnitId, int Year, TargetMetric Metric, decimal Value, string? Source)>> StoredAsync() =>
        app.WithDbAsync(async db => (await db.Set<UnitTarget>().AsNoTracking().ToListAsync(Ct))
            .Select(t => (t.UnitId, t.Year, t.Metric, t.Value, t.Source)).OrderBy(t => t.UnitId).ThenBy(t => t.Metric).ToList());

    [Fact]
    public async Task GoodCsv_SavesEveryTarget_AndTheProgressShowsThem()
    {
        var world = await app.SeedWorldAsync();
        var admin = await app.ClientAsAsync("admin");

        var response = await ImportAsync(admin, Csv(Header,
            $"1;UBND phường Một;{world.CommuneCode};2027;KH 175/KH-UBND;60;60;\"80,5\"",
            $"2;UBND xã Hai;{world.OtherCommuneCode};2027;;7,56;43.98%;"), "chi-tieu.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        (await response.Content.ReadFromJsonAsync<ImportTargets.Result>(TestJson.Options, Ct)).ShouldBe(new ImportTargets.Result(2, 5));
        var stored = (await StoredAsync()).Where(t => t.Year == 2027).ToList();
        stored.Where(t => t.UnitId == world.CommuneId).Select(t => (t.Metric, t.Value, t.Source)).OrderBy(t => t.Metric).ShouldBe(
            [(TargetMetric.FullyOnline, 60m, "KH 175/KH-UBND"), (TargetMetric.PaidOnline, 60m, "KH 175/KH-UBND"), (TargetMetric.Digitized, 80.5m, "KH 175/KH-UBND")]);
        stored.Where(t => t.UnitId == world.OtherCommuneId).Select(t => (t.Metric, t.Value)).OrderBy(t => t.Metric).ShouldBe(
            [(TargetMetric.FullyOnline, 7.56m), (TargetMetric.PaidOnline, 43.98m)]);
        var progress = await TargetsTestKit.GetAsync<GetTargetProgress.Result>(await app.ClientAsAsync("stats"), "/api/targets?year=2027");
        progress.Metrics.Single(m => m.Metric == TargetMetric.Digitized).Target.ShouldBe(80.5m);
    }

    [Fact]
    public async Task GoodXlsx_IsReadFromTheFirstSheet()
    {
        var world = await app.SeedWorldAsync();
        var bytes = Xlsx(["Mã định danh", "Năm", "so-hoa", "tai-su-dung"], [world.CommuneCode, "2028", "75", "70"]);

        var response = await ImportAsync(await app.ClientAsAsync("stats"), bytes, "chi-tieu.xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        (await StoredAsync()).Where(t => t.Year == 2028).Select(t => (t.Metric, t.Value)).OrderBy(t => t.Metric)
            .ShouldBe([(TargetMetric.Digitized, 75m), (TargetMetric.DataReused, 70m)]);
    }

    [Fact]
    public async Task BadRows_AreEachNamed_AndNothingOfTheFileIsSaved()
    {
        var world = await app.SeedWorldAsync();
        var before = await StoredAsync();

        var response = await ImportAsync(await app.ClientAsAsync("stats"), Csv(Header,
            $"1;Phường Một;{world.CommuneCode};2029;;60;60;80",          // good, but the file has errors
            "2;Không có;000.00.99.H98;2029;;60;;",                       // no such unit
            $"3;Xã Hai;{world.OtherCommuneCode};2029;;60;;",              // out of the statistics office's reach
            $"4;Phường Một;{world.CommuneCode};hai nghìn;;60;;",          // bad year
            $"5;Phường Một;{world.CommuneCode};2030;;120;abc;",           // values out of range / not numbers
            $"6;Phường Một;{world.CommuneCode};2029;;50;;",               // the same unit and year twice
            $"7;Phường Một;{world.CommuneCode};2031;;;;"), "chi-tieu.csv"); // no value

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestJson.Options, Ct))!;
        problem.Title.ShouldBe("Tệp chỉ tiêu có lỗi, chưa nhập chỉ tiêu nào");
        var errors = problem.Errors["file"];
        errors.Length.ShouldBe(6);
        errors[0].ShouldBe("Dòng 3: Không tìm thấy đơn vị có mã định danh \"000.00.99.H98\" trong phạm vi của bạn.");
        errors[1].ShouldBe($"Dòng 4: Không tìm thấy đơn vị có mã định danh \"{world.OtherCommuneCode}\" trong phạm vi của bạn.");
        errors[2].ShouldBe("Dòng 5: năm \"hai nghìn\" không hợp lệ (từ 2020 đến 2100).");
        errors[3].ShouldBe("Dòng 6: cột \"toan-trinh\": \"120\" không phải tỷ lệ phần trăm từ 0 đến 100; cột \"thanh-toan-truc-tuyen\": \"abc\" không phải tỷ lệ phần trăm từ 0 đến 100.");
        errors[4].ShouldBe($"Dòng 7: đơn vị {world.CommuneCode} năm 2029 đã có ở dòng 2.");
        errors[5].ShouldBe("Dòng 8: không có giá trị chỉ tiêu nào.");
        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AFileWithoutTheRequiredColumns_OrNotAWorkbook_IsRefused()
    {
        await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var before = await StoredAsync();

        var response = await ImportAsync(stats, Csv("Đơn vị,Năm nay,Không rõ", "a,b,c"), "x.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestJson.Options, Ct))!.Errors["file"];
        errors.ShouldContain("Dòng 1: thiếu cột \"Mã định danh\" (mã định danh điện tử của đơn vị).");
        errors.ShouldContain("Dòng 1: thiếu cột \"Năm\".");

        response = await ImportAsync(stats, [0x50, 0x4B, 3, 4, 1, 2, 3], "x.xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestJson.Options, Ct))!.Errors["file"]
            .ShouldBe(["Không đọc được tệp .xlsx: tệp hỏng hoặc không phải bảng tính Excel."]);
        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Import_ByAnOfficialWithoutTheRole_Is403()
    {
        var world = await app.SeedWorldAsync();
        var response = await ImportAsync(await app.ClientAsAsync("desk"), Csv(Header, $"1;x;{world.CommuneCode};2029;;60;;"), "x.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static byte[] Xlsx(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    var value = rows[r][c];
                    row.Append(decimal.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _)
                        ? new Cell { CellReference = reference, CellValue = new CellValue(value), DataType = CellValues.Number }
                        : new Cell { CellReference = reference, InlineString = new InlineString(new Text(value)), DataType = CellValues.InlineString });
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Chỉ tiêu" }));
        }
        return stream.ToArray();
    }
}
