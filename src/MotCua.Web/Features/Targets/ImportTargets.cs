using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Nhập chỉ tiêu từ tệp: a CSV (UTF-8, comma or semicolon) or an .xlsx (first sheet) laid out like a plan's
/// Phụ lục 2 — one row per unit and year, one column per metric (docs/model.md, "Targets, campaigns and plan tasks"):
/// <list type="bullet">
/// <item>a header row with "Mã định danh" (the unit's agency code) and "Năm"; optionally "Căn cứ" (the plan);</item>
/// <item>metric columns headed by the metric's code (e.g. "toan-trinh") or its Vietnamese name; other columns (STT,
/// Cơ quan, đơn vị) are ignored;</item>
/// <item>a value per cell, in per cent from 0 to 100 ("60", "7,56", "60%"); an empty cell leaves that metric as it is.</item>
/// </list>
/// Every row is checked; if any is wrong, nothing is saved and each error names its row.</summary>
public static class ImportTargets
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5000;

    public sealed record Result(int Units, int Targets);

    /// <summary>The file has errors: nothing was saved.</summary>
    public sealed class RejectedException(IReadOnlyList<string> errors) : Exception("Tệp chỉ tiêu có lỗi.")
    {
        public IReadOnlyList<string> Errors { get; } = errors;
    }

    public sealed class Handler(TargetsAccess access, AppDbContext db, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Stream content, string fileName, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(content);
            var actor = access.Writer();
            var table = await ReadAsync(content, fileName, ct);
            var errors = new List<string>();
            var changes = new List<SetTargets.Change>();
            if (table.Count == 0) throw new RejectedException(["Tệp không có dữ liệu."]);
            var header = table[0];
            int Column(params string[] names) => header.FindIndex(h => names.Any(n => string.Equals(Normalize(h), n, StringComparison.OrdinalIgnoreCase)));
            var codeColumn = Column("mã định danh", "mã đơn vị", "ma-dinh-danh");
            var yearColumn = Column("năm", "nam");
            var sourceColumn = Column("căn cứ", "can-cu");
            if (codeColumn < 0) errors.Add("Dòng 1: thiếu cột \"Mã định danh\" (mã định danh điện tử của đơn vị).");
            if (yearColumn < 0) errors.Add("Dòng 1: thiếu cột \"Năm\".");
            var metricColumns = new List<(int Index, TargetMetric Metric)>();
            for (var i = 0; i < header.Count; i++)
                if (TargetMetrics.TryParse(Normalize(header[i]), out var metric))
                {
                    if (metricColumns.Any(c => c.Metric == metric)) errors.Add($"Dòng 1: chỉ tiêu \"{metric.DisplayName()}\" có hai cột.");
                    else metricColumns.Add((i, metric));
                }
            if (metricColumns.Count == 0)
                errors.Add($"Dòng 1: không có cột chỉ tiêu nào. Tên cột là mã chỉ tiêu: {string.Join(", ", TargetMetrics.All.Select(m => m.Code()))}.");
            if (errors.Count > 0) throw new RejectedException(errors);
            if (table.Count - 1 > MaxRows) throw new RejectedException([$"Tệp có tối đa {MaxRows} dòng chỉ tiêu."]);

            var seen = new Dictionary<(Guid, int), int>();
            for (var r = 1; r < table.Count; r++)
            {
                var row = table[r];
                var line = r + 1;
                string Cell(int index) => index >= 0 && index < row.Count ? Normalize(row[index]) : "";
                if (row.All(c => string.IsNullOrWhiteSpace(c))) continue;
                var rowErrors = new List<string>();
                var code = Cell(codeColumn);
                Guid? unitId = null;
                if (code.Length == 0) rowErrors.Add("thiếu mã định danh đơn vị");
                else
                {
                    try
                    {
                        unitId = (await access.ReadableAsync(code, ct)).Id;
                    }
                    catch (Exception e) when (e is NotFoundException or DomainException)
                    {
                        rowErrors.Add(e.Message.TrimEnd('.'));
                    }
                }
                var yearText = Cell(yearColumn);
                int? year = int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= UnitTarget.MinYear and <= UnitTarget.MaxYear ? y : null;
                if (year is null) rowErrors.Add($"năm \"{yearText}\" không hợp lệ (từ {UnitTarget.MinYear} đến {UnitTarget.MaxYear})");
                var source = sourceColumn >= 0 ? Cell(sourceColumn) : null;
                if (source?.Length > UnitTarget.MaxSourceLength) rowErrors.Add($"căn cứ tối đa {UnitTarget.MaxSourceLength} ký tự");
                var values = new List<(TargetMetric Metric, decimal Value)>();
                foreach (var (index, metric) in metricColumns)
                {
                    var text = Cell(index);
                    if (text.Length == 0) continue;
                    if (TryPercent(text, out var value) && UnitTarget.ValueProblem(value) is null) values.Add((metric, value));
                    else rowErrors.Add($"cột \"{header[index].Trim()}\": \"{text}\" không phải tỷ lệ phần trăm từ 0 đến 100");
                }
                if (unitId is { } u && year is { } yy)
                {
                    if (seen.TryGetValue((u, yy), out var first)) rowErrors.Add($"đơn vị {code} năm {yy} đã có ở dòng {first}");
                    else seen[(u, yy)] = line;
                }
                if (values.Count == 0 && rowErrors.Count == 0) rowErrors.Add("không có giá trị chỉ tiêu nào");
                if (rowErrors.Count > 0)
                {
                    errors.Add($"Dòng {line}: {string.Join("; ", rowErrors)}.");
                    continue;
                }
                changes.AddRange(values.Select(v => new SetTargets.Change(unitId!.Value, year!.Value, v.Metric, v.Value, string.IsNullOrEmpty(source) ? null : source)));
            }
            if (errors.Count > 0) throw new RejectedException(errors);
            if (changes.Count == 0) throw new RejectedException(["Tệp không có dòng chỉ tiêu nào."]);
            await SetTargets.ApplyAsync(db, changes, actor, clock.GetUtcNow().UtcDateTime, ct);
            return new Result(seen.Count, changes.Count);
        }
    }

    private static string Normalize(string? text) => Infrastructure.Text.NormalizeOrNull(text) ?? "";

    /// <summary>"60", "7,56", "7.56", "60 %": Vietnamese files write the decimal comma.</summary>
    public static bool TryPercent(string text, out decimal value)
    {
        var t = text.Trim().TrimEnd('%').Trim().Replace(',', '.');
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The file as rows of cells: .xlsx by its name or its zip signature, else CSV.</summary>
    public static async Task<List<List<string>>> ReadAsync(Stream content, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw new RejectedException([$"Tệp quá lớn: tối đa {MaxBytes / 1024 / 1024} MB."]);
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        var bytes = buffer.ToArray();
        var isZip = bytes.Length > 4 && bytes[0] == 0x50 && bytes[1] == 0x4B;
        if (isZip || fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return ReadXlsx(buffer);
            }
            catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or InvalidOperationException or ArgumentException
                                           or FormatException or NotSupportedException or System.Xml.XmlException)
            {
                throw new RejectedException(["Không đọc được tệp .xlsx: tệp hỏng hoặc không phải bảng tính Excel."]);
            }
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new RejectedException(["Tệp CSV phải mã hóa UTF-8."]);
        }
        return ReadCsv(text.TrimStart('\uFEFF'));
    }

    /// <summary>RFC 4180 with the separator of the header line (Excel in Vietnamese locales writes ';').</summary>
    public static List<List<string>> ReadCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }
        return rows;
    }

    private static List<List<string>> ReadXlsx(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No sheet.");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var rows = new List<List<string>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                while (cells.Count < column) cells.Add("");
                var value = cell.CellValue?.Text ?? cell.InnerText;
                if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(value, CultureInfo.InvariantCulture, out var index))
                    value = index >= 0 && index < shared.Count ? shared[index] : "";
                else if (cell.DataType?.Value == CellValues.InlineString) value = cell.InlineString?.InnerText ?? "";
                cells.Add(value);
            }
            var number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
            while (rows.Count < number - 1) rows.Add([]);
            rows.Add(cells);
        }
        return rows;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetterUpper(c)) break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index == 0 ? null : index - 1;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/targets/import", PostAsync)
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .DisableAntiforgery()
            .WithTags("Targets")
            .WithName("ImportTargets")
            .WithSummary("Nhập chỉ tiêu từ tệp CSV hoặc .xlsx (trường \"file\"), bố cục như Phụ lục 2: cột \"Mã định danh\", \"Năm\", " +
                         "\"Căn cứ\" (không bắt buộc) và mỗi chỉ tiêu một cột đặt tên bằng mã chỉ tiêu. Mọi dòng được kiểm tra; có lỗi thì " +
                         "không lưu gì và trả về lỗi của từng dòng.")
            .ProducesValidationProblem();
    }

    // The form is bound by the framework, so that a malformed one is refused in Vietnamese like any unreadable request.
    private static async Task<Results<Ok<Result>, ValidationProblem>> PostAsync(IFormFile? file, Handler handler, CancellationToken ct)
    {
        if (file is null) return Problem(["Hãy gửi tệp chỉ tiêu trong trường \"file\" của biểu mẫu multipart/form-data."]);
        if (file.Length > MaxBytes) return Problem([$"Tệp quá lớn: tối đa {MaxBytes / 1024 / 1024} MB."]);
        try
        {
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await handler.HandleAsync(stream, file.FileName, ct));
        }
        catch (RejectedException e)
        {
            return Problem(e.Errors);
        }
    }

    private static ValidationProblem Problem(IReadOnlyList<string> errors) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. errors] },
            title: "Tệp chỉ tiêu có lỗi, chưa nhập chỉ tiêu nào");
}
