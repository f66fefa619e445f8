using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Actions that bring a file: the bytes are accepted (type checked by content) and written first, the
/// rows that point to them are saved with the dossier's change; if that save fails, the bytes are removed.</summary>
public sealed class FileActions(DossierActions actions, FileIntake intake, AppDbContext db, TimeProvider clock)
{
    public async Task<Dossier> ActWithFilesAsync(Guid id, int? seenRevision, OfficialRole role, IReadOnlyList<IFormFile> files,
        Action<DossierActions.Context, IReadOnlyList<StoredFile>> act, CancellationToken ct)
    {
        if (files.Count == 0) throw new DomainException("Chưa chọn tệp nào để tải lên.");
        if (files.Count > InputLimits.Files)
            throw new DomainException($"Mỗi lần tải lên tối đa {InputLimits.Files} tệp (đang chọn {files.Count}); hãy chia thành nhiều lần.");
        await using var batch = intake.Begin(db);
        foreach (var file in files)
            await batch.AcceptAsync(file, clock.GetUtcNow().UtcDateTime, ct);
        var dossier = await actions.ActAsync(id, seenRevision, role, c =>
        {
            act(c, batch.Files);
            return Task.CompletedTask;
        }, ct);
        batch.Committed();
        return dossier;
    }
}
