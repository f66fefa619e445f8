using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages.Portal.Catalog;

/// <summary>The "Tải mẫu" link: a Word file generated from the procedure version (docs/adr/0014).</summary>
public sealed class SampleFormDownloadTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SampleForm_IsAWordFile_WithTheMottoTitleAuthorityAndTheEFormsLabels()
    {
        await PortalCatalog.SeedAsync(app);
        var visitor = await OfficeClient.AnonymousAsync(app);
        var procedure = await visitor.GetPageAsync("/thu-tuc/" + PortalCatalog.BirthCode);
        var link = procedure.QuerySelector(".components a.sample")!.GetAttribute("href")!;
        link.ShouldBe("/thu-tuc/1.001193/mau/to-khai");

        using var response = await visitor.Http.GetAsync(link, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("attachment");
        (disposition.FileNameStar ?? disposition.FileName!.Trim('"')).ShouldBe("to-khai-dang-ky-khai-sinh.docx");

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = WordprocessingDocument.Open(stream, false);
        new OpenXmlValidator().Validate(document, Ct).Select(e => e.Description).ShouldBeEmpty();
        var paragraphs = document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        paragraphs.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        paragraphs.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        paragraphs.ShouldContain("Tờ khai đăng ký khai sinh");
        paragraphs.ShouldContain(p => p.StartsWith("Kính gửi: Ủy ban nhân dân cấp xã", StringComparison.Ordinal));
        paragraphs.ShouldContain("1. Họ, chữ đệm và tên người được khai sinh: ");
        paragraphs.ShouldContain(p => p.StartsWith("2. Ngày, tháng, năm sinh: ngày", StringComparison.Ordinal));
        paragraphs.ShouldContain("3. Giới tính: ☐ Nam      ☐ Nữ");
        paragraphs.ShouldContain("4. Nơi sinh (Tên cơ sở y tế hoặc địa chỉ nơi sinh): ");
        paragraphs.ShouldContain("9. Số định danh cá nhân của người mẹ: ");
        paragraphs.ShouldContain(p => p.StartsWith("Tôi cam đoan", StringComparison.Ordinal));
        paragraphs.ShouldContain("NGƯỜI YÊU CẦU");
        document.PackageProperties.Title.ShouldBe("Tờ khai đăng ký khai sinh");
    }

    [Theory]
    [InlineData("/thu-tuc/1.001193/mau/giay-chung-sinh")]   // a component without a sample form
    [InlineData("/thu-tuc/1.001193/mau/khong-co")]
    [InlineData("/thu-tuc/9.999999/mau/to-khai")]
    public async Task SampleForm_WhenThereIsNone_IsNotFound(string url)
    {
        await PortalCatalog.SeedAsync(app);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        page.QuerySelector("h1")!.TextContent.ShouldBe("Không tìm thấy");
    }
}
