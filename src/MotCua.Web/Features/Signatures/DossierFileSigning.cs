using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>Signing a dossier's files inside a dossier action (docs/adr/0033a): the leader's signature on the draft result
/// when approving, the unit's seal on the result when the clerk issues it, a desk official's signature on a digitized
/// component. The signed bytes are stored through the action's file batch (written first, removed if the action's save
/// fails), the dossier's file points to them, and the dossier records who signed what (a history entry).</summary>
public sealed class DossierFileSigning(DossierActions actions, FileIntake intake, FileStore store, AppDbContext db, IDocumentSigner signer, TimeProvider clock)
{
    /// <summary>How a file is signed within the action.</summary>
    /// <param name="What">What was done, for the history ("Lãnh đạo ký số dự thảo kết quả") and the signature's reason.</param>
    /// <param name="Seal">The unit's organisation certificate signs (the issuance stamp), not the person's.</param>
    /// <param name="SkipNonPdf">A file that is not a PDF is left unsigned instead of refused (a Word draft, a scanned image).</param>
    internal AppDbContext Db => db;

    public sealed record How(string What, bool Seal = false, string? Password = null, bool SkipNonPdf = false);

    public sealed class Session(DossierFileSigning owner, FileBatch batch, DossierActions.Context context, CancellationToken ct)
    {
        public IReadOnlyList<StoredFile> Uploaded => batch.Files;

        /// <summary>Signs a file of the dossier; null when skipped (not a PDF, with <see cref="How.SkipNonPdf"/>).</summary>
        public async Task<SignedDossierFile?> SignAsync(DossierFile file, How how)
        {
            ArgumentNullException.ThrowIfNull(file);
            var stored = (file.StoredFileId is { } storedId ? batch.Files.FirstOrDefault(f => f.Id == storedId) ?? await owner.Db.StoredFiles.FindAsync([storedId], ct) : null)
                ?? throw new DomainException($"Tệp \"{file.FileName}\" nằm ở hệ thống khác; hãy tải tệp về hệ thống trước khi ký số.");
            return await SignAsync(stored, how);
        }

        /// <summary>Signs a stored file (an upload of this action); null when skipped.</summary>
        public Task<SignedDossierFile?> SignAsync(StoredFile stored, How how) => owner.SignOneAsync(batch, context, stored, how, ct);
    }

    /// <summary>An action of the dossier's own officials (DossierActions.ActAsync) that may sign files;
    /// <paramref name="uploads"/> are accepted (checked, written) before it.</summary>
    public async Task<Dossier> ActAsync(Guid id, int? revision, OfficialRole role, IReadOnlyList<IFormFile> uploads,
        Func<DossierActions.Context, Session, Task> act, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(act);
        await using var batch = intake.Begin(db);
        foreach (var upload in uploads) await batch.AcceptAsync(upload, clock.GetUtcNow().UtcDateTime, ct);
        var dossier = await actions.ActAsync(id, revision, role, c => act(c, new Session(this, batch, c, ct)), ct);
        batch.Committed();
        return dossier;
    }

    private async Task<SignedDossierFile?> SignOneAsync(FileBatch batch, DossierActions.Context c, StoredFile stored, How how, CancellationToken ct)
    {
        if (stored.ContentType != FileSignatureInterceptor.Pdf)
        {
            if (how.SkipNonPdf) return null;
            throw new DomainException($"Chỉ ký số được tệp PDF; \"{stored.FileName}\" không phải PDF.");
        }
        byte[] bytes;
        await using (var content = store.OpenRead(stored))
        {
            bytes = new byte[stored.Length];
            await content.ReadExactlyAsync(bytes, ct);
        }
        var actor = c.Actor;
        var official = actor.Id ?? throw new DomainException("Chỉ cán bộ đăng nhập mới ký số được.");
        var title = await db.Officials.AsNoTracking().Where(o => o.Id == official).Select(o => o.Title).FirstOrDefaultAsync(ct);
        var signed = await signer.SignAsync(bytes, new SigningRequest(official, actor.Name, title, actor.UnitName, how.What, how.Password,
            how.Seal ? actor.UnitId ?? throw new DomainException("Tài khoản chưa thuộc cơ quan nào để đóng dấu số.") : null), ct);
        using var output = new MemoryStream(signed.Pdf, writable: false);
        var saved = await batch.SaveAsync(output, SignedName(stored.FileName), FileSignatureInterceptor.Pdf, c.Now, ct);
        return new SignedDossierFile(saved.Id, saved.FileName,
            $"{how.What} \"{stored.FileName}\" ({signed.KeySource}: chứng thư của {signed.SignerName} do {signed.Issuer} cấp)");
    }

    /// <summary>"ket-qua.pdf" → "ket-qua-da-ky.pdf": the signed file is told apart from the original it was made from.</summary>
    internal static string SignedName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        return (stem.EndsWith("-da-ky", StringComparison.Ordinal) ? stem : stem + "-da-ky") + ".pdf";
    }
}
