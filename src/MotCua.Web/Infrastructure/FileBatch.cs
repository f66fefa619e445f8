namespace MotCua.Web.Infrastructure;

/// <summary>The one way to store files with a change: bytes first, then the rows that point to them in the change's
/// transaction, and the bytes undone if that transaction does not commit.
/// <code>
/// await using var batch = intake.Begin(db);
/// var file = await batch.AcceptAsync(upload, now, ct);   // checked, written, its row added to db
/// ... attach file.Id to the dossier; SaveChanges; commit ...
/// batch.Committed();                                      // only after the commit
/// </code>
/// Disposed without <see cref="Committed"/> (an exception, a refusal, a lost race), it deletes the bytes and detaches
/// the rows. A process killed before either leaves pending marks that <see cref="FileStore.SweepAsync"/> resolves.</summary>
public sealed class FileBatch : IAsyncDisposable
{
    private readonly FileIntake _intake;
    private readonly FileStore _store;
    private readonly AppDbContext _db;
    private readonly ILogger _logger;
    private readonly List<StoredFile> _files = [];
    private bool _committed;

    internal FileBatch(FileIntake intake, FileStore store, AppDbContext db, ILogger logger)
    {
        (_intake, _store, _db, _logger) = (intake, store, db, logger);
    }

    public IReadOnlyList<StoredFile> Files => _files;

    /// <summary>Checks an upload by size and content (<see cref="FileIntake"/>), writes it and adds its row.</summary>
    public async Task<StoredFile> AcceptAsync(IFormFile file, DateTime nowUtc, CancellationToken ct) =>
        Add(await _intake.AcceptAsync(file, nowUtc, ct));

    /// <summary>Writes bytes the system made itself (no upload checks) and adds their row.</summary>
    public async Task<StoredFile> SaveAsync(Stream content, string fileName, string contentType, DateTime nowUtc, CancellationToken ct) =>
        Add(await _store.SaveAsync(content, fileName, contentType, nowUtc, ct));

    /// <summary>The rows are committed: the files stay.</summary>
    public void Committed() => _committed = true;

    public async ValueTask DisposeAsync()
    {
        if (_committed)
        {
            _store.Settle(_files);
            return;
        }
        foreach (var file in _files)
        {
            // A tracked row would be saved by a later SaveChanges of the same scope, pointing to deleted bytes.
            _db.Entry(file).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            try
            {
                await _store.DeleteAsync(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The original failure matters more; the pending mark stays, so the sweep deletes these bytes later.
                _logger.LogWarning(e, "Could not delete the bytes of uncommitted file {StoredFileId} ({StorageKey}).", file.Id, file.StorageKey);
            }
        }
    }

    private StoredFile Add(StoredFile file)
    {
        _files.Add(file);
        _db.StoredFiles.Add(file);
        return file;
    }
}
