using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Tracking;

/// <summary>The signed-in citizen as the ownership rules need them. Read from the account row on every request,
/// not from the sign-in cookie, so that an e-ID verification (or its withdrawal) takes effect at once.</summary>
public sealed record CitizenAccount(Guid Id, string FullName, string PersonalIdNumber, bool VerifiedWithElectronicIdentity)
{
    /// <summary>The personal ID number proves who the account holder is only once VNeID has confirmed it; typed at
    /// registration it proves nothing (see ADR 0013).</summary>
    public bool OwnsIdNumber => VerifiedWithElectronicIdentity && PersonalIdNumber.Length > 0;

    public Actor Actor => Actor.Applicant(Id, FullName);
}

/// <summary>Which dossiers are the signed-in citizen's ("hồ sơ của tôi"), and the common path of the citizen's own
/// actions on one of them: load it only if it is theirs, check the revision they saw, act, save once.</summary>
public sealed class CitizenDossiers(AppDbContext db, CurrentUser user, DossierActions dossiers, CalendarService calendars, TimeProvider clock)
{
    public sealed record Context(Dossier Dossier, CitizenAccount Account, DateTime Now, Func<Task<WorkingCalendar>> Calendar);

    private CitizenAccount? _account;

    public async Task<CitizenAccount> AccountAsync(CancellationToken ct)
    {
        if (_account is not null) return _account;
        var citizen = await db.Citizens.AsNoTracking().Where(c => c.Id == user.Id)
                          .Select(c => new CitizenAccount(c.Id, c.FullName, c.PersonalIdNumber, c.VerifiedWithElectronicIdentity))
                          .SingleOrDefaultAsync(ct)
                      ?? throw new ForbiddenException("Trang này dành cho tài khoản công dân, tổ chức trên Cổng dịch vụ công.");
        return _account = citizen;
    }

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

    public async Task<Dossier> ActAsync(string code, int? seenRevision, Func<Context, Task> act, CancellationToken ct)
    {
        var account = await AccountAsync(ct);
        var id = await FindIdAsync(code, ct) ?? throw new DossierNotFoundException();
        var dossier = await dossiers.LoadAsync(id, ct) ?? throw new DossierNotFoundException();
        if (seenRevision is { } seen && seen != dossier.Revision)
            throw new DossierChangedException(await ChangedSinceAsync(dossier.Id, seen, ct));
        var now = clock.GetUtcNow().UtcDateTime;
        var year = VietnamTime.ToLocal(now).Year;
        WorkingCalendar? calendar = null;
        await act(new Context(dossier, account, now, async () => calendar ??= await calendars.GetAsync(year - 1, year + 1, ct)));
        await db.SaveChangesAsync(ct);
        return dossier;
    }

    /// <summary>Codes are printed in upper case; people type them as they like.</summary>
    public static string? NormalizeCode(string? code) =>
        string.IsNullOrWhiteSpace(code) || code.Trim().Length > 40 ? null : code.Trim().ToUpperInvariant();

    private async Task<string> ChangedSinceAsync(Guid id, int seen, CancellationToken ct)
    {
        var changes = await db.DossierEvents.AsNoTracking().Where(e => e.DossierId == id && e.Sequence > seen)
            .OrderBy(e => e.Sequence).Select(e => new { e.AtUtc, e.Description }).ToListAsync(ct);
        var lines = changes.Select(c => $"lúc {VietnamTime.Format(c.AtUtc)}: {c.Description}");
        return $"Hồ sơ vừa được cập nhật sau khi bạn mở trang ({string.Join("; ", lines)}). Vui lòng xem lại hồ sơ dưới đây rồi thực hiện lại nếu vẫn cần.";
    }
}
