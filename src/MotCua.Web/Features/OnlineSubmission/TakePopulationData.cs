using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>"Lấy thông tin từ Cơ sở dữ liệu quốc gia về dân cư" on a draft: the lookup the draft's start makes, again —
/// after the database was unreachable, after the verification lapsed, or on a draft begun before the account was linked
/// with VNeID (docs/adr/0034d). Only the citizen's own draft, only for an account VNeID verified.</summary>
public static class TakePopulationData
{
    public sealed class Handler(AppDbContext db, CurrentUser user, IPopulationVerifications population, TimeProvider clock)
    {
        /// <returns>Null when the draft is not the signed-in account's (or does not exist); else what the registry said.</returns>
        public async Task<OwnRecord?> HandleAsync(Guid draftId, CancellationToken ct)
        {
            var draft = await db.DossierDrafts.OwnedBy(user.Id).SingleOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null) return null;
            if (draft.SubmittedDossierId is not null) throw new DomainException("Hồ sơ đã được nộp; không thể sửa bản nháp.");
            if (draft.Assisted)
                throw new DomainException("Hồ sơ nộp thay người khác không lấy được thông tin từ Cơ sở dữ liệu quốc gia về dân cư: chỉ chủ tài khoản đã xác thực VNeID lấy được thông tin của chính mình.");
            var me = await db.Citizens.AsNoTracking().SingleAsync(c => c.Id == user.Id, ct);
            if (!me.VerifiedWithElectronicIdentity)
                throw new DomainException("Tài khoản chưa được xác thực bằng định danh điện tử: hãy liên kết tài khoản với VNeID (trang Tài khoản) để lấy thông tin từ Cơ sở dữ liệu quốc gia về dân cư.");
            if (me.BirthDate is null)
                throw new DomainException("Chưa có ngày sinh từ VNeID cho tài khoản này: hãy đăng xuất rồi đăng nhập lại bằng VNeID.");
            var found = await StartDraft.Handler.FromPopulationDataAsync(draft, me, population, user.AsApplicant(), ct);
            draft.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return found;
        }
    }
}
