using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Lưu nháp: keeps everything entered so far, complete or not (the checks are at submission), and the files
/// chosen for the components. Every file is checked by content and size first; if one is refused, nothing is saved —
/// neither the text nor the other files — and every refused file is named with its reason.</summary>
public static class SaveDraft
{
    public sealed record Upload(string ComponentCode, IFormFile File);

    /// <param name="Form">The e-form as typed, by field key; fields the version does not have are ignored.</param>
    public sealed record Request(
        string? ApplicantName, string? ApplicantIdNumber, string? ApplicantPhone, string? ApplicantEmail, string? ApplicantAddress,
        IReadOnlyDictionary<string, string> Form, IReadOnlyList<Upload> Uploads, string? ExemptionGroup = null, string? ExemptionReason = null);

    public enum Outcome { Saved, NotFound, AlreadySubmitted }

    public sealed record Result(Outcome Outcome, int FilesAdded = 0, Guid? SubmittedDossierId = null);

    /// <summary>Why a component made from the e-form takes no file (upload or data store).</summary>
    public static string EFormMadeMessage(ComponentRequirement requirement) =>
        $"\"{requirement.Name}\" được lập từ tờ khai điện tử ở mục 2 — không cần tải lên.";

    /// <summary>Longer text than the draft's columns hold is a mistake to point out, not to cut silently.</summary>
    private const int MaxFormValueLength = 4000;

    public sealed class Handler(AppDbContext db, CurrentUser user, FileIntake intake, TimeProvider clock, IOptions<OnlineSubmissionOptions> options)
    {
        public async Task<Result> HandleAsync(Guid draftId, Request request, CancellationToken ct)
        {
            var draft = await db.DossierDrafts.Include(d => d.Files).OwnedBy(user.Id).SingleOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null) return new Result(Outcome.NotFound);
            if (draft.SubmittedDossierId is { } submitted) return new Result(Outcome.AlreadySubmitted, SubmittedDossierId: submitted);
            var content = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == draft.ProcedureVersionId).Select(v => v.Content).SingleAsync(ct);
            CheckText(draft, request, content);
            CheckUploads(draft, request.Uploads, content);

            var now = clock.GetUtcNow().UtcDateTime;
            await using var batch = intake.Begin(db);
            var stored = await AcceptAllAsync(batch, request.Uploads, now, ct);
            // Only now that every file is accepted does the draft change: a refusal leaves it exactly as it was.
            Apply(draft, request, content);
            foreach (var (upload, file) in stored)
                draft.AddFile(new DossierDraftFile(upload.ComponentCode, file.Id, file.FileName, null, now));
            draft.UpdatedAtUtc = now;
            await db.SaveChangesAsync(ct);
            batch.Committed();
            return new Result(Outcome.Saved, stored.Count);
        }

        private static void CheckText(DossierDraft draft, Request request, ProcedureContent content)
        {
            var problems = new List<string>();
            if (draft.Assisted)
            {
                if (request.ApplicantName?.Trim().Length > 200) problems.Add("họ tên người nộp tối đa 200 ký tự");
                if (request.ApplicantIdNumber?.Trim().Length > 20) problems.Add("số định danh cá nhân tối đa 20 ký tự");
            }
            if (request.ApplicantPhone?.Trim().Length > 15) problems.Add("số điện thoại tối đa 15 ký tự");
            if (request.ApplicantEmail?.Trim().Length > 200) problems.Add("thư điện tử tối đa 200 ký tự");
            if (request.ApplicantAddress?.Trim().Length > 500) problems.Add("địa chỉ tối đa 500 ký tự");
            if (Text.NormalizeOrNull(request.ExemptionGroup) is { } group && !content.Fees.Any(f => f.ExemptGroups?.Contains(group) == true))
                problems.Add($"thủ tục không miễn phí, lệ phí cho đối tượng \"{ExemptionGroups.All.GetValueOrDefault(group, group)}\"");
            if (request.ExemptionReason?.Trim().Length > 500) problems.Add("căn cứ miễn phí, lệ phí tối đa 500 ký tự");
            problems.AddRange(content.FormFields
                .Where(f => request.Form.GetValueOrDefault(f.Key)?.Length > MaxFormValueLength)
                .Select(f => $"\"{f.Label}\" quá dài"));
            if (problems.Count > 0)
                throw new DomainException($"Chưa lưu được bản nháp: {string.Join("; ", problems)}.");
        }

        private void CheckUploads(DossierDraft draft, IReadOnlyList<Upload> uploads, ProcedureContent content)
        {
            var max = options.Value.MaxFilesPerComponent;
            foreach (var group in uploads.GroupBy(u => u.ComponentCode))
            {
                var requirement = content.Components.SingleOrDefault(c => c.Code == group.Key)
                                  ?? throw new DomainException($"Thành phần hồ sơ không thuộc thủ tục: {group.Key}.");
                if (requirement.Form == ComponentForm.OriginalToShow)
                    throw new DomainException($"\"{requirement.Name}\" chỉ xuất trình bản chính để đối chiếu, không cần tải lên.");
                if (requirement.FilledByEForm)
                    throw new DomainException(EFormMadeMessage(requirement));
                if (draft.Files.Count(f => f.ComponentCode == group.Key) + group.Count() > max)
                    throw new DomainException($"Mỗi thành phần hồ sơ có tối đa {max} tệp; \"{requirement.Name}\" sẽ vượt quá số đó. Hãy gộp các trang vào một tệp PDF.");
            }
        }

        /// <summary>Every file is tried, so that all refused files are named at once; if any is refused, the batch
        /// deletes the bytes of the accepted ones.</summary>
        private static async Task<List<(Upload Upload, StoredFile File)>> AcceptAllAsync(FileBatch batch, IReadOnlyList<Upload> uploads, DateTime now, CancellationToken ct)
        {
            var stored = new List<(Upload, StoredFile)>();
            var refused = new List<string>();
            foreach (var upload in uploads)
            {
                try
                {
                    stored.Add((upload, await batch.AcceptAsync(upload.File, now, ct)));
                }
                catch (DomainException e)
                {
                    refused.Add(e.Message);
                }
            }
            if (refused.Count == 0) return stored;
            throw new DomainException($"{string.Join(" ", refused)} Bản nháp chưa thay đổi; hãy chọn lại tệp hợp lệ rồi bấm \"Tải lên\" hoặc \"Lưu nháp\".");
        }

        private static void Apply(DossierDraft draft, Request request, ProcedureContent content)
        {
            // The applicant of a draft for oneself is the account's owner: name and number come from the account.
            if (draft.Assisted)
            {
                draft.ApplicantName = Text.NormalizeOrNull(request.ApplicantName) ?? "";
                draft.ApplicantIdNumber = request.ApplicantIdNumber?.Trim() ?? "";
            }
            draft.ExemptionGroup = Text.NormalizeOrNull(request.ExemptionGroup);
            draft.ExemptionReason = draft.ExemptionGroup is null ? null : Text.NormalizeOrNull(request.ExemptionReason);
            draft.ApplicantPhone = Text.NormalizeOrNull(request.ApplicantPhone);
            draft.ApplicantEmail = Text.NormalizeOrNull(request.ApplicantEmail);
            draft.ApplicantAddress = Text.NormalizeOrNull(request.ApplicantAddress);
            var entered = content.FormFields
                .Where(f => request.Form.ContainsKey(f.Key))
                .ToDictionary(f => f.Key, f => request.Form[f.Key], StringComparer.Ordinal);
            draft.FormData = EFormValidation.WriteEntered(entered);
        }
    }
}
