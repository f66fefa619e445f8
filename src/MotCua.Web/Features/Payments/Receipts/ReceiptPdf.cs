using System.Globalization;
using MotCua.Web.Features.Reports;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace MotCua.Web.Features.Payments.Receipts;

/// <summary>The receipt as a PDF to print or keep: one A5 page in Noto Sans, the font the reports embed
/// (<see cref="NotoFonts"/>, which must be prepared first), its text searchable and copyable.</summary>
public static class ReceiptPdf
{
    public const string ContentType = ReportPdf.ContentType;

    private const double Margin = 28;

    public static byte[] Write(Receipt r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var document = new PdfDocument();
        document.Info.Title = $"Biên lai thu phí, lệ phí {r.Series} số {r.NumberText}";
        document.Info.Creator = "MotCua";
        var page = document.AddPage();
        page.Size = PageSize.A5;
        page.Orientation = PageOrientation.Landscape;
        using var gfx = XGraphics.FromPdfPage(page);
        var text = new XTextFormatter(gfx);
        var normal = new XFont(NotoFonts.Family, 8.5, XFontStyleEx.Regular);
        var bold = new XFont(NotoFonts.Family, 8.5, XFontStyleEx.Bold);
        var title = new XFont(NotoFonts.Family, 12, XFontStyleEx.Bold);
        var pen = new XPen(XColors.Black, 0.4);
        var width = page.Width.Point - 2 * Margin;
        var y = Margin;

        double Put(string s, XFont font, double x, double w, double h, XParagraphAlignment align = XParagraphAlignment.Left)
        {
            text.Alignment = align;
            // Two lines at most for a long name; the height grows with what is written.
            var lines = Math.Max(1, Math.Ceiling(gfx.MeasureString(s, font).Width / w));
            var height = h * Math.Min(lines, 3);
            text.DrawString(s, font, XBrushes.Black, new XRect(x, y, w, height), XStringFormats.TopLeft);
            return height;
        }

        var left = Put(r.UnitName.ToUpperInvariant(), bold, Margin, width * 0.55, 11);
        Put($"Mẫu số: {r.FormSymbol}", normal, Margin + width * 0.6, width * 0.4, 11, XParagraphAlignment.Right);
        y += Math.Max(left, 11);
        Put($"Mã định danh: {r.UnitAgencyCode}", normal, Margin, width * 0.55, 11);
        Put($"Ký hiệu: {r.Series}", normal, Margin + width * 0.6, width * 0.4, 11, XParagraphAlignment.Right);
        y += 11;
        Put($"Số: {r.NumberText}", bold, Margin + width * 0.6, width * 0.4, 11, XParagraphAlignment.Right);
        y += 18;
        y += Put("BIÊN LAI THU PHÍ, LỆ PHÍ", title, Margin, width, 16, XParagraphAlignment.Center);
        y += Put("(Biên lai điện tử)", normal, Margin, width, 11, XParagraphAlignment.Center);
        y += Put($"Ngày thu: {r.PaidAt}", normal, Margin, width, 11, XParagraphAlignment.Center) + 6;

        void Field(string label, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            y += Put($"{label}: {value}", normal, Margin, width, 11);
        }
        Field("Tên người nộp", r.PayerName);
        Field("Số định danh / mã số thuế", r.PayerIdNumber);
        Field("Địa chỉ", r.PayerAddress);
        Field("Mã hồ sơ", r.DossierCode);
        Field("Thủ tục hành chính", r.Procedure);
        y += 4;

        double[] columns = [26, width - 26 - 60 - 90, 60, 90];
        string[] heads = ["STT", "Tên khoản phí, lệ phí", "Loại", "Số tiền"];
        void Row(string[] cells, XFont font)
        {
            var height = 0.0;
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                height = Math.Max(height, Put(cells[i], font, x + 2, columns[i] - 4, 11, i == 3 ? XParagraphAlignment.Right : XParagraphAlignment.Left));
                x += columns[i];
            }
            x = Margin;
            foreach (var w in columns)
            {
                gfx.DrawRectangle(pen, x, y - 1, w, height + 2);
                x += w;
            }
            y += height + 2;
        }
        Row(heads, bold);
        var n = 0;
        foreach (var line in r.Lines)
            Row([(++n).ToString(CultureInfo.InvariantCulture), line.Name, line.Kind, line.AmountText], normal);
        Row(["", "Tổng cộng", "", r.AmountText], bold);
        y += 6;
        Field("Số tiền bằng chữ", r.AmountInWords);
        Field("Hình thức thanh toán", r.Channel);
        Field("Mã giao dịch", r.TransactionRef);
        Field("Người thu tiền", r.CollectedBy);
        Field("Lập biên lai lúc", r.IssuedAt);
        Field("Ghi chú", r.Refund);
        return Save(document);
    }

    private static byte[] Save(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }
}
