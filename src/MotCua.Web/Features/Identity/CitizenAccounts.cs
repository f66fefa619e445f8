using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Web.Features.Identity;

/// <summary>How a citizen is found at the portal's door: by phone number, e-mail address or personal ID number,
/// whichever they typed. Another way in (the national e-ID, VNeID) resolves to the same account by the personal
/// ID number.</summary>
public static class CitizenAccounts
{
    /// <summary>The one form phones are stored in (0xxxxxxxxx), so "+84 912 345 678" and "0912345678" are the same.</summary>
    public static string NormalizePhone(string phone)
    {
        var tel = new string(phone.Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').ToArray());
        return tel.StartsWith("+84", StringComparison.Ordinal) ? "0" + tel[3..] : tel;
    }

    /// <summary>The user name of an account opened from now on: its id. The ID number cannot be it, since several
    /// unverified accounts may claim one number (ADR 0013); accounts opened earlier keep theirs.</summary>
    public static string UserNameOf(Guid id) => id.ToString("N");

    public static async Task<Citizen?> FindAsync(UserManager<AppUser> users, string identifier, CancellationToken ct)
    {
        var text = identifier?.Trim() ?? "";
        if (text.Length == 0) return null;
        var citizens = users.Users.OfType<Citizen>();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            var normalized = users.NormalizeEmail(text);
            return await citizens.FirstOrDefaultAsync(c => c.NormalizedEmail == normalized, ct);
        }
        var phone = NormalizePhone(text);
        if (await citizens.FirstOrDefaultAsync(c => c.PhoneNumber == phone, ct) is { } byPhone) return byPhone;
        // An ID number is resolved by the claims on it only, not by an older account's user name that happens to be it.
        if (CitizenAccountRules.IsPersonalIdNumber(text)) return await ByIdNumberAsync(citizens, text, ct);
        return await citizens.FirstOrDefaultAsync(c => c.NormalizedUserName == users.NormalizeName(text), ct);
    }

    /// <summary>An ID number opens the account verified with it, or the only account that claims it; when several
    /// unverified accounts claim it, none (their holders sign in with their phone or e-mail).</summary>
    private static async Task<Citizen?> ByIdNumberAsync(IQueryable<Citizen> citizens, string idNumber, CancellationToken ct)
    {
        var holders = await citizens.Where(c => c.PersonalIdNumber == idNumber)
            .OrderByDescending(c => c.VerifiedWithElectronicIdentity).Take(2).ToListAsync(ct);
        return holders switch
        {
            [var verified, ..] when verified.VerifiedWithElectronicIdentity => verified,
            [var only] => only,
            _ => null,
        };
    }
}
