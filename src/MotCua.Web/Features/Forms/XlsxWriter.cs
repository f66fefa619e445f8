using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MotCua.Web.Features.Forms;

/// <summary>A column of an exported sheet: its header and its width in characters.</summary>
public sealed record XlsxColumn(string Header, double Width);

/// <summary>Writes a one-sheet .xlsx row by row, so a register of any length never sits in memory.
/// SpreadsheetDocument needs a readable package and keeps every part in memory until it is saved, so the package
/// is assembled here with a streaming zip and the sheet XML written by OpenXmlWriter; the result opens with
/// SpreadsheetDocument like any workbook.</summary>
public sealed class XlsxWriter : IDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint BoldStyle = 1;
    private const uint WrapStyle = 2;
    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly OpenXmlWriter _sheet;
    private readonly int _columns;
    private uint _row;
    private bool _disposed;

    private XlsxWriter(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        _columns = columns.Count;
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        WritePackageParts(sheetName);
        // A zip written in Create mode has one open entry at a time: the sheet comes last and stays open.
        _sheetStream = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        _sheet = OpenXmlWriter.Create(_sheetStream);
        _sheet.WriteStartDocument(true);
        _sheet.WriteStartElement(new Worksheet());
        // The header row stays in view while scrolling a long register.
        _sheet.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));
        _sheet.WriteElement(new Columns(columns.Select((c, i) =>
            new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
        _sheet.WriteStartElement(new SheetData());
        WriteCells(columns.Select(c => c.Header).ToList(), BoldStyle);
    }

    /// <summary>Starts a workbook on <paramref name="output"/> (left open) and writes the header row.</summary>
    public static XlsxWriter Create(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns) => new(output, sheetName, columns);

    /// <summary>A temporary file that deletes itself when closed: the export is written there first, because the
    /// zip is written synchronously and the server refuses synchronous writes to a response.</summary>
    public static FileStream TempFile() =>
        new(Path.Combine(Path.GetTempPath(), "motcua-" + Path.GetRandomFileName() + ".xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);

    public void WriteRow(IReadOnlyList<string?> cells) => WriteCells(cells, WrapStyle);

    private void WriteCells(IReadOnlyList<string?> cells, uint style)
    {
        if (cells.Count != _columns) throw new ArgumentException($"Expected {_columns} cells, got {cells.Count}.", nameof(cells));
        _row++;
        _sheet.WriteStartElement(new Row { RowIndex = _row });
        foreach (var value in cells)
        {
            // Inline strings need no shared-string table (which would have to be held in memory), and text is never
            // evaluated as a formula, so an applicant's "=…" stays text.
            _sheet.WriteElement(new Cell(new InlineString(new Text(Clean(value)) { Space = SpaceProcessingModeValues.Preserve }))
            { DataType = CellValues.InlineString, StyleIndex = style });
        }
        _sheet.WriteEndElement();
    }

    /// <summary>XML 1.0 cannot carry control characters; a stray one in free text must not break the workbook.</summary>
    private static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (!value.Any(c => char.IsControl(c) && c is not ('\n' or '\t'))) return value;
        return new string(value.Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray());
    }

    private void WritePackageParts(string sheetName)
    {
        WriteRaw("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """);
        WriteRaw("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        WriteRaw("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """);
        WritePart("xl/workbook.xml", new Workbook(new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = SheetName(sheetName) })));
        WritePart("xl/styles.xml", new Stylesheet(
            new Fonts(Font(bold: false), Font(bold: true)) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, ApplyFont = true, ApplyAlignment = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true })
            { Count = 3 }));
    }

    // Times New Roman carries every Vietnamese diacritic in Excel and LibreOffice alike.
    private static Font Font(bool bold) =>
        bold ? new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" })
             : new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" });

    /// <summary>Excel refuses sheet names over 31 characters or with []:*?/\ in them.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }

    private void WriteRaw(string path, string xml)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write(xml);
    }

    private void WritePart(string path, OpenXmlElement root)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }

    /// <summary>Closes the sheet and the package; the output stream stays open.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sheet.WriteEndElement(); // sheetData
        _sheet.WriteEndElement(); // worksheet
        _sheet.Close();
        _sheet.Dispose();
        _sheetStream.Dispose();
        _zip.Dispose();
    }
}
