using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Tracking;

/// <summary>A file of the citizen's own dossier: the papers they (or the desk) put in it, under a component or sent
/// on a supplement request, and the result once it has been returned. Drafts and the office's own forms stay in the office.</summary>
public static class GetMyFile
{
    /// <summary>What to send: the stored bytes and the name the file was attached under.</summary>
    /// <param name="ExternalAddress">Where another system keeps a file of an imported dossier (no bytes here).</param>
    public sealed record Download(StoredFile? Stored, string FileName, string? ExternalAddress = null);

    public sealed class Handler(CitizenDossiers citizens, AppDbContext db, AuditLog audit)
    {
        /// <summary>The file, once its download is recorded in the audit log; null when it is not the citizen's to have.</summary>
        public async Task<Download?> HandleAsync(string? code, Guid fileId, CancellationToken ct)
        {
            if (await citizens.FindIdAsync(code, ct) is not { } id) return null;
            var file = await db.Set<DossierFile>().AsNoTracking().Where(f => f.Id == fileId && f.DossierId == id)
                .Select(f => new { f.StoredFileId, f.ExternalAddress, f.FileName, f.Purpose }).SingleOrDefaultAsync(ct);
            if (file is null) return null;
            var allowed = file.Purpose switch
            {
                DossierFilePurpose.Component or DossierFilePurpose.Supplement => true,
                // A result issued but not yet returned may still wait for fees: it is handed over at the return.
                DossierFilePurpose.Result => await db.Dossiers.AnyAsync(d => d.Id == id && d.Status == DossierStatus.Returned, ct),
                _ => false,
            };
            if (!allowed) return null;
            var stored = file.StoredFileId is { } storedId ? await db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == storedId, ct) : null;
            var dossier = await db.Dossiers.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Code, d.Applicant.IdNumber }).SingleAsync(ct);
            await audit.RecordDownloadAsync(AuditKind.DossierFileDownloaded, nameof(DossierFile), fileId.ToString(),
                $"Tải tệp \"{file.FileName}\" của hồ sơ {dossier.Code}.",
                new { DossierId = id, DossierCode = dossier.Code, ApplicantIdNumber = dossier.IdNumber, file.FileName, file.Purpose }, ct);
            return new Download(stored, file.FileName, file.ExternalAddress);
        }
    }
}
