using System.Globalization;
using MotCua.Web.Features.Reports;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;

namespace MotCua.Web.Features.Forms;

/// <summary>Writes a form as an A4 PDF in Noto Sans, the font the reports and receipts embed (<see cref="NotoFonts"/>,
/// prepared first): the glyphs used are embedded with their Unicode mapping, so the Vietnamese text can be searched,
/// copied and read back. The text flows from the top, wraps at word boundaries and continues on a new page; each
/// form's layout is a short method beside its model (<c>ReceiptForm.Pdf</c>, ...), reading the same view the HTML
/// page shows.</summary>
public sealed class FormPdf : IDisposable
{
    public const string ContentType = "application/pdf";

    private const double Margin = 56; // 2 cm
    private const double Size = 11;
    private const double Line = 15;

    private readonly PdfDocument _document = new();
    private readonly XFont _regular = new(NotoFonts.Family, Size, XFontStyleEx.Regular);
    private readonly XFont _bold = new(NotoFonts.Family, Size, XFontStyleEx.Bold);
    private readonly XFont _small = new(NotoFonts.Family, 9.5, XFontStyleEx.Regular);
    private readonly XFont _smallBold = new(NotoFonts.Family, 9.5, XFontStyleEx.Bold);
    private readonly XFont _title = new(NotoFonts.Family, 13, XFontStyleEx.Bold);
    private readonly XPen _pen = new(XColors.Black, 0.5);
    private PdfPage _page = null!;
    private XGraphics _gfx = null!;
    private readonly bool _landscape;
    private double _y;

    /// <param name="landscape">For the wide tables of the register (07).</param>
    public FormPdf(string title, bool landscape = false)
    {
        _landscape = landscape;
        _document.Info.Title = title;
        _document.Info.Creator = "MotCua";
        NewPage();
    }

    private double Width => _page.Width.Point - 2 * Margin;
    private double Bottom => _page.Height.Point - Margin;

    /// <summary>The national heading (Decree 30/2020): the issuing body under its governing body on the left, the
    /// nation and motto on the right, place and date under them; the form number above.</summary>
    public void Header(FormHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Text(header.FormNumber, _small, XParagraphAlignment.Right);
        var top = _y;
        var left = Width * 0.42;
        var right = Width - left;
        var y = top;
        if (header.IssuingBody is null)
        {
            y = Ruled(header.GoverningBody, _smallBold, Margin, left, y);
        }
        else
        {
            y = Block(header.GoverningBody, _small, Margin, left, y, XParagraphAlignment.Center);
            y = Ruled(header.IssuingBody, _smallBold, Margin, left, y);
        }
        var ny = Block(FormText.Nation, _smallBold, Margin + left, right, top, XParagraphAlignment.Center);
        ny = Ruled(FormText.Motto, _bold, Margin + left, right, ny);
        ny = Block(header.PlaceAndDate, _regular, Margin + left, right, ny + 4, XParagraphAlignment.Center);
        _y = Math.Max(y, ny) + 10;
    }

    /// <summary>The heading of a letter a person writes (an application): the nation and motto centred.</summary>
    public void PersonalHeader(string formNumber, string placeAndDate)
    {
        if (formNumber.Length > 0) Text(formNumber, _small, XParagraphAlignment.Right);
        _y = Block(FormText.Nation, _smallBold, Margin, Width, _y, XParagraphAlignment.Center);
        _y = Ruled(FormText.Motto, _bold, Margin, Width, _y);
        _y = Block(placeAndDate, _regular, Margin, Width, _y + 4, XParagraphAlignment.Right) + 10;
    }

    public void Title(string text)
    {
        Text(text, _title, XParagraphAlignment.Center);
        _y += 2;
    }

    public void Centered(string text) => Text(text, _regular, XParagraphAlignment.Center);

    public void Paragraph(string text, bool bold = false) => Text(text, bold ? _bold : _regular, XParagraphAlignment.Justify, 3);

    /// <summary>A quoted reason, indented.</summary>
    public void Quote(string text)
    {
        Ensure(Line);
        _y = Block(text, _regular, Margin + 24, Width - 24, _y, XParagraphAlignment.Left) + 3;
    }

    /// <summary>A numbered list.</summary>
    public void Items(IEnumerable<string> items, int start = 1)
    {
        ArgumentNullException.ThrowIfNull(items);
        var n = start;
        foreach (var item in items)
        {
            Ensure(Line);
            Block((n++).ToString(CultureInfo.InvariantCulture) + ".", _regular, Margin + 6, 20, _y, XParagraphAlignment.Left);
            _y = Block(item, _regular, Margin + 26, Width - 26, _y, XParagraphAlignment.Left) + 2;
        }
    }

    public void Space(double points) => _y += points;

    /// <summary>A ruled table; the widths are relative. A row that does not fit starts a new page with the heading again.</summary>
    /// <param name="unbroken">Columns whose values are codes read and searched whole (a dossier code): the font of such a
    /// cell shrinks until its widest word fits the column (down to <see cref="SmallestCodeSize"/>), and only a code wider
    /// still is wrapped, at its separators.</param>
    public void Table(double[] widths, string[] heading, IEnumerable<string[]> rows, bool small = false, IReadOnlySet<int>? unbroken = null)
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(rows);
        var total = widths.Sum();
        var columns = widths.Select(w => w / total * Width).ToArray();
        var font = small ? _small : _regular;
        var bold = small ? _smallBold : _bold;
        Row(columns, heading, bold);
        foreach (var row in rows)
        {
            var fonts = row.Select((cell, i) => unbroken?.Contains(i) == true && i < columns.Length ? FitFont(cell, font, columns[i] - 6) : font).ToArray();
            if (!Fits(columns, row, fonts))
            {
                NewPage();
                Row(columns, heading, bold);
            }
            Row(columns, row, fonts);
        }
        _y += 6;
    }

    public const double SmallestCodeSize = 6.5;

    private XFont FitFont(string text, XFont font, double width)
    {
        var widest = (text ?? "").Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(w => _gfx.MeasureString(w, font).Width).DefaultIfEmpty(0).Max();
        if (widest <= width) return font;
        var size = Math.Max(SmallestCodeSize, Math.Floor(font.Size * width / widest * 10) / 10);
        return new XFont(NotoFonts.Family, size, font.Style);
    }

    /// <summary>A QR code on the right with lines of text beside it.</summary>
    public void QrBlock(string content, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        const double side = 96;
        Ensure(side + 4);
        using var generator = new QRCodeGenerator();
        // Level M as on the printed page: survives a creased receipt without becoming too dense for a cheap phone.
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = side / matrix.Count;
        var x0 = Margin + Width - side;
        for (var r = 0; r < matrix.Count; r++)
            for (var c = 0; c < matrix[r].Length; c++)
                if (matrix[r][c]) _gfx.DrawRectangle(XBrushes.Black, x0 + c * module, _y + r * module, module + 0.05, module + 0.05);
        var y = _y + 8;
        foreach (var line in lines) y = Block(line, _regular, Margin, Width - side - 12, y, XParagraphAlignment.Left) + 2;
        _y = Math.Max(_y + side, y) + 6;
    }

    /// <summary>The signature block: one column per signer (null leaves the column empty, as the page does).</summary>
    public void Signatures(params Signature?[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Ensure(110);
        _y += 8;
        var width = Width / columns.Length;
        var bottom = _y;
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i] is not { } s) continue;
            var x = Margin + i * width;
            var y = Block(s.Role, _bold, x, width, _y, XParagraphAlignment.Center);
            y = Block(s.Hint, _small, x, width, y, XParagraphAlignment.Center);
            if (!string.IsNullOrEmpty(s.Title)) y = Block(s.Title, _regular, x, width, y, XParagraphAlignment.Center);
            y = Block(s.Name, _bold, x, width, y + 56, XParagraphAlignment.Center);
            bottom = Math.Max(bottom, y);
        }
        _y = bottom + 6;
    }

    public byte[] Save()
    {
        _gfx.Dispose();
        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _gfx.Dispose();
        _document.Dispose();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        if (_landscape) _page.Orientation = PageOrientation.Landscape;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    private void Ensure(double height)
    {
        if (_y + height > Bottom) NewPage();
    }

    private void Text(string text, XFont font, XParagraphAlignment align, double after = 0)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            Ensure(LineOf(font));
            DrawLine(line, font, Margin, Width, _y, align);
            _y += LineOf(font);
        }
        _y += after;
    }

    /// <summary>Wrapped text in a box that does not break across pages (headings, cells, signatures); returns the y below it.</summary>
    private double Block(string text, XFont font, double x, double width, double y, XParagraphAlignment align)
    {
        foreach (var line in Wrap(text, font, width))
        {
            DrawLine(line, font, x, width, y, align);
            y += LineOf(font);
        }
        return y;
    }

    private double Ruled(string text, XFont font, double x, double width, double y)
    {
        var lines = Wrap(text, font, width);
        y = Block(text, font, x, width, y, XParagraphAlignment.Center);
        var rule = Math.Min(width * 0.6, lines.Max(l => _gfx.MeasureString(l, font).Width) * 0.7);
        _gfx.DrawLine(_pen, x + (width - rule) / 2, y + 1, x + (width + rule) / 2, y + 1);
        return y + 4;
    }

    private void DrawLine(string line, XFont font, double x, double width, double y, XParagraphAlignment align)
    {
        var measured = _gfx.MeasureString(line, font).Width;
        var left = align switch
        {
            XParagraphAlignment.Center => x + (width - measured) / 2,
            XParagraphAlignment.Right => x + width - measured,
            _ => x,
        };
        _gfx.DrawString(line, font, XBrushes.Black, new XPoint(left, y + font.Size), XStringFormats.Default);
    }

    private static double LineOf(XFont font) => font.Size * 1.38;

    private bool Fits(double[] columns, string[] cells, XFont[] fonts) => _y + RowHeight(columns, cells, fonts) <= Bottom;

    private double RowHeight(double[] columns, string[] cells, XFont[] fonts) =>
        cells.Select((c, i) => Wrap(c, fonts[i], columns[i] - 6).Count * LineOf(fonts[i])).DefaultIfEmpty(LineOf(fonts[0])).Max() + 4;

    private void Row(double[] columns, string[] cells, XFont font) => Row(columns, cells, [.. cells.Select(_ => font)]);

    private void Row(double[] columns, string[] cells, XFont[] fonts)
    {
        var height = RowHeight(columns, cells, fonts);
        var x = Margin;
        for (var i = 0; i < columns.Length; i++)
        {
            _gfx.DrawRectangle(_pen, x, _y, columns[i], height);
            if (i < cells.Length) Block(cells[i], fonts[i], x + 3, columns[i] - 6, _y + 2, XParagraphAlignment.Left);
            x += columns[i];
        }
        _y += height;
    }

    private static readonly char[] Separators = ['-', '.', '/', '_'];

    /// <summary>Lines of at most <paramref name="width"/>: words kept whole unless one alone is wider.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (_gfx.MeasureString(candidate, font).Width <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                current = word;
                while (current.Length > 1 && _gfx.MeasureString(current, font).Width > width)
                {
                    // A code ("000.00.41.H98-261117-0001") breaks after a separator that fits; only a word without one
                    // is cut where the column ends.
                    var cut = current.Length - 1;
                    while (cut > 1 && _gfx.MeasureString(current[..cut], font).Width > width) cut--;
                    var separator = current.LastIndexOfAny(Separators, cut - 1);
                    if (separator > 0) cut = separator + 1;
                    lines.Add(current[..cut]);
                    current = current[cut..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }
}

/// <summary>A column of the signature block: "NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", the title, the name.</summary>
public sealed record Signature(string Role, string Hint, string? Title, string Name);
