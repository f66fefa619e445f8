using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Bắt đầu nộp hồ sơ trực tuyến: the citizen picks where to submit (and a community digital team member
/// whether it is for someone else), and gets a draft to fill in. The applicant is the account's owner, taken from the
/// account; for a submission on someone's behalf it starts empty.</summary>
public static class StartDraft
{
    public sealed record View(string Code, string Name, OnlineLevel Level, string? PartialOnlineReason, IReadOnlyList<SubmissionPlaces.Place> Places, bool MayAssist)
    {
        public bool IsOffered => Level != OnlineLevel.None;
    }

    public sealed record Request(string ProcedureCode, Guid? PlaceId, bool OnBehalfOfAnother);

    public const string NotOnlineMessage =
        "Thủ tục này chưa cung cấp dịch vụ công trực tuyến; vui lòng nộp hồ sơ trực tiếp tại Bộ phận Một cửa hoặc qua bưu chính.";

    public sealed class Handler(AppDbContext db, SubmissionPlaces places, CurrentUser user, TimeProvider clock, IOptions<OnlineSubmissionOptions> options,
        IPopulationVerifications population)
    {
        /// <returns>Null when no procedure has this code.</returns>
        public async Task<View?> GetAsync(string code, CancellationToken ct)
        {
            var found = await CurrentAsync(code, ct);
            if (found is null) return null;
            var (procedureCode, _, content) = found.Value;
            var offered = content.OnlineLevel != OnlineLevel.None;
            return new View(procedureCode, content.Name, content.OnlineLevel, content.PartialOnlineReason,
                offered ? await places.ForAsync(content, ct) : [], user.IsCommunityDigitalTeam);
        }

        public async Task<DossierDraft> HandleAsync(Request request, CancellationToken ct)
        {
            var found = await CurrentAsync(request.ProcedureCode, ct)
                        ?? throw new DomainException($"Không tìm thấy thủ tục có mã {request.ProcedureCode}.");
            var (code, versionId, content) = found;
            if (content.OnlineLevel == OnlineLevel.None) throw new DomainException(NotOnlineMessage);
            if (request.PlaceId is not { } placeId) throw new DomainException("Hãy chọn nơi nộp hồ sơ (xã, phường, đặc khu).");
            var place = (await places.ForAsync(content, ct)).SingleOrDefault(p => p.Id == placeId)
                        ?? throw new DomainException("Nơi nộp đã chọn không giải quyết thủ tục này; hãy chọn lại trong danh sách.");
            if (request.OnBehalfOfAnother && !await user.IsCommunityDigitalTeamNowAsync(ct))
                throw new DomainException("Chỉ thành viên Tổ công nghệ số cộng đồng được nộp hồ sơ thay cho người khác.");

            var now = clock.GetUtcNow().UtcDateTime;
            var draft = await NewDraftAsync(code, versionId, request.OnBehalfOfAnother, now, ct);
            draft.ReceivingUnitId = place.ReceivingUnitId;
            db.DossierDrafts.Add(draft);
            // Abandoned drafts must not keep citizens' papers for ever: the draft's expiry is queued with it.
            db.Jobs.Add(PurgeAbandonedDraft.Schedule(draft.Id, now, now + options.Value.KeepUnsubmittedDraftsFor));
            await db.SaveChangesAsync(ct);
            return draft;
        }

        private async Task<DossierDraft> NewDraftAsync(string code, Guid versionId, bool assisted, DateTime now, CancellationToken ct)
        {
            var id = Guid.CreateVersion7();
            if (assisted) return new DossierDraft(id, user.Id, code, versionId, true, "", "", null, null, null, now);
            var me = await db.Citizens.AsNoTracking().SingleAsync(c => c.Id == user.Id, ct);
            var draft = new DossierDraft(id, me.Id, code, versionId, false, me.FullName, me.PersonalIdNumber, me.PhoneNumber, me.Email, me.Address, now);
            await FromPopulationDataAsync(draft, me, population, user.AsApplicant(), ct);
            return draft;
        }

        /// <summary>The citizen's own record in the national population database, for an account VNeID verified (its ID
        /// number, name and birth date are the e-ID's, so the lookup is the person's own): the draft takes the registry's
        /// name and, where the account has none, its residence, and the components the data replaces need no file
        /// (docs/adr/0034d). Not confirmed or unreachable: the draft is as before and says why.</summary>
        internal static async Task<OwnRecord?> FromPopulationDataAsync(DossierDraft draft, Citizen me, IPopulationVerifications population, Actor actor, CancellationToken ct)
        {
            if (draft.Assisted || !me.VerifiedWithElectronicIdentity || me.BirthDate is not { } born) return null;
            var found = await population.LookUpOwnAsync(me.PersonalIdNumber, me.FullName, born, actor, ct);
            if (found is { VerificationId: { } verification, Facts: { } facts })
            {
                draft.PopulationVerificationId = verification;
                draft.ApplicantName = facts.FullName;
                draft.ApplicantAddress ??= facts.Residence;
            }
            return found;
        }

        private async Task<(string Code, Guid VersionId, ProcedureContent Content)?> CurrentAsync(string? code, CancellationToken ct)
        {
            var trimmed = code?.Trim() ?? "";
            var found = await (
                    from p in db.Procedures
                    where p.Code == trimmed
                    from v in db.ProcedureVersions
                    where v.Id == p.CurrentVersionId
                    select new { p.Code, v.Id, v.Content })
                .AsNoTracking()
                .FirstOrDefaultAsync(ct);
            return found is null ? null : (found.Code, found.Id, found.Content);
        }
    }
}
