using MotCua.Web.Features.Reports;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace MotCua.Web.Features.Certification;

/// <summary>The certification statement (lời chứng) of a copy certified from its original: what Decree 23/2015/NĐ-CP's
/// form for the certification of a copy says, with the book number, the date, the unit and the certifier.</summary>
public sealed record CertificationText(string UnitName, string Place, string BookNumber, DateTime CertifiedAtLocal, string CertifierName, int Pages)
{
    public const string Statement = "Chứng thực bản sao đúng với bản chính";

    public IReadOnlyList<string> Lines =>
    [
        Statement.ToUpperInvariant(),
        $"Số chứng thực: {BookNumber}",
        $"Quyển số: {CertifiedAtLocal.Year}-SCT/BS",
        $"Bản sao gồm {Pages} trang.",
        $"{Place}, ngày {CertifiedAtLocal:dd} tháng {CertifiedAtLocal:MM} năm {CertifiedAtLocal:yyyy}",
        "NGƯỜI THỰC HIỆN CHỨNG THỰC",
        CertifierName,
        UnitName,
    ];
}

/// <summary>Stamps the scan of the original with the certification text: a band at the foot of every page (the book
/// number, so no page travels without it) and a last page with the whole statement, in Noto Sans (<see cref="NotoFonts"/>,
/// prepared first), as text that a reader finds and copies.</summary>
public static class CertifiedCopyPdf
{
    public const string ContentType = "application/pdf";

    public static byte[] Stamp(byte[] scan, CertificationText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var document = PdfReader.Open(new MemoryStream(scan), PdfDocumentOpenMode.Modify);
        document.Info.Title = $"Bản sao có chứng thực số {text.BookNumber}";
        document.Info.Creator = "MotCua";
        var small = new XFont(NotoFonts.Family, 7, XFontStyleEx.Regular);
        var pages = document.PageCount;
        for (var i = 0; i < pages; i++)
        {
            var page = document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var band = $"{CertificationText.Statement} - số chứng thực {text.BookNumber} - trang {i + 1}/{pages}";
            gfx.DrawString(band, small, XBrushes.DarkRed, new XRect(12, gfx.PageSize.Height - 14, gfx.PageSize.Width - 24, 10), XStringFormats.TopLeft);
        }

        var last = document.AddPage();
        last.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(last))
        {
            var formatter = new XTextFormatter(gfx);
            var title = new XFont(NotoFonts.Family, 14, XFontStyleEx.Bold);
            var normal = new XFont(NotoFonts.Family, 11, XFontStyleEx.Regular);
            var bold = new XFont(NotoFonts.Family, 11, XFontStyleEx.Bold);
            var width = last.Width.Point - 120;
            var y = 80.0;
            var lines = text.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                var font = i == 0 ? title : i is 5 or 6 ? bold : normal;
                formatter.Alignment = i == 0 ? XParagraphAlignment.Center : XParagraphAlignment.Left;
                formatter.DrawString(lines[i], font, i == 0 ? XBrushes.DarkRed : XBrushes.Black, new XRect(60, y, width, 40), XStringFormats.TopLeft);
                y += i == 0 ? 34 : i == 4 ? 30 : 20;
            }
            var pen = new XPen(XColors.DarkRed, 1.2);
            gfx.DrawRectangle(pen, 50, 70, width + 20, y - 60);
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
