using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>A citizen opens a portal account with their personal ID number; the phone number and the e-mail address are
/// the ways in. The account is not verified with the national e-ID until the citizen links it
/// (<see cref="LinkElectronicIdentity"/>), and until then the ID number is only what they typed: another account may
/// hold the same number, and neither sees anything by it (ADR 0013). So a number someone else has typed never keeps its
/// owner from registering, and the answer does not tell whether an account with that number exists.</summary>
public static class RegisterCitizen
{
    public sealed record Request(
        string? FullName, string? PersonalIdNumber, string? Phone, string? Email, string? Address,
        string? Password, string? ConfirmPassword, bool Consent);

    /// <param name="Citizen">The new account; null when there are problems, and then nothing was created.</param>
    public sealed record Result(Citizen? Citizen, IReadOnlyList<FieldProblem> Problems);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var problems = new List<FieldProblem>();

            var fullName = Text.NormalizeOrNull(request.FullName);
            if (CitizenAccountRules.FullNameProblem(fullName) is { } nameProblem) problems.Add(new(AccountField.FullName, nameProblem));

            var idNumber = CitizenAccountRules.CompactIdNumber(request.PersonalIdNumber);
            if (idNumber.Length == 0)
                problems.Add(new(AccountField.PersonalIdNumber, "Hãy nhập số định danh cá nhân."));
            else if (!CitizenAccountRules.IsPersonalIdNumber(idNumber))
                problems.Add(new(AccountField.PersonalIdNumber, "Số định danh cá nhân gồm đúng 12 chữ số, in trên thẻ căn cước (căn cước công dân)."));

            var (phone, email, contactProblems) = await CitizenAccountRules.ContactAsync(users, self: null, request.Phone, request.Email, ct);
            problems.AddRange(contactProblems);

            var address = Text.NormalizeOrNull(request.Address);
            if (CitizenAccountRules.AddressProblem(address) is { } addressProblem) problems.Add(new(AccountField.Address, addressProblem));

            var id = Guid.CreateVersion7();
            var citizen = new Citizen
            {
                Id = id,
                UserName = CitizenAccounts.UserNameOf(id),
                PersonalIdNumber = idNumber,
                FullName = fullName ?? "",
                PhoneNumber = phone,
                Email = email,
                Address = address,
            };
            problems.AddRange(await CitizenAccountRules.NewPasswordProblemsAsync(users, citizen, request.Password, request.ConfirmPassword));

            if (!request.Consent)
                problems.Add(new(AccountField.Consent, "Hãy đánh dấu đồng ý với việc xử lý dữ liệu cá nhân: Cổng cần dữ liệu này để tạo tài khoản và giải quyết hồ sơ của bạn."));
            if (problems.Count > 0) return new(null, problems);

            // Identity saves the account and its claims separately; one transaction keeps an account from existing
            // without the record of the consent it was opened with.
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var created = await users.CreateAsync(citizen, request.Password!);
                if (!created.Succeeded) return new(null, [.. CitizenAccountRules.Problems(created.Errors)]);
                var consent = await users.AddClaimAsync(citizen, PersonalDataConsent.Given(clock.GetUtcNow()));
                if (!consent.Succeeded) return new(null, [.. CitizenAccountRules.Problems(consent.Errors)]);
                await tx.CommitAsync(ct);
                return new(citizen, []);
            }
            catch (DbUpdateException)
            {
                // Another registration took the phone or e-mail between the checks and the save: say which.
                db.ChangeTracker.Clear();
                var (_, _, taken) = await CitizenAccountRules.ContactAsync(users, self: null, request.Phone, request.Email, ct);
                if (taken.Count == 0) throw;
                return new(null, taken);
            }
        }
    }
}
