using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Actions that bring a file: the bytes are accepted (type checked by content) and written first, the
/// rows that point to them are saved with the dossier's change; if that save fails, the bytes are removed.</summary>
public sealed class FileActions(DossierActions actions, FileIntake intake, FileStore store, AppDbContext db, TimeProvider clock)
{
    public async Task<Dossier> ActWithFilesAsync(Guid id, int? seenRevision, OfficialRole role, IReadOnlyList<IFormFile> files,
        Action<DossierActions.Context, IReadOnlyList<StoredFile>> act, CancellationToken ct)
    {
        if (files.Count == 0) throw new DomainException("Chưa chọn tệp nào để tải lên.");
        if (files.Count > InputLimits.Files)
            throw new DomainException($"Mỗi lần tải lên tối đa {InputLimits.Files} tệp (đang chọn {files.Count}); hãy chia thành nhiều lần.");
        var stored = new List<StoredFile>();
        try
        {
            foreach (var file in files)
                stored.Add(await intake.AcceptAsync(file, clock.GetUtcNow().UtcDateTime, ct));
            db.StoredFiles.AddRange(stored);
            return await actions.ActAsync(id, seenRevision, role, c =>
            {
                act(c, stored);
                return Task.CompletedTask;
            }, ct);
        }
        catch
        {
            foreach (var file in stored) await store.DeleteAsync(file);
            throw;
        }
    }
}
