using System.IO.Compression;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace MotCua.Web.Infrastructure;

public sealed class UploadOptions
{
    public const string SectionName = "Uploads";
    /// <summary>Largest accepted file, in bytes (default 10 MB).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>Accepts an uploaded file: checks its size and its real type by content (a renamed .exe is not a
/// PDF), then writes the bytes to the file store. Nothing is written for a refused file. The first bytes only say
/// what a file claims to be; the whole file must then be that and nothing else (docs/adr/0021): a PDF must open
/// as a PDF with pages and carry no script, launch action or attached file; a Word file must be a Word package
/// without macros or embedded programs; an image must end where its format ends; and no file may also be a ZIP
/// archive or a PDF, or carry a Windows or Linux program.</summary>
public sealed class FileIntake(FileStore store, Microsoft.Extensions.Options.IOptions<UploadOptions> options, ILogger<FileBatch> logger)
{
    /// <summary>Starts storing files with a change saved through <paramref name="db"/>: see <see cref="FileBatch"/>.</summary>
    public FileBatch Begin(AppDbContext db) => new(this, store, db, logger);

    private const string Pdf = "application/pdf";
    private const string Jpeg = "image/jpeg";
    private const string Png = "image/png";
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly (string Type, string Extension, byte[] Magic)[] Signatures =
    [
        (Pdf, ".pdf", "%PDF-"u8.ToArray()),
        (Jpeg, ".jpg", [0xFF, 0xD8, 0xFF]),
        (Png, ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        // Office Open XML (.docx) is a zip; drafts of results are often Word files.
        (Docx, ".docx", [0x50, 0x4B, 0x03, 0x04]),
    ];

    public async Task<StoredFile> AcceptAsync(IFormFile file, DateTime nowUtc, CancellationToken ct)
    {
        if (file.Length == 0) throw new DomainException($"Tệp \"{file.FileName}\" rỗng.");
        if (file.Length > options.Value.MaxFileBytes)
            throw new DomainException($"Tệp \"{file.FileName}\" dung lượng {file.Length / 1024.0 / 1024.0:0.0} MB, vượt quá giới hạn {options.Value.MaxFileBytes / 1024 / 1024} MB.");
        // At most MaxFileBytes, already buffered by the server: reading it whole is what checking it whole needs.
        var bytes = new byte[file.Length];
        await using (var content = file.OpenReadStream())
            await content.ReadExactlyAsync(bytes, ct);
        var match = Signatures.FirstOrDefault(s => bytes.AsSpan().StartsWith(s.Magic));
        if (match.Type is null)
            throw new DomainException($"Tệp \"{file.FileName}\" không phải PDF, ảnh JPEG/PNG hoặc văn bản Word (.docx); hệ thống kiểm tra theo nội dung tệp, không theo tên.");
        if (Problem(bytes, match.Type) is { } problem)
            throw new DomainException($"Tệp \"{file.FileName}\" bị từ chối: {problem}. Hãy quét hoặc lưu lại tệp rồi tải lên lần nữa.");
        var name = Path.GetFileNameWithoutExtension(file.FileName);
        using var stream = new MemoryStream(bytes, writable: false);
        return await store.SaveAsync(stream, (string.IsNullOrWhiteSpace(name) ? "tep" : name) + match.Extension, match.Type, nowUtc, ct);
    }

    /// <summary>Why a file that starts like <paramref name="type"/> is refused, or null when it is that type and only that.</summary>
    internal static string? Problem(byte[] bytes, string type) =>
        Executable(bytes)
        ?? (type != Docx && ZipInside(bytes) ? "tệp chứa thêm một tệp nén (ZIP) bên trong" : null)
        ?? (type != Pdf && PdfInside(bytes) ? "tệp chứa thêm một tài liệu PDF bên trong" : null)
        ?? type switch
        {
            Pdf => PdfProblem(bytes),
            Docx => DocxProblem(bytes),
            Jpeg => JpegProblem(bytes),
            Png => PngProblem(bytes),
            _ => null,
        };

    private static readonly byte[] ElfMagic = [0x7F, 0x45, 0x4C, 0x46];

    /// <summary>A Windows program (MZ header whose PE offset points to "PE\0\0") or a Linux one (ELF header) anywhere
    /// in the bytes as stored.</summary>
    private static string? Executable(ReadOnlySpan<byte> bytes)
    {
        for (var i = bytes.IndexOf("MZ"u8); i >= 0 && i + 0x40 <= bytes.Length; )
        {
            var lfanew = BitConverter.ToInt32(bytes.Slice(i + 0x3C, 4));
            if (lfanew is > 0 and < 4096 && i + lfanew + 4 <= bytes.Length && bytes.Slice(i + lfanew, 4).SequenceEqual("PE\0\0"u8))
                return "tệp chứa chương trình chạy được (Windows)";
            var next = bytes[(i + 1)..].IndexOf("MZ"u8);
            i = next < 0 ? -1 : i + 1 + next;
        }
        // ELF magic, then a valid class (32/64-bit), byte order and version 1: seven bytes that images do not carry by chance.
        for (var i = bytes.IndexOf(ElfMagic); i >= 0 && i + 7 <= bytes.Length; )
        {
            if (bytes[i + 4] is 1 or 2 && bytes[i + 5] is 1 or 2 && bytes[i + 6] == 1) return "tệp chứa chương trình chạy được (Linux)";
            var next = bytes[(i + 1)..].IndexOf(ElfMagic);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return null;
    }

    /// <summary>A ZIP reader looks for its end record in the last 64 KB; a file with one there opens as an archive.
    /// (Only the tail is searched: four bytes can occur by chance in a large compressed image.)</summary>
    private static bool ZipInside(ReadOnlySpan<byte> bytes) =>
        bytes[Math.Max(0, bytes.Length - 65_557)..].IndexOf(ZipEndRecord) >= 0;

    private static readonly byte[] ZipEndRecord = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] JpegEndOfImage = [0xFF, 0xD9];
    private static readonly string[] PictureExtensions = [".png", ".jpg", ".jpeg", ".emf", ".wmf", ".gif"];

    /// <summary>PDF readers accept the header anywhere in the first kilobyte.</summary>
    private static bool PdfInside(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(1024, bytes.Length)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>Long enough not to occur by chance in compressed image data (unlike /JS or /AA, which the catalog
    /// check covers where they matter).</summary>
    private static readonly string[] PdfActiveContent = ["JavaScript", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia"];

    private static string? PdfProblem(byte[] bytes)
    {
        // Names as written in uncompressed objects; the catalog check below also sees those inside object streams.
        foreach (var name in PdfActiveContent)
            if (ContainsPdfName(bytes, name))
                return "PDF chứa mã lệnh, lệnh chạy chương trình hoặc tệp đính kèm";
        try
        {
            using var document = PdfDocument.Open(bytes);
            if (document.NumberOfPages < 1) return "tệp PDF không có trang nào";
            _ = document.GetPage(1);
            if (document.Advanced.TryGetEmbeddedFiles(out var attached) && attached.Count > 0)
                return "PDF chứa tệp đính kèm";
            var catalog = document.Structure.Catalog.CatalogDictionary;
            if (catalog.Data.ContainsKey("AA")) return "PDF chứa lệnh tự chạy khi mở";
            if (Resolve(document, catalog.Data.GetValueOrDefault("Names")) is DictionaryToken names
                && (names.Data.ContainsKey("JavaScript") || names.Data.ContainsKey("EmbeddedFiles")))
                return "PDF chứa mã lệnh hoặc tệp đính kèm";
            if (Resolve(document, catalog.Data.GetValueOrDefault("OpenAction")) is DictionaryToken open
                && Resolve(document, open.Data.GetValueOrDefault("S")) is NameToken { Data: not ("GoTo" or "GoToR") })
                return "PDF chứa lệnh tự chạy khi mở";
            return null;
        }
#pragma warning disable CA1031 // Any failure of the reader on these bytes means the same thing: not a readable PDF.
        catch (Exception)
        {
            return "tệp không đọc được như một tài liệu PDF (hỏng, có mật khẩu hoặc chỉ giả dạng PDF)";
        }
#pragma warning restore CA1031
    }

    private static IToken? Resolve(PdfDocument document, IToken? token) =>
        token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token;

    /// <summary>"/Name" followed by a delimiter, so that /Launch does not match a longer name that starts the same.</summary>
    private static bool ContainsPdfName(ReadOnlySpan<byte> bytes, string name)
    {
        var token = System.Text.Encoding.ASCII.GetBytes("/" + name);
        for (var i = bytes.IndexOf(token); i >= 0; )
        {
            var end = i + token.Length;
            if (end >= bytes.Length || !IsRegularPdfChar(bytes[end])) return true;
            var next = bytes[end..].IndexOf(token);
            i = next < 0 ? -1 : end + next;
        }
        return false;
    }

    private static bool IsRegularPdfChar(byte b) =>
        b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or 0 or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>'
            or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');

    private const int MaxDocxEntries = 2000;
    private const long MaxDocxUnpackedBytes = 200L * 1024 * 1024;
    private static readonly string[] ProgramExtensions = [".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".js", ".jar", ".sh", ".lnk", ".hta"];

    private static string? DocxProblem(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxDocxEntries) return "tệp Word có quá nhiều thành phần";
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null || !names.Contains("word/document.xml") || !names.Contains("_rels/.rels"))
                return "tệp nén không phải văn bản Word (.docx) hợp lệ";
            using (var reader = new StreamReader(types.Open()))
            {
                var declared = reader.ReadToEnd();
                if (!declared.Contains("wordprocessingml.document.main+xml", StringComparison.Ordinal))
                    return "tệp nén không phải văn bản Word (.docx) hợp lệ";
                if (declared.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
                    return "văn bản Word chứa macro";
            }
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                unpacked += entry.Length;
                if (unpacked > MaxDocxUnpackedBytes) return "tệp Word giải nén quá lớn";
                var name = entry.FullName;
                if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)) return "văn bản Word chứa macro";
                if (name.Contains("/embeddings/", StringComparison.OrdinalIgnoreCase) && !IsPicture(name))
                    return "văn bản Word chứa đối tượng hoặc chương trình nhúng";
                if (ProgramExtensions.Any(x => name.EndsWith(x, StringComparison.OrdinalIgnoreCase)))
                    return "văn bản Word chứa chương trình";
                using var part = entry.Open();
                var head = new byte[4096];
                var read = part.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                if (Executable(head.AsSpan(0, read)) is { } program) return program;
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return "tệp nén hỏng, không phải văn bản Word (.docx) hợp lệ";
        }
    }

    private static bool IsPicture(string name) =>
        PictureExtensions.Any(x => name.EndsWith(x, StringComparison.OrdinalIgnoreCase));

    /// <summary>A JPEG ends with its end-of-image marker; bytes after it are another file riding along.</summary>
    private static string? JpegProblem(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.TrimEnd((byte)0);
        return end.Length >= 4 && end.EndsWith(JpegEndOfImage) ? null : "ảnh JPEG không hợp lệ hoặc có dữ liệu lạ sau phần ảnh";
    }

    /// <summary>Walks the PNG chunks to IEND, which must be the last bytes.</summary>
    private static string? PngProblem(ReadOnlySpan<byte> bytes)
    {
        var at = 8;
        while (at + 12 <= bytes.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(at, 4));
            if (length > int.MaxValue || at + 12L + length > bytes.Length) break;
            var type = bytes.Slice(at + 4, 4);
            at += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8)) return at == bytes.Length ? null : "ảnh PNG có dữ liệu lạ sau phần ảnh";
        }
        return "ảnh PNG không hợp lệ";
    }
}
