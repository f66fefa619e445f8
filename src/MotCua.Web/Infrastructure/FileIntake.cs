namespace MotCua.Web.Infrastructure;

public sealed class UploadOptions
{
    public const string SectionName = "Uploads";
    /// <summary>Largest accepted file, in bytes (default 10 MB).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>Accepts an uploaded file: checks its size and its real type by content (a renamed .exe is not a
/// PDF), then writes the bytes to the file store. Nothing is written for a refused file.</summary>
public sealed class FileIntake(FileStore store, Microsoft.Extensions.Options.IOptions<UploadOptions> options, ILogger<FileBatch> logger)
{
    /// <summary>Starts storing files with a change saved through <paramref name="db"/>: see <see cref="FileBatch"/>.</summary>
    public FileBatch Begin(AppDbContext db) => new(this, store, db, logger);

    private static readonly (string Type, string Extension, byte[] Magic)[] Signatures =
    [
        ("application/pdf", ".pdf", "%PDF-"u8.ToArray()),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        // Office Open XML (.docx) is a zip; drafts of results are often Word files.
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", [0x50, 0x4B, 0x03, 0x04]),
    ];

    public async Task<StoredFile> AcceptAsync(IFormFile file, DateTime nowUtc, CancellationToken ct)
    {
        if (file.Length == 0) throw new DomainException($"Tệp \"{file.FileName}\" rỗng.");
        if (file.Length > options.Value.MaxFileBytes)
            throw new DomainException($"Tệp \"{file.FileName}\" dung lượng {file.Length / 1024.0 / 1024.0:0.0} MB, vượt quá giới hạn {options.Value.MaxFileBytes / 1024 / 1024} MB.");
        await using var content = file.OpenReadStream();
        var head = new byte[8];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var match = Signatures.FirstOrDefault(s => read >= s.Magic.Length && head.AsSpan(0, s.Magic.Length).SequenceEqual(s.Magic));
        if (match.Type is null)
            throw new DomainException($"Tệp \"{file.FileName}\" không phải PDF, ảnh JPEG/PNG hoặc văn bản Word (.docx); hệ thống kiểm tra theo nội dung tệp, không theo tên.");
        content.Position = 0;
        var name = Path.GetFileNameWithoutExtension(file.FileName);
        return await store.SaveAsync(content, (string.IsNullOrWhiteSpace(name) ? "tep" : name) + match.Extension, match.Type, nowUtc, ct);
    }
}
