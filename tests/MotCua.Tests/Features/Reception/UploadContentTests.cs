using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Features.Reception;

/// <summary>Uploads are checked beyond their first bytes: what starts like a PDF, a Word file or an image must be
/// that whole and nothing else. Sent through the desk's scan API (the same check serves every upload); a refused
/// file is a 422 in Vietnamese and stores nothing.</summary>
public sealed class UploadContentTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _applicant;

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        return buffer.ToArray();
    }

    private static byte[] Text(string value) => Encoding.UTF8.GetBytes(value);

    private const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";
    private const string Rels =
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""";
    private const string Document =
        """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Dự thảo</w:t></w:r></w:p></w:body></w:document>""";

    private static byte[] Docx(params (string Name, byte[] Content)[] extra) =>
        Zip([("[Content_Types].xml", Text(ContentTypes)), ("_rels/.rels", Text(Rels)), ("word/document.xml", Text(Document)), .. extra]);

    /// <summary>The smallest Windows program header: "MZ", the PE offset at 0x3C, and "PE\0\0" there.</summary>
    private static byte[] WindowsProgram()
    {
        var exe = new byte[512];
        exe[0] = (byte)'M';
        exe[1] = (byte)'Z';
        exe[0x3C] = 0x80;
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        return exe;
    }

    private static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00];
    private static readonly byte[] JpegEnd = [0xFF, 0xD9];

    public static TheoryData<string, string, string> Refused => new()
    {
        { "PdfHeaderOnly", "to-khai.pdf", "không đọc được như một tài liệu PDF" },
        { "PdfThenZip", "to-khai.pdf", "tệp nén (ZIP)" },
        { "PdfWithScript", "to-khai.pdf", "PDF chứa mã lệnh" },
        { "PdfWithProgram", "to-khai.pdf", "chương trình chạy được" },
        { "ZipNamedDocx", "du-thao.docx", "không phải văn bản Word (.docx) hợp lệ" },
        { "DocxWithMacro", "du-thao.docx", "macro" },
        { "DocxWithProgram", "du-thao.docx", "chương trình" },
        { "JpegThenZip", "anh.jpg", "tệp nén (ZIP)" },
        { "JpegThenPdf", "anh.jpg", "tài liệu PDF bên trong" },
        { "JpegWithTrailingData", "anh.jpg", "ảnh JPEG không hợp lệ" },
        { "DocxThatIsAlsoPdf", "du-thao.docx", "tài liệu PDF bên trong" },
    };

    private static byte[] Sample(string kind) => kind switch
    {
        "PdfHeaderOnly" => "%PDF-1.7\nkhông phải PDF thật\n%%EOF\n"u8.ToArray(),
        "PdfThenZip" => Join(TestPdf.OnePage, Zip(("run.txt", Text("payload")))),
        "PdfWithScript" => Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(TestPdf.OnePage)
            .Replace("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", StringComparison.Ordinal)),
        "PdfWithProgram" => Join(TestPdf.OnePage, WindowsProgram()),
        "ZipNamedDocx" => Zip(("note.txt", Text("không phải Word"))),
        "DocxWithMacro" => Docx(("word/vbaProject.bin", Text("macro"))),
        "DocxWithProgram" => Docx(("word/media/setup.bin", WindowsProgram())),
        "JpegThenZip" => Join(JpegStart, new byte[64], JpegEnd, Zip(("run.txt", Text("payload")))),
        "JpegThenPdf" => Join(JpegStart, new byte[64], JpegEnd, TestPdf.OnePage),
        "JpegWithTrailingData" => Join(JpegStart, new byte[64], JpegEnd, Text("dữ liệu đi kèm")),
        "DocxThatIsAlsoPdf" => Join(Docx(("customXml/a.xml", Text("<a/>")))[..30], "%PDF-1.4"u8.ToArray(), Docx()[30..]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private async Task<(HttpClient Desk, Guid DossierId, Guid ComponentId)> DossierAsync()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var idNumber = $"0791900{Interlocked.Increment(ref _applicant):D5}";
        var received = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Đỗ Văn Tải", idNumber },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        }, Ct);
        received.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await received.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(Ct))!.Id;
        var component = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id).SelectMany(d => d.Components)
            .Where(c => c.RequirementCode == "CHO_O").Select(c => c.Id).SingleAsync(Ct));
        return (desk, id, component);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient desk, Guid id, Guid componentId, string fileName, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "files", fileName);
        return desk.PostAsync($"/api/dossiers/{id}/components/{componentId}/scans", form, Ct);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Upload_FileThatIsNotOnlyWhatItClaims_Is422AndStoresNothing(string kind, string fileName, string reason)
    {
        var (desk, id, componentId) = await DossierAsync();
        var filesBefore = await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct));

        var response = await UploadAsync(desk, id, componentId, fileName, Sample(kind));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain(reason);
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct))).ShouldBe(filesBefore);
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id).SelectMany(d => d.Files).CountAsync(Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Upload_RealPdfAndRealWordFile_AreStored()
    {
        var (desk, id, componentId) = await DossierAsync();

        (await UploadAsync(desk, id, componentId, "hop-dong.pdf", TestPdf.OnePage)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await UploadAsync(desk, id, componentId, "ghi-chu.docx", Docx())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await UploadAsync(desk, id, componentId, "anh.jpg", Join(JpegStart, new byte[64], JpegEnd))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var names = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id).SelectMany(d => d.Files).Select(f => f.FileName).ToListAsync(Ct));
        names.ShouldBe(["hop-dong.pdf", "ghi-chu.docx", "anh.jpg"], ignoreOrder: true);
    }
}
