using System.Globalization;
using MotCua.Web.Features.Reports;
using MotCua.Web.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;

namespace MotCua.Web.Features.Signatures;

/// <summary>What the visible signature block says: who signed (name, title, unit), why, and when (Vietnam time).</summary>
public sealed record SignatureAppearance(string SignerName, string? Title, string? UnitName, string Reason, DateTimeOffset SignedAt)
{
    public const double Width = 230;
    public const double Height = 74;

    /// <summary>The block as a one-page PDF of <see cref="Width"/> × <see cref="Height"/> points, drawn by PDFsharp in Noto
    /// Sans (embedded, Vietnamese searchable); its page becomes the signature widget's appearance.</summary>
    internal byte[] Render()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.Options.CompressContentStreams = false;
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(Width);
        page.Height = XUnit.FromPoint(Height);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var text = new XTextFormatter(gfx);
            var green = XColor.FromArgb(0, 110, 50);
            gfx.DrawRectangle(new XPen(green, 1), XBrushes.White, new XRect(0.5, 0.5, Width - 1, Height - 1));
            var bold = new XFont(NotoFonts.Family, 7.5, XFontStyleEx.Bold);
            var normal = new XFont(NotoFonts.Family, 6.5, XFontStyleEx.Regular);
            var brush = new XSolidBrush(green);
            var y = 4.0;
            void Line(string s, XFont font, double height)
            {
                text.DrawString(s, font, brush, new XRect(6, y, Width - 12, height), XStringFormats.TopLeft);
                y += height;
            }
            Line("Ký bởi: " + SignerName, bold, 11);
            var role = string.Join(" – ", new[] { Title, UnitName }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (role.Length > 0) Line(role, normal, role.Length > 60 ? 18 : 9.5);
            Line("Thời gian ký: " + VietnamTime.ToLocal(SignedAt.UtcDateTime).ToString("HH:mm:ss dd/MM/yyyy", CultureInfo.InvariantCulture) + " (giờ Việt Nam)", normal, 9.5);
            Line("Lý do: " + Reason, normal, 18);
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
