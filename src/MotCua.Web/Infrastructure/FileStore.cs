using System.Security.Cryptography;

namespace MotCua.Web.Infrastructure;

/// <summary>Keeps file bytes in a local folder (the default; a province swaps in S3-compatible storage).
/// Bytes are written and flushed before the <see cref="StoredFile"/> row that points to them is saved; if the
/// transaction then fails, <see cref="DeleteAsync"/> cleans up.</summary>
public sealed class FileStore
{
    private readonly string _root;

    public FileStore(IConfiguration configuration, IHostEnvironment environment)
    {
        var dataDirectory = Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data", environment.ContentRootPath);
        _root = Path.Combine(dataDirectory, "files");
        Directory.CreateDirectory(_root);
    }

    public async Task<StoredFile> SaveAsync(Stream content, string fileName, string contentType, DateTime nowUtc, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var key = $"{nowUtc:yyyy}/{nowUtc:MM}/{id:N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
                length += read;
            }
            await output.FlushAsync(ct);
            output.Flush(flushToDisk: true);
        }
        var safeName = Path.GetFileName(fileName.Replace('\\', '/'));
        return new StoredFile(id, string.IsNullOrWhiteSpace(safeName) ? "tep" : Text.Normalize(safeName), contentType, length,
            Convert.ToHexStringLower(sha.GetHashAndReset()), key, nowUtc);
    }

    public Stream OpenRead(StoredFile file) => new FileStream(PathOf(file.StorageKey), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public Task DeleteAsync(StoredFile file)
    {
        File.Delete(PathOf(file.StorageKey));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root, StringComparison.Ordinal) ? path : throw new InvalidOperationException("Storage key escapes the file store.");
    }
}
