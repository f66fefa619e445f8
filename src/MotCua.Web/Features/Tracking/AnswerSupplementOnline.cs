using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Tracking;

/// <summary>The citizen answers a supplement request on the portal: the papers asked for, filed under the dossier's
/// components or, when a paper is none of them (the landlord's consent, an authorisation letter), against the request
/// itself, and a note. Files and answer are saved together — the clock resumes only with the papers in the
/// dossier, and papers never sit in a dossier whose request is still open.</summary>
public static class AnswerSupplementOnline
{
    /// <summary>Enough for every page of a few papers; more is a sign of a wrong selection, not of a real answer.</summary>
    public const int MaxFiles = 20;

    /// <summary>What the form sends instead of a component id for "Giấy tờ khác theo yêu cầu bổ sung".</summary>
    public const string OtherPapers = "supplement";

    /// <summary>Files for one component of the dossier, or (<paramref name="OtherPaper"/>) papers asked for that are
    /// none of its components.</summary>
    public sealed record Upload(Guid? ComponentId, IReadOnlyList<IFormFile> Files, bool OtherPaper = false)
    {
        /// <summary>A row as the form posts it: a component id, <see cref="OtherPapers"/>, or nothing chosen.</summary>
        public static Upload From(string? target, IReadOnlyList<IFormFile> files) =>
            target?.Trim() == OtherPapers ? new Upload(null, files, OtherPaper: true)
            : new Upload(Guid.TryParse(target, out var id) ? id : null, files);

        public bool HasTarget => ComponentId is not null || OtherPaper;
    }

    public sealed record Request(string? Note, IReadOnlyList<Upload> Uploads, int? Revision);

    public sealed class Handler(CitizenDossiers citizens, FileIntake intake, AppDbContext db, TimeProvider clock)
    {
        public async Task<Dossier> HandleAsync(string code, Request request, CancellationToken ct)
        {
            var uploads = request.Uploads.Where(u => u.Files.Count > 0 || u.HasTarget).ToList();
            if (uploads.Any(u => u.Files.Count > 0 && !u.HasTarget))
                throw new DomainException("Hãy chọn thành phần hồ sơ cho các tệp tải lên.");
            if (uploads.Any(u => u.Files.Count == 0))
                throw new DomainException("Đã chọn thành phần hồ sơ nhưng chưa chọn tệp để tải lên.");
            if (uploads.Count == 0 && Text.NormalizeOrNull(request.Note) is null)
                throw new DomainException("Hãy tải lên giấy tờ cần bổ sung hoặc ghi nội dung bổ sung.");
            if (uploads.Sum(u => u.Files.Count) > MaxFiles)
                throw new DomainException($"Mỗi lần bổ sung tải lên tối đa {MaxFiles} tệp.");

            // The bytes are written first; the rows pointing to them are saved with the answer, or the bytes removed.
            await using var batch = intake.Begin(db);
            var stored = new List<(Guid? ComponentId, StoredFile File)>();
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var upload in uploads)
                foreach (var file in upload.Files)
                    stored.Add((upload.OtherPaper ? null : upload.ComponentId, await batch.AcceptAsync(file, now, ct)));
            var dossier = await citizens.ActAsync(code, request.Revision, async c =>
            {
                var actor = c.Actor;
                foreach (var (componentId, file) in stored)
                {
                    if (componentId is { } id)
                        c.Dossier.AttachComponentFile(id, file.Id, file.FileName, scannedFromPaper: false, actor, c.Now);
                    else
                        c.Dossier.AttachSupplementFile(file.Id, file.FileName, actor, c.Now);
                }
                c.Dossier.AnswerSupplement(request.Note, await c.Calendar(), actor, c.Now);
            }, ct);
            batch.Committed();
            return dossier;
        }
    }
}
