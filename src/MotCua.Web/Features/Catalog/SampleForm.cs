using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MotCua.Web.Features.Catalog;

/// <summary>The blank paper form (mẫu đơn, tờ khai) of a component, generated from the procedure version as a Word
/// document: the national motto, the component's name as the title, "Kính gửi" the competent authority, one
/// dotted line per field of the version's e-form, the applicant's commitment and the signature block. The
/// catalog names sample files that no deployment has (docs/adr/0014), and the e-form is the version's own list
/// of what the applicant declares, so the paper and the online form ask the same things.</summary>
public static class SampleForm
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // A4 with the margins of Decree 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 15 mm), in twentieths of a point.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 1134;
    private const int MarginBottom = 1134;
    private const int MarginLeft = 1701;
    private const int MarginRight = 851;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    /// <summary>Fields asked of the applicant when the version has no e-form (procedures not offered online).</summary>
    private static readonly EFormField[] GenericFields =
    [
        new("fullName", "Họ, chữ đệm và tên người yêu cầu", EFormFieldType.Text),
        new("personalId", "Số định danh cá nhân", EFormFieldType.PersonalIdNumber),
        new("residence", "Nơi cư trú", EFormFieldType.Text),
        new("phone", "Số điện thoại liên hệ", EFormFieldType.Phone),
        new("request", "Nội dung yêu cầu", EFormFieldType.MultilineText),
    ];

    /// <summary>The component of <paramref name="content"/> whose sample form is asked for; null when it has none.</summary>
    public static ComponentRequirement? Find(ProcedureContent content, string componentCode)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Components.FirstOrDefault(c => c.Code == componentCode && !string.IsNullOrWhiteSpace(c.SampleFormFile));
    }

    /// <summary>The download's name: the catalog's file name, with the extension of what is generated.</summary>
    public static string FileName(ComponentRequirement component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var name = Path.GetFileName(component.SampleFormFile?.Trim() ?? "");
        if (name.Length == 0) name = component.Code;
        return name.EndsWith(".docx", StringComparison.OrdinalIgnoreCase) ? name : Path.ChangeExtension(name, ".docx");
    }

    public static byte[] Build(string procedureCode, int versionNumber, ProcedureContent content, ComponentRequirement component)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(component);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = component.Name;
            document.PackageProperties.Subject = $"{content.Name} ({procedureCode})";
            document.PackageProperties.Creator = "MotCua";
            document.PackageProperties.Language = "vi-VN";
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            main.Document = new Document(Body(procedureCode, versionNumber, content, component));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Body Body(string procedureCode, int versionNumber, ProcedureContent content, ComponentRequirement component)
    {
        var body = new Body();
        body.Append(Centered(Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 26)));
        body.Append(Centered(Run("Độc lập - Tự do - Hạnh phúc", bold: true, size: 28)));
        // The short rule under the motto, as official forms draw it.
        body.Append(Centered(Run("―――――――――――――――", size: 20)));
        body.Append(Paragraph(spacingAfter: 120));

        body.Append(Centered(keepNext: true, Run(component.Name, bold: true, size: 28, caps: true)));
        body.Append(Centered(Run($"(Thủ tục: {content.Name} — mã {procedureCode})", italic: true, size: 24)));
        body.Append(Paragraph(spacingAfter: 120));

        body.Append(DottedLine([Run("Kính gửi: ", bold: true), Run(content.CompetentAuthority + " ")]));
        body.Append(Paragraph(spacingAfter: 60));

        var fields = content.FormFields.Count > 0 ? content.FormFields : GenericFields;
        var number = 0;
        foreach (var field in fields)
        {
            number++;
            var label = $"{number}. {field.Label}";
            switch (field.Type)
            {
                case EFormFieldType.Checkbox:
                    body.Append(Paragraph(Run($"☐ {field.Label}")));
                    break;
                case EFormFieldType.Select when field.Options is { Count: > 0 } options:
                    // Short lists are ticked; long ones are written in, with the choices shown.
                    body.Append(options.Count <= 4
                        ? Paragraph(Run(label + ": "), Run(string.Join("      ", options.Select(o => "☐ " + o))))
                        : DottedLine([Run(label + " "), Run($"({string.Join("; ", options)}): ", italic: true, size: 22)]));
                    break;
                case EFormFieldType.Date:
                    body.Append(Paragraph(Run(label + ": ngày ........ tháng ........ năm ..............")));
                    break;
                case EFormFieldType.MultilineText:
                    body.Append(DottedLine([Run(label + ": ")]));
                    body.Append(DottedLine([]));
                    body.Append(DottedLine([]));
                    break;
                default:
                    var runs = new List<Run> { Run(label) };
                    if (!string.IsNullOrWhiteSpace(field.Help)) runs.Add(Run($" ({field.Help})", italic: true, size: 22));
                    runs.Add(Run(": "));
                    body.Append(DottedLine(runs));
                    break;
            }
        }

        body.Append(Paragraph(spacingAfter: 60));
        body.Append(Justified(Run("Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời cam đoan của mình.")));
        body.Append(Paragraph(spacingAfter: 120));
        body.Append(SignatureBlock());
        body.Append(Paragraph(spacingAfter: 240));
        body.Append(Paragraph(Run(
            $"Mẫu do hệ thống tạo từ biểu mẫu điện tử của thủ tục {procedureCode} (phiên bản {versionNumber}). " +
            "Người yêu cầu có thể dùng mẫu này, mẫu do cơ quan có thẩm quyền ban hành hoặc nộp trực tuyến nếu thủ tục có dịch vụ công trực tuyến.",
            italic: true, size: 20)));
        body.Append(new SectionProperties(
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 720, Footer = 720, Gutter = 0 }));
        return body;
    }

    /// <summary>The place, date and signature on the right half, centred within it, as Vietnamese forms set them.</summary>
    private static Table SignatureBlock()
    {
        var none = new TableBorders(
            new TopBorder { Val = BorderValues.Nil }, new LeftBorder { Val = BorderValues.Nil },
            new BottomBorder { Val = BorderValues.Nil }, new RightBorder { Val = BorderValues.Nil },
            new InsideHorizontalBorder { Val = BorderValues.Nil }, new InsideVerticalBorder { Val = BorderValues.Nil });
        var half = (TextWidth / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var right = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = half, Type = TableWidthUnitValues.Dxa }),
            Centered(Run("........................, ngày ...... tháng ...... năm ..........", italic: true)),
            Centered(Run("NGƯỜI YÊU CẦU", bold: true)),
            Centered(Run("(Ký, ghi rõ họ, chữ đệm và tên)", italic: true, size: 24)),
            Paragraph(), Paragraph(), Paragraph(),
            Centered(Run("..................................................")));
        var left = new TableCell(new TableCellProperties(new TableCellWidth { Width = half, Type = TableWidthUnitValues.Dxa }), Paragraph());
        return new Table(
            new TableProperties(new TableWidth { Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, none,
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(new GridColumn { Width = half }, new GridColumn { Width = half }),
            new TableRow(left, right));
    }

    /// <summary>A line to fill in: the label, then dots to the right margin (a right tab stop with a dot leader, so
    /// the dots always end at the margin whatever the label's length).</summary>
    private static Paragraph DottedLine(IEnumerable<Run> runs)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = TextWidth }),
            new SpacingBetweenLines { Before = "60", After = "60" }));
        paragraph.Append(runs);
        paragraph.Append(new Run(new TabChar()));
        return paragraph;
    }

    private static Paragraph Paragraph(params Run[] runs)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Before = "60", After = "60" }));
        paragraph.Append(runs);
        return paragraph;
    }

    private static Paragraph Paragraph(int spacingAfter) =>
        new(new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = spacingAfter.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

    // The children of a paragraph's properties have a fixed order in the schema (keepNext, tabs, spacing, ind, jc);
    // Word refuses a document that breaks it.
    private static Paragraph Centered(params Run[] runs) => Centered(false, runs);

    private static Paragraph Centered(bool keepNext, params Run[] runs)
    {
        var properties = new ParagraphProperties();
        if (keepNext) properties.Append(new KeepNext());
        properties.Append(new SpacingBetweenLines { Before = "0", After = "0" }, new Justification { Val = JustificationValues.Center });
        var paragraph = new Paragraph(properties);
        paragraph.Append(runs);
        return paragraph;
    }

    private static Paragraph Justified(params Run[] runs)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new Indentation { FirstLine = "567" }, new Justification { Val = JustificationValues.Both }));
        paragraph.Append(runs);
        return paragraph;
    }

    /// <param name="size">In half-points: 26 is 13 pt.</param>
    /// <param name="caps">Shown in capitals while the text stays as written (searchable, and copied as written).</param>
    private static Run Run(string text, bool bold = false, bool italic = false, int? size = null, bool caps = false)
    {
        var properties = new RunProperties();
        if (bold) properties.Append(new Bold());
        if (italic) properties.Append(new Italic());
        if (caps) properties.Append(new Caps());
        if (size is { } halfPoints)
        {
            var value = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
            properties.Append(new FontSize { Val = value }, new FontSizeComplexScript { Val = value });
        }
        return new Run(properties, new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>Times New Roman 13 pt (Decree 30/2020/NĐ-CP), Vietnamese for the spelling checker.</summary>
    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                    new FontSize { Val = "26" },
                    new FontSizeComplexScript { Val = "26" },
                    new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "60", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Styles.Save();
    }

    /// <summary>XML 1.0 cannot carry control characters; a stray one in a catalog's text must not break the document.</summary>
    private static string Clean(string text) =>
        text.Any(char.IsControl) ? new string(text.Where(c => !char.IsControl(c)).ToArray()) : text;
}
