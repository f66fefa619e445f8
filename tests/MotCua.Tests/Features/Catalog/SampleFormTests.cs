using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using MotCua.Web.Features.Catalog;

namespace MotCua.Tests.Features.Catalog;

public class SampleFormTests
{
    private static List<string> Paragraphs(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => e.Description).ShouldBeEmpty();
        return [.. document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText)];
    }

    [Fact]
    public void Build_WhenTheVersionHasNoEForm_AsksTheApplicantsUsualDetails()
    {
        var content = SeedCatalog.Content("2.001035");
        content.FormFields.ShouldBeEmpty();
        var component = SampleForm.Find(content, content.Components.First(c => c.SampleFormFile is not null).Code)!;

        var paragraphs = Paragraphs(SampleForm.Build("2.001035", 1, content, component));

        paragraphs.ShouldContain(component.Name);
        paragraphs.ShouldContain("1. Họ, chữ đệm và tên người yêu cầu: ");
        paragraphs.ShouldContain("5. Nội dung yêu cầu: ");
        paragraphs.ShouldContain("(Thủ tục: Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở — mã 2.001035)");
    }

    [Fact]
    public void Build_EveryComponentWithASampleFormOfTheSeedCatalog_IsAValidDocument()
    {
        foreach (var entry in SeedCatalog.Entries)
        foreach (var component in entry.Content.Components.Where(c => c.SampleFormFile is not null))
        {
            var paragraphs = Paragraphs(SampleForm.Build(entry.Code, 1, entry.Content, component));
            paragraphs.ShouldContain(component.Name);
            foreach (var field in entry.Content.FormFields.Where(f => f.Type != EFormFieldType.Checkbox))
                paragraphs.ShouldContain(p => p.Contains(field.Label, StringComparison.Ordinal), $"{entry.Code}: {field.Label}");
        }
    }

    [Theory]
    [InlineData("to-khai.docx", "to-khai.docx")]
    [InlineData("CT01.doc", "CT01.docx")]
    [InlineData("../mau/don.pdf", "don.docx")]
    public void FileName_IsTheCatalogsName_WithTheGeneratedExtension(string sampleFormFile, string expected)
    {
        SampleForm.FileName(new ComponentRequirement("tk", "Tờ khai", ComponentForm.Original, SampleFormFile: sampleFormFile)).ShouldBe(expected);
    }
}
