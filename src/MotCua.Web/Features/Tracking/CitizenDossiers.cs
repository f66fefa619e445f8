using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Tracking;

/// <summary>Which dossiers are the signed-in citizen's ("hồ sơ của tôi"), and the common path of the citizen's own
/// actions on one of them: load it only if it is theirs, check the revision they saw, act, save once.</summary>
public sealed class CitizenDossiers(AppDbContext db, CurrentUser user, DossierActions dossiers)
{
    /// <summary>The signed-in citizen's account, with the identity verified by VNeID (see <see cref="CurrentUser"/>).</summary>
    public Task<CitizenAccount> AccountAsync(CancellationToken ct) => user.CitizenAsync(ct);

    /// <summary>A citizen's dossiers: those submitted from their account, and — only when the account is verified
    /// with the national e-ID — those whose applicant carries their personal ID number (received at the desk or by post).</summary>
    public static Expression<Func<Dossier, bool>> OwnedBy(CitizenAccount account)
    {
        var accountId = account.Id;
        var idNumber = account.PersonalIdNumber;
        return account.OwnsIdNumber
            ? d => d.CitizenAccountId == accountId || d.Applicant.IdNumber == idNumber
            : d => d.CitizenAccountId == accountId;
    }

    public async Task<IQueryable<Dossier>> MineAsync(CancellationToken ct) =>
        db.Dossiers.AsNoTracking().Where(OwnedBy(await AccountAsync(ct)));

    /// <summary>The id of the citizen's dossier with this code; null when there is none or it is someone else's,
    /// which the pages answer alike (404), so codes of other people's dossiers are not confirmed.</summary>
    public async Task<Guid?> FindIdAsync(string? code, CancellationToken ct)
    {
        var wanted = NormalizeCode(code);
        if (wanted is null) return null;
        var mine = await MineAsync(ct);
        return await mine.Where(d => d.Code == wanted).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>The citizen's own action on their dossier, through the one path of every change
    /// (<see cref="DossierActions"/>): someone else's dossier is answered as absent (404).</summary>
    public async Task<Dossier> ActAsync(string code, int? seenRevision, Func<DossierActions.Context, Task> act, CancellationToken ct)
    {
        var account = await AccountAsync(ct);
        var id = await FindIdAsync(code, ct) ?? throw DossierActions.NotFound();
        return await dossiers.ActAsync(id, seenRevision, new Owner(account), act, ct);
    }

    /// <summary>Codes are printed in upper case; people type them as they like.</summary>
    public static string? NormalizeCode(string? code) =>
        string.IsNullOrWhiteSpace(code) || code.Trim().Length > 40 ? null : code.Trim().ToUpperInvariant();

    /// <summary>The applicant acts on a dossier they own. The changes since the page was shown are told as the portal
    /// has always told them: when and what, the page below showing the rest.</summary>
    private sealed class Owner(CitizenAccount account) : DossierAccess(account.Actor)
    {
        public override Task AuthorizeAsync(Dossier dossier, CancellationToken ct) =>
            OwnedBy(account).Compile()(dossier) ? Task.CompletedTask : throw DossierActions.NotFound();

        public override string DescribeChanges(IReadOnlyList<DossierActions.Change> changes)
        {
            var lines = changes.Select(c => $"lúc {VietnamTime.Format(c.AtUtc)}: {c.Description}");
            return $"Hồ sơ vừa được cập nhật sau khi bạn mở trang ({string.Join("; ", lines)}). Vui lòng xem lại hồ sơ dưới đây rồi thực hiện lại nếu vẫn cần.";
        }
    }
}
