using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MotCua.Web.Features.Reports;

/// <summary>The report as a PDF for filing and signing: A4 landscape, the national header, the report table (total,
/// each field and its procedures) and the sub-units' ranking, in Noto Sans (<see cref="NotoFonts"/>); the table's
/// heading is repeated on every page.</summary>
public static class ReportPdf
{
    public const string ContentType = "application/pdf";

    private const double Margin = 28;
    private const double NumberWidth = 26;
    private const double NameWidth = 200;
    private const double Line = 8.6;
    private const double Padding = 2.5;

    private sealed class Writer(PdfDocument document)
    {
        private readonly XFont _text = new(NotoFonts.Family, 7, XFontStyleEx.Regular);
        private readonly XFont _strong = new(NotoFonts.Family, 7, XFontStyleEx.Bold);
        private readonly XFont _heading = new(NotoFonts.Family, 6.5, XFontStyleEx.Bold);
        private readonly XPen _pen = new(XColors.Black, 0.4);
        private XGraphics _gfx = null!;
        private PdfPage _page = null!;
        private double _y;

        public double FigureWidth => (_page.Width.Point - 2 * Margin - NumberWidth - NameWidth) / ReportColumns.All.Count;

        public void NewPage()
        {
            _gfx?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _page.Orientation = PageOrientation.Landscape;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        public void Centered(string text, XFont font, double height)
        {
            _gfx.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, _page.Width.Point - 2 * Margin, height), XStringFormats.TopCenter);
            _y += height;
        }

        public void Left(string text, XFont font, double height)
        {
            foreach (var line in Wrap(text, font, _page.Width.Point - 2 * Margin))
            {
                _gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, _page.Width.Point - 2 * Margin, height), XStringFormats.TopLeft);
                _y += height;
            }
        }

        public void Space(double height) => _y += height;

        /// <summary>The table's two heading rows: the leading columns over both, the groups over their columns.</summary>
        public void Heading(string number, string name)
        {
            var figure = FigureWidth;
            const double groupHeight = 20;
            var subHeight = 4 * Line + 2 * Padding;
            Cell(Margin, _y, NumberWidth, groupHeight + subHeight, number, _heading, center: true);
            Cell(Margin + NumberWidth, _y, NameWidth, groupHeight + subHeight, name, _heading, center: true);
            var x = Margin + NumberWidth + NameWidth;
            foreach (var (group, span) in ReportColumns.Groups)
            {
                Cell(x, _y, span * figure, groupHeight, group, _heading, center: true);
                x += span * figure;
            }
            x = Margin + NumberWidth + NameWidth;
            foreach (var column in ReportColumns.All)
            {
                Cell(x, _y + groupHeight, figure, subHeight, column.Header, _heading, center: true);
                x += figure;
            }
            _y += groupHeight + subHeight;
        }

        /// <summary>One row of figures; a new page (with the heading again) when it does not fit.</summary>
        public void Row(string number, string name, ReportFigures figures, bool strong, Action heading)
        {
            var font = strong ? _strong : _text;
            var lines = Wrap(name, font, NameWidth - 2 * Padding);
            var height = lines.Count * Line + 2 * Padding;
            if (_y + height > _page.Height.Point - Margin)
            {
                NewPage();
                heading();
            }
            Cell(Margin, _y, NumberWidth, height, number, font, center: true);
            Cell(Margin + NumberWidth, _y, NameWidth, height, name, font, center: false);
            var x = Margin + NumberWidth + NameWidth;
            foreach (var column in ReportColumns.All)
            {
                Cell(x, _y, FigureWidth, height, column.Text(figures), font, center: true);
                x += FigureWidth;
            }
            _y += height;
        }

        public bool Fits(double height) => _y + height <= _page.Height.Point - Margin;

        private void Cell(double x, double y, double width, double height, string text, XFont font, bool center)
        {
            _gfx.DrawRectangle(_pen, x, y, width, height);
            var lines = Wrap(text, font, width - 2 * Padding);
            var top = center ? y + (height - lines.Count * Line) / 2 : y + Padding;
            foreach (var line in lines)
            {
                _gfx.DrawString(line, font, XBrushes.Black, new XRect(x + Padding, top, width - 2 * Padding, Line),
                    center ? XStringFormats.TopCenter : XStringFormats.TopLeft);
                top += Line;
            }
        }

        /// <summary>Words laid into lines no wider than <paramref name="width"/>; a word longer than a line stays whole.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(current);
                    current = word;
                }
                else current = candidate;
            }
            lines.Add(current);
            return lines;
        }

        public void Close() => _gfx?.Dispose();
    }

    /// <summary>Call <see cref="NotoFonts.Prepare"/> first: without the fonts there is no Vietnamese PDF to write.</summary>
    public static byte[] Write(DossierReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var document = new PdfDocument();
        document.Info.Title = $"{ReportColumns.Title} – {report.Unit.Name} – {report.Period}";
        document.Info.Creator = "MotCua";
        var writer = new Writer(document);
        var title = new XFont(NotoFonts.Family, 12, XFontStyleEx.Bold);
        var bold = new XFont(NotoFonts.Family, 9, XFontStyleEx.Bold);
        var normal = new XFont(NotoFonts.Family, 9, XFontStyleEx.Regular);

        writer.NewPage();
        writer.Centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 12);
        writer.Centered("Độc lập - Tự do - Hạnh phúc", bold, 16);
        writer.Centered(ReportColumns.Title, title, 18);
        writer.Left(ReportColumns.UnitLine(report), normal, 12);
        writer.Left(ReportColumns.PeriodLine(report), normal, 12);
        writer.Space(6);

        void Heading() => writer.Heading("STT", "Lĩnh vực, thủ tục hành chính");
        Heading();
        writer.Row("", "Tổng cộng", report.Total, strong: true, Heading);
        var fieldNumber = 0;
        foreach (var field in report.Fields)
        {
            writer.Row(ReportColumns.Roman(++fieldNumber), field.FieldName, field.Figures, strong: true, Heading);
            var procedureNumber = 0;
            foreach (var procedure in field.Procedures)
                writer.Row((++procedureNumber).ToString(CultureInfo.InvariantCulture), $"{procedure.Name} ({procedure.Code})", procedure.Figures, strong: false, Heading);
        }

        if (report.Units.Count > 0)
        {
            if (!writer.Fits(120)) writer.NewPage();
            else writer.Space(14);
            writer.Left("Các đơn vị trực thuộc, xếp hạng theo tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn", bold, 14);
            void UnitHeading() => writer.Heading("Hạng", "Đơn vị");
            UnitHeading();
            foreach (var unit in report.Units)
                writer.Row(unit.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—", $"{unit.Name} ({unit.Code})", unit.Figures, strong: false, UnitHeading);
        }
        writer.Close();

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
