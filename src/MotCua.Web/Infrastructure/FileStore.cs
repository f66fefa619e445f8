using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Web.Infrastructure;

/// <summary>Keeps file bytes in a local folder (the default; a province swaps in S3-compatible storage).
/// Bytes are written and flushed before the <see cref="StoredFile"/> row that points to them is saved. Each write
/// first leaves a pending mark (<c>files/pending/&lt;id&gt;</c>, holding the storage key), cleared once the row is
/// committed (<see cref="Settle"/>) or the bytes removed (<see cref="DeleteAsync"/>). A process killed in between
/// leaves the mark, and <see cref="SweepAsync"/> (at start-up and on a schedule) deletes the bytes no row points to
/// (docs/adr/0021). Use <see cref="FileBatch"/> rather than calling this directly.</summary>
public sealed class FileStore
{
    private const string PendingFolder = "pending";
    private readonly string _root;
    private readonly string _pending;
    /// <summary>This process's writes whose transaction is still running: never swept, whatever their age.</summary>
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();

    public FileStore(IConfiguration configuration, IHostEnvironment environment)
    {
        var dataDirectory = Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data", environment.ContentRootPath);
        _root = Path.Combine(dataDirectory, "files");
        _pending = Path.Combine(_root, PendingFolder);
        Directory.CreateDirectory(_pending);
    }

    public async Task<StoredFile> SaveAsync(Stream content, string fileName, string contentType, DateTime nowUtc, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var key = $"{nowUtc:yyyy}/{nowUtc:MM}/{id:N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _inFlight[id] = 0;
        try
        {
            // The mark reaches the disk before the first byte: bytes never exist without a way to find them again.
            await using (var mark = new FileStream(MarkOf(id), FileMode.CreateNew, FileAccess.Write, FileShare.None, 512, useAsync: true))
            {
                await mark.WriteAsync(System.Text.Encoding.UTF8.GetBytes(key), ct);
                mark.Flush(flushToDisk: true);
            }
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
        catch
        {
            File.Delete(path);
            File.Delete(MarkOf(id));
            _inFlight.TryRemove(id, out _);
            throw;
        }
    }

    public Stream OpenRead(StoredFile file) => new FileStream(PathOf(file.StorageKey), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    /// <summary>Deletes the bytes (and the pending mark, if the file was never committed).</summary>
    public Task DeleteAsync(StoredFile file)
    {
        try
        {
            File.Delete(PathOf(file.StorageKey));
            File.Delete(MarkOf(file.Id));
        }
        finally
        {
            // If deleting failed, the mark is left for the sweep, which must no longer see the file as being written.
            _inFlight.TryRemove(file.Id, out _);
        }
        return Task.CompletedTask;
    }

    /// <summary>After the commit of the rows: the files are no longer pending. A mark that cannot be removed now is
    /// harmless — the sweep finds the row and removes it.</summary>
    public void Settle(IEnumerable<StoredFile> files)
    {
        foreach (var file in files)
        {
            _inFlight.TryRemove(file.Id, out _);
            try
            {
                File.Delete(MarkOf(file.Id));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing to undo: the row is committed; the sweep removes the mark.
            }
        }
    }

    public sealed record SweepResult(int Deleted, int Kept);

    /// <summary>Resolves the pending marks older than <paramref name="grace"/> that this process is not writing: the
    /// bytes go when no <see cref="StoredFile"/> row points to them, the mark goes either way. The grace covers
    /// other processes writing to the same folder (several nodes), whose writes in progress this one cannot see.</summary>
    public async Task<SweepResult> SweepAsync(AppDbContext db, TimeSpan grace, CancellationToken ct)
    {
        var before = DateTime.UtcNow - grace;
        var marks = new Dictionary<Guid, string>();
        foreach (var path in Directory.EnumerateFiles(_pending))
        {
            if (!Guid.TryParseExact(Path.GetFileName(path), "N", out var id) || _inFlight.ContainsKey(id)) continue;
            if (File.GetLastWriteTimeUtc(path) > before) continue;
            marks[id] = path;
        }
        int deleted = 0, kept = 0;
        foreach (var batch in marks.Keys.Chunk(500))
        {
            var committed = (await db.StoredFiles.AsNoTracking().Where(f => batch.Contains(f.Id)).Select(f => f.Id).ToListAsync(ct)).ToHashSet();
            foreach (var id in batch)
            {
                if (committed.Contains(id))
                {
                    kept++;
                }
                else
                {
                    // A mark cut short by the crash may be empty: nothing was written after it, nothing to delete.
                    var key = (await File.ReadAllTextAsync(marks[id], ct)).Trim();
                    if (key.Length > 0) File.Delete(PathOf(key));
                    deleted++;
                }
                File.Delete(marks[id]);
            }
        }
        return new SweepResult(deleted, kept);
    }

    private string MarkOf(Guid id) => Path.Combine(_pending, id.ToString("N"));

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !path.StartsWith(_pending, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException("Storage key escapes the file store.");
    }
}
