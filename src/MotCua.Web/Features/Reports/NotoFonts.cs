using PdfSharp.Fonts;

namespace MotCua.Web.Features.Reports;

/// <summary>The <c>Reports</c> configuration section.</summary>
public sealed class ReportsOptions
{
    public const string SectionName = "Reports";

    /// <summary>A folder holding NotoSans-Regular.ttf and NotoSans-Bold.ttf, looked at before the places Linux
    /// distributions install them (Debian's fonts-noto-core: /usr/share/fonts/truetype/noto).</summary>
    public string? FontDirectory { get; set; }
}

/// <summary>Noto Sans for the PDF reports: it carries every Vietnamese letter with its stacked diacritics (DejaVu loses
/// some), and PDFsharp embeds the glyphs used with their Unicode mapping, so the text can be searched and copied. The
/// fonts come from the operating system's package (fonts-noto-core, which scripts/test.sh installs), not from the
/// repository (docs/adr/0030d-reports.md). PDFsharp keeps one resolver per process, so this is one instance.</summary>
public sealed class NotoFonts : IFontResolver
{
    public const string Family = "Noto Sans";
    private const string RegularFace = "NotoSans-Regular";
    private const string BoldFace = "NotoSans-Bold";

    private static readonly string[] KnownDirectories =
    [
        "/usr/share/fonts/truetype/noto",
        "/usr/share/fonts/noto",
        "/usr/share/fonts/google-noto",
        "/usr/local/share/fonts/noto",
    ];

    private static readonly Lock Gate = new();
    private static readonly NotoFonts Instance = new();
    private static bool _registered;
    private static string? _configured;

    private NotoFonts() { }

    /// <summary>Installs the resolver for the process (once) and says whether both faces are found; when not, the
    /// Vietnamese message to answer with.</summary>
    public static string? Prepare(string? configuredDirectory)
    {
        lock (Gate)
        {
            _configured = configuredDirectory;
            if (!_registered)
            {
                GlobalFontSettings.FontResolver = Instance;
                _registered = true;
            }
        }
        return Find(RegularFace) is not null && Find(BoldFace) is not null ? null
            : "Máy chủ chưa có phông chữ Noto Sans (gói fonts-noto-core) nên chưa xuất được báo cáo PDF có tiếng Việt. " +
              "Hãy tải bản Excel, và báo quản trị hệ thống cài phông chữ (xem docs/operations.md).";
    }

    private static string? Find(string face)
    {
        var directories = _configured is { Length: > 0 } configured ? KnownDirectories.Prepend(configured) : KnownDirectories;
        return directories.Select(d => Path.Combine(d, face + ".ttf")).FirstOrDefault(File.Exists);
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Every text of the report is Noto Sans; italics are not used.
        new(bold ? BoldFace : RegularFace);

    public byte[]? GetFont(string faceName) => Find(faceName) is { } path ? File.ReadAllBytes(path) : null;
}
