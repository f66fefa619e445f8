using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MotCua.Web.Features.Reports;

/// <summary>The report as an Excel workbook: the report sheet (total, then each field and its procedures) and, for a
/// unit with sub-units, their ranking. Counts are number cells and shares percentage cells, so officials can sum and
/// chart them. A report is at most a few thousand rows, so the workbook is built in memory.</summary>
public static class ReportXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint Normal = 0;
    private const uint Bold = 1;
    private const uint Percent = 2;
    private const uint BoldPercent = 3;
    private const uint Header = 4;

    public static byte[] Write(DossierReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();

            var rows = new List<(string Number, string Name, string Code, DossierReport.FieldRow? Field, Func<ReportFigures> Figures, bool Strong)>
            {
                ("", "Tổng cộng", "", null, () => report.Total, true),
            };
            var fieldNumber = 0;
            foreach (var field in report.Fields)
            {
                rows.Add((ReportColumns.Roman(++fieldNumber), field.FieldName, field.FieldCode, field, () => field.Figures, true));
                var procedureNumber = 0;
                foreach (var procedure in field.Procedures)
                    rows.Add(((++procedureNumber).ToString(CultureInfo.InvariantCulture), procedure.Name, procedure.Code, null, () => procedure.Figures, false));
            }
            AddSheet(workbook, "Báo cáo", report, ["STT", "Lĩnh vực, thủ tục hành chính", "Mã"],
                rows.Select(r => (new[] { r.Number, r.Name, r.Code }, r.Figures(), r.Strong)).ToList());
            if (report.Units.Count > 0)
                AddSheet(workbook, "Xếp hạng đơn vị", report, ["Xếp hạng", "Đơn vị", "Mã định danh"],
                    report.Units.Select(u => (new[] { u.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—", u.Name, u.Code }, u.Figures, false)).ToList());
            workbook.Workbook.Save();
        }
        return output.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, string name, DossierReport.Result report, string[] leading,
        IReadOnlyList<(string[] Labels, ReportFigures Figures, bool Strong)> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var merges = new MergeCells();
        var width = leading.Length + ReportColumns.All.Count;
        uint r = 0;

        Text(data, ++r, [ReportColumns.Title], Bold);
        merges.Append(Merge(r, 0, r, width - 1));
        Text(data, ++r, [ReportColumns.UnitLine(report)], Normal);
        merges.Append(Merge(r, 0, r, width - 1));
        Text(data, ++r, [ReportColumns.PeriodLine(report)], Normal);
        merges.Append(Merge(r, 0, r, width - 1));
        ++r;

        // Two heading rows: the groups over their columns, the leading columns spanning both rows.
        var top = ++r;
        var groupRow = leading.ToList();
        foreach (var (group, span) in ReportColumns.Groups)
        {
            merges.Append(Merge(top, groupRow.Count, top, groupRow.Count + span - 1));
            groupRow.Add(group);
            groupRow.AddRange(Enumerable.Repeat("", span - 1));
        }
        Text(data, top, groupRow, Header);
        for (var i = 0; i < leading.Length; i++) merges.Append(Merge(top, i, top + 1, i));
        Text(data, ++r, [.. Enumerable.Repeat("", leading.Length), .. ReportColumns.All.Select(c => c.Header)], Header);

        foreach (var (labels, figures, strong) in rows)
        {
            var row = new Row { RowIndex = ++r };
            for (var i = 0; i < labels.Length; i++) row.Append(TextCell(r, i, labels[i], strong ? Bold : Normal));
            for (var i = 0; i < ReportColumns.All.Count; i++)
            {
                var column = ReportColumns.All[i];
                var value = column.Value(figures);
                var reference = Reference(r, leading.Length + i);
                row.Append(value is { } v
                    ? new Cell { CellReference = reference, CellValue = new CellValue(v), DataType = CellValues.Number, StyleIndex = column.Rate ? strong ? BoldPercent : Percent : strong ? Bold : Normal }
                    : TextCell(r, leading.Length + i, "", Normal));
            }
            data.Append(row);
        }

        var columns = new Columns(
            new Column { Min = 1, Max = 1, Width = 9, CustomWidth = true },
            new Column { Min = 2, Max = 2, Width = 48, CustomWidth = true },
            new Column { Min = 3, Max = 3, Width = 22, CustomWidth = true },
            new Column { Min = 4, Max = (uint)width, Width = 12, CustomWidth = true });
        part.Worksheet = new Worksheet(columns, data, merges);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.Count() + 1, Name = name });
    }

    private static void Text(SheetData data, uint row, List<string> cells, uint style)
    {
        var r = new Row { RowIndex = row };
        for (var i = 0; i < cells.Count; i++) r.Append(TextCell(row, i, cells[i], style));
        data.Append(r);
    }

    // Inline strings: the text is never evaluated as a formula, and no shared-string table is needed.
    private static Cell TextCell(uint row, int column, string text, uint style) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        { CellReference = Reference(row, column), DataType = CellValues.InlineString, StyleIndex = style };

    private static MergeCell Merge(uint row1, int column1, uint row2, int column2) =>
        new() { Reference = $"{Reference(row1, column1)}:{Reference(row2, column2)}" };

    private static string Reference(uint row, int column)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    // Times New Roman carries every Vietnamese diacritic in Excel and LibreOffice alike.
    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
            new Font(new DocumentFormat.OpenXml.Spreadsheet.Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }))
        { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            // 10 is the built-in "0.00%".
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, FontId = 1, ApplyNumberFormat = true, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center })
                { FontId = 1, ApplyFont = true, ApplyAlignment = true })
        { Count = 5 });
}
