using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>The account side of signing in with the national e-ID (VNeID): given an identity the provider has verified,
/// link it (an Identity external login) to the signed-in citizen's account, or sign in the account it is already linked
/// to, or open a verified account. This is the only code that marks an account verified: the OpenID Connect sign-in
/// (<see cref="ElectronicIdentitySignIn"/>, docs/adr/0033b) calls it once the provider's ID token is validated, then signs
/// the returned citizen in.</summary>
public static class LinkElectronicIdentity
{
    /// <summary>The login provider name stored in AspNetUserLogins for the national e-ID.</summary>
    public const string VNeID = "VNeID";

    /// <summary>What the provider vouches for.</summary>
    /// <param name="Subject">The provider's stable identifier of the person (the token's <c>sub</c>).</param>
    /// <param name="Phone">Contact details the provider shares, if any; used only for a new account.</param>
    /// <param name="BirthDate">The date of birth the provider shares, if any: stored on the account (the registry is the authority).</param>
    public sealed record VerifiedIdentity(string Provider, string Subject, string PersonalIdNumber, string FullName, string? Phone = null, string? Email = null,
        DateOnly? BirthDate = null);

    public enum Outcome
    {
        /// <summary>The identity was already linked to this account: a plain sign-in.</summary>
        AlreadyLinked,
        /// <summary>The signed-in account was linked and is now verified.</summary>
        Linked,
        /// <summary>No verified account had this ID number: a verified one was opened, without a password.</summary>
        Created,
    }

    public sealed record Result(Citizen Citizen, Outcome Outcome);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users)
    {
        /// <summary>Whether <see cref="HandleAsync"/> would open a new account for this identity (so the citizen must first
        /// be shown the personal-data notice and consent, as at registration).</summary>
        public async Task<bool> OpensNewAccountAsync(VerifiedIdentity identity, Guid? signedInCitizenId, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(identity);
            if (signedInCitizenId is not null) return false;
            if (await users.FindByLoginAsync(identity.Provider, identity.Subject) is not null) return false;
            var idNumber = CitizenAccountRules.CompactIdNumber(identity.PersonalIdNumber);
            return !await db.Citizens.AnyAsync(c => c.PersonalIdNumber == idNumber && c.VerifiedWithElectronicIdentity, ct);
        }

        /// <param name="signedInCitizenId">The account of a citizen who is signed in and asked to link it; null when the
        /// e-ID is the way in.</param>
        /// <param name="consentGivenAt">When the citizen consented to the personal-data notice; a new account is opened only
        /// with it (Decree 13/2023/NĐ-CP), and it is recorded with the account.</param>
        /// <exception cref="DomainException">The identity cannot be used with this account; nothing was changed.</exception>
        public async Task<Result> HandleAsync(VerifiedIdentity identity, Guid? signedInCitizenId, CancellationToken ct, DateTimeOffset? consentGivenAt = null)
        {
            ArgumentNullException.ThrowIfNull(identity);
            var idNumber = CitizenAccountRules.CompactIdNumber(identity.PersonalIdNumber);
            var fullName = Text.NormalizeOrNull(identity.FullName);
            if (string.IsNullOrWhiteSpace(identity.Provider) || string.IsNullOrWhiteSpace(identity.Subject)
                || !CitizenAccountRules.IsPersonalIdNumber(idNumber) || CitizenAccountRules.FullNameProblem(fullName) is not null)
                throw new DomainException("Thông tin nhận từ định danh điện tử không đủ (thiếu số định danh cá nhân hợp lệ hoặc họ và tên). Vui lòng thử lại sau.");
            var login = new UserLoginInfo(identity.Provider, identity.Subject, identity.Provider);

            if (await users.FindByLoginAsync(login.LoginProvider, login.ProviderKey) is { } linked)
            {
                if (linked is not Citizen known || known.PersonalIdNumber != idNumber)
                    throw new DomainException(Mismatch);
                if (signedInCitizenId is { } other && other != known.Id)
                    throw new DomainException("Định danh điện tử này đã được liên kết với một tài khoản khác trên Cổng.");
                if (!known.VerifiedWithElectronicIdentity || (identity.BirthDate is { } born && known.BirthDate != born))
                {
                    known.VerifiedWithElectronicIdentity = true;
                    known.BirthDate = identity.BirthDate ?? known.BirthDate;
                    CitizenAccountRules.ThrowIfFailed(await users.UpdateAsync(known));
                }
                return new(known, Outcome.AlreadyLinked);
            }

            // Without a signed-in account, only an account already verified with this number is the person's: an
            // unverified one may be anyone's who typed the number at registration (ADR 0013), and linking it would give its
            // owner someone else's password, phone and e-mail — and verify it for them. Citizens link their own password
            // account by signing in first.
            var account = signedInCitizenId is { } id
                ? await users.FindByIdAsync(id.ToString()) as Citizen ?? throw new DomainException("Không tìm thấy tài khoản đang đăng nhập.")
                : await db.Citizens.FirstOrDefaultAsync(c => c.PersonalIdNumber == idNumber && c.VerifiedWithElectronicIdentity, ct);
            if (account is null)
            {
                if (consentGivenAt is not { } consent)
                    throw new DomainException("Hãy đánh dấu đồng ý với việc xử lý dữ liệu cá nhân: Cổng cần dữ liệu này để tạo tài khoản và giải quyết hồ sơ của bạn.");
                return new(await CreateAsync(identity, idNumber, fullName!, login, consent, ct), Outcome.Created);
            }
            if (account.PersonalIdNumber != idNumber) throw new DomainException(Mismatch);
            if ((await users.GetLoginsAsync(account)).Any(l => l.LoginProvider == login.LoginProvider))
                throw new DomainException("Tài khoản này đã được liên kết với một định danh điện tử khác. Vui lòng liên hệ Bộ phận Một cửa để được hỗ trợ.");

            // The national population database is the authority on the name; what the citizen typed gives way to it.
            account.FullName = fullName!;
            account.BirthDate = identity.BirthDate ?? account.BirthDate;
            account.VerifiedWithElectronicIdentity = true;
            // AddLoginAsync saves the account with the login in one SaveChanges.
            CitizenAccountRules.ThrowIfFailed(await users.AddLoginAsync(account, login));
            return new(account, Outcome.Linked);
        }

        private const string Mismatch =
            "Số định danh cá nhân của định danh điện tử khác với số định danh cá nhân của tài khoản này, nên không thể liên kết.";

        private async Task<Citizen> CreateAsync(VerifiedIdentity identity, string idNumber, string fullName, UserLoginInfo login, DateTimeOffset consentGivenAt, CancellationToken ct)
        {
            // Contact details the provider shares are kept only where they are valid and no other account uses them:
            // they are ways into an account, and the other account's owner keeps theirs.
            var (phone, email, problems) = await CitizenAccountRules.ContactAsync(users, self: null, identity.Phone, identity.Email, ct);
            var id = Guid.CreateVersion7();
            var citizen = new Citizen
            {
                Id = id,
                UserName = CitizenAccounts.UserNameOf(id),
                PersonalIdNumber = idNumber,
                FullName = fullName,
                PhoneNumber = problems.Any(p => p.Field == AccountField.Phone) ? null : phone,
                Email = problems.Any(p => p.Field == AccountField.Email) ? null : email,
                VerifiedWithElectronicIdentity = true,
                BirthDate = identity.BirthDate,
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            CitizenAccountRules.ThrowIfFailed(await users.CreateAsync(citizen));
            CitizenAccountRules.ThrowIfFailed(await users.AddLoginAsync(citizen, login));
            CitizenAccountRules.ThrowIfFailed(await users.AddClaimAsync(citizen, PersonalDataConsent.Given(consentGivenAt)));
            await tx.CommitAsync(ct);
            return citizen;
        }
    }
}
