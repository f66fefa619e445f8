using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Nộp hồ sơ: checks the whole draft and lists everything still wrong at once (applicant, each e-form field,
/// each required component without a file, except the one the e-form is); when nothing is, the draft becomes a dossier
/// in status 1 with its files attached, in one transaction. The draft's id is the submission key, so a double click, a
/// retry after a lost answer, or two requests at the same instant all end on the same dossier (docs/adr/0012).</summary>
public static class SubmitDraft
{
    /// <param name="DossierCode">The dossier's code once submitted (now or earlier).</param>
    /// <param name="Problems">Everything to fix, in Vietnamese, in the order of the page.</param>
    /// <param name="FieldErrors">The e-form's problems by field key, to show beside each field.</param>
    public sealed record Result(bool Found, string? DossierCode, IReadOnlyList<string> Problems, IReadOnlyDictionary<string, string> FieldErrors)
    {
        public static readonly Result NotFound = new(false, null, [], new Dictionary<string, string>());

        public static Result Submitted(string code) => new(true, code, [], new Dictionary<string, string>());

        public static Result Invalid(IReadOnlyList<string> problems, IReadOnlyDictionary<string, string>? fields = null) =>
            new(true, null, problems, fields ?? new Dictionary<string, string>());
    }

    public sealed class Handler(AppDbContext db, CurrentUser user, SubmitOnline.Handler submit, IEnumerable<Payments.IPaymentProvider> providers, TimeProvider clock,
        IPopulationVerifications population)
    {
        public async Task<Result> HandleAsync(Guid draftId, CancellationToken ct)
        {
            var draft = await db.DossierDrafts.Include(d => d.Files).OwnedBy(user.Id).SingleOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null) return Result.NotFound;
            if (draft.SubmittedDossierId is { } done)
                return Result.Submitted(await db.Dossiers.Where(d => d.Id == done).Select(d => d.Code!).SingleAsync(ct));

            var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == draft.ProcedureVersionId, ct);
            var currentVersionId = await db.Procedures.Where(p => p.Id == version.ProcedureId).Select(p => p.CurrentVersionId).SingleAsync(ct);
            if (currentVersionId is { } current && current != version.Id)
            {
                // The intake is checked against the version in force; the citizen must see its form before submitting.
                draft.MoveToVersion(current, clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(ct);
                return Result.Invalid(["Thủ tục vừa được cập nhật (công bố phiên bản mới). Biểu mẫu và thành phần hồ sơ đã theo phiên bản mới; " +
                                       "vui lòng kiểm tra lại rồi bấm \"Nộp hồ sơ\"."]);
            }
            var content = version.Content;
            if (content.OnlineLevel == OnlineLevel.None) return Result.Invalid([StartDraft.NotOnlineMessage]);

            var problems = new List<string>();
            if (draft.Assisted && !await user.IsCommunityDigitalTeamNowAsync(ct))
                problems.Add("Tài khoản không còn thuộc Tổ công nghệ số cộng đồng nên không thể nộp hồ sơ thay người khác.");
            if (draft.ReceivingUnitId is null) problems.Add("Chưa chọn nơi nộp hồ sơ.");
            var applicant = new ApplicantInput(ApplicantKind.Person, draft.ApplicantName, draft.ApplicantIdNumber,
                draft.ApplicantPhone, draft.ApplicantEmail, draft.ApplicantAddress, draft.ExemptionGroup is { } group ? [group] : null);
            try
            {
                Applicant.Create(applicant.Kind, applicant.FullName, applicant.IdNumber, applicant.Phone, applicant.Email, applicant.Address);
            }
            catch (DomainException e)
            {
                problems.Add(e.Message);
            }
            var form = EFormValidation.Validate(content.FormFields, EFormValidation.ReadEntered(draft.FormData),
                DateOnly.FromDateTime(Infrastructure.VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime)));
            problems.AddRange(content.FormFields.Where(f => form.Errors.ContainsKey(f.Key)).Select(f => form.Errors[f.Key]));
            // The citizen's own record, confirmed for this draft, supplies what it replaces (docs/adr/0034d).
            PopulationFacts? facts = null;
            if (draft.PopulationVerificationId is { } verification)
            {
                try
                {
                    facts = await population.ConfirmAsync(verification, draft.ApplicantIdNumber, user.AsApplicant(), ct);
                }
                catch (DomainException)
                {
                    problems.Add(GetDraft.PopulationDataExpired);
                }
            }
            // A component made from the e-form needs no file: the e-form checked above is it; nor one the population data gives.
            var missing = content.Components
                .Where(c => !c.Optional && c.Form != ComponentForm.OriginalToShow && !c.FilledByEForm && draft.Files.All(f => f.ComponentCode != c.Code))
                .Where(c => facts is null || !c.ReplacedByPopulationData)
                .Select(c => c.Name)
                .ToList();
            if (missing.Count > 0) problems.Add($"Chưa có tệp cho thành phần hồ sơ bắt buộc: {string.Join("; ", missing)}.");
            problems.AddRange(await ExpiredStoreDocumentsAsync(draft, ct));
            if (draft.ExemptionGroup is not null && draft.ExemptionReason is null)
                problems.Add("Chưa nhập căn cứ miễn phí, lệ phí (giấy tờ chứng minh người nộp thuộc đối tượng được miễn).");
            if (problems.Count == 0 && (await PayDraft.StateAsync(db, draft, content, ct)).Problem is { } unpaid) problems.Add(unpaid);
            if (problems.Count > 0) return Result.Invalid(problems, form.Errors);

            // The component made from the e-form is part of the dossier like any other (it is required), with no file.
            // Nothing on the dossier's component says so — a flag there would be a new column — and nothing needs to: the
            // dossier keeps its procedure version and its e-form data, and the office pages read the requirement's
            // FilledByEForm from that version for an online dossier (docs/adr/0012).
            var request = new SubmitOnline.Request(
                draft.ProcedureCode, draft.ReceivingUnitId!.Value, applicant,
                content.Components.Where(c => c.Form != ComponentForm.OriginalToShow && (c.FilledByEForm || draft.Files.Any(f => f.ComponentCode == c.Code)))
                    .Select(c => new ComponentInput(c.Code)).ToList(),
                Level: content.OnlineLevel,
                Summary: Summary(content, form),
                FormData: form.ToJson(),
                IdentityVerified: !draft.Assisted && await db.Citizens.Where(c => c.Id == user.Id).Select(c => c.VerifiedWithElectronicIdentity).SingleAsync(ct),
                Submission: new Dossier.OnlineSubmission(draft.Id, await ApplicantAccountAsync(draft, ct), draft.Assisted),
                Declared: FeeRequest.FromEForm(content, EFormValidation.ReadEntered(draft.FormData), null).Declared,
                ExemptionReason: draft.ExemptionReason,
                Population: facts);
            var actor = user.AsApplicant(draft.Assisted);
            try
            {
                var dossier = await submit.HandleAsync(request, actor, ct, d =>
                {
                    Attach(d, draft, actor);
                    draft.SubmittedDossierId = d.Id;
                    draft.UpdatedAtUtc = d.SubmittedAtUtc ?? draft.UpdatedAtUtc;
                    return content.PayBeforeSubmission ? PayDraft.AttachPaidAsync(db, draft.Id, d, providers, d.SubmittedAtUtc!.Value, ct) : Task.CompletedTask;
                });
                return Result.Submitted(dossier.Code!);
            }
            catch (DomainException e)
            {
                return Result.Invalid([e.Message]);
            }
        }

        /// <summary>The account the dossier belongs to ("hồ sơ của tôi"): the citizen's own, or, when a team member
        /// submits for someone, that person's account if it is verified with the national e-ID. Anyone can type an ID
        /// number at registration (ADR 0013): an unverified account holding it would receive the person's scans and could
        /// withdraw their dossier; the applicant follows it with the receipt's code and lookup code instead.</summary>
        private async Task<Guid?> ApplicantAccountAsync(DossierDraft draft, CancellationToken ct)
        {
            if (!draft.Assisted) return draft.AccountId;
            var idNumber = draft.ApplicantIdNumber.Trim();
            return await db.Citizens.Where(c => c.PersonalIdNumber == idNumber && c.VerifiedWithElectronicIdentity)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        }

        /// <summary>A document taken from the store may have expired, or left the store, since it was chosen.</summary>
        private async Task<IEnumerable<string>> ExpiredStoreDocumentsAsync(DossierDraft draft, CancellationToken ct)
        {
            var ids = draft.Files.Where(f => f.FromDocumentId is not null).Select(f => f.FromDocumentId!.Value).Distinct().ToList();
            if (ids.Count == 0) return [];
            var now = clock.GetUtcNow().UtcDateTime;
            var valid = await db.CitizenDocuments.Where(d => ids.Contains(d.Id) && (d.ValidUntilUtc == null || d.ValidUntilUtc > now)).Select(d => d.Id).ToListAsync(ct);
            return draft.Files.Where(f => f.FromDocumentId is { } id && !valid.Contains(id))
                .Select(f => $"Giấy tờ \"{f.FileName}\" lấy từ kho dữ liệu không còn hiệu lực; hãy xóa và tải lên giấy tờ còn hiệu lực.");
        }

        /// <summary>In the transaction of the submission: each draft file goes to its component; a component given
        /// from the data store is recorded as re-used (DuocTaiSuDung, DuocLayTuKhoDMQG).</summary>
        private static void Attach(Dossier dossier, DossierDraft draft, Actor actor)
        {
            var now = dossier.SubmittedAtUtc!.Value;
            foreach (var component in dossier.Components)
            {
                var files = draft.Files.Where(f => f.ComponentCode == component.RequirementCode).OrderBy(f => f.AddedAtUtc).ToList();
                foreach (var file in files)
                    dossier.AttachComponentFile(component.Id, file.StoredFileId, file.FileName, scannedFromPaper: false, actor, now);
                if (files.Any(f => f.FromDocumentId is not null))
                    dossier.MarkComponentReused(component.Id, fromCitizenStore: true, null, actor, now);
            }
        }

        /// <summary>Trích yếu: the procedure, and the e-form's first required text (whose birth, whose marriage...)
        /// so that lists tell two dossiers of one applicant apart.</summary>
        private static string Summary(ProcedureContent content, EFormValidation.Result form)
        {
            var key = content.FormFields.FirstOrDefault(f => f is { Required: true, Type: EFormFieldType.Text });
            if (key is null || form.Values.GetValueOrDefault(key.Key) is not string value || value.Length == 0) return content.Name;
            var summary = $"{content.Name}: {value}";
            return summary.Length <= 500 ? summary : content.Name;
        }
    }
}
