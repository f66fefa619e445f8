using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>The citizen changes their contact details on /tai-khoan. The name and the personal ID number are not theirs
/// to change here: they identify the person (and come from the national e-ID once the account is verified).</summary>
public static class UpdateCitizenProfile
{
    public sealed record Request(string? Phone, string? Email, string? Address);

    public sealed class Handler(UserManager<AppUser> users, AppDbContext db)
    {
        /// <returns>Null when there is no such citizen account; otherwise the problems, none meaning it was saved.</returns>
        public async Task<IReadOnlyList<FieldProblem>?> HandleAsync(Guid accountId, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (await users.FindByIdAsync(accountId.ToString()) is not Citizen citizen) return null;

            var (phone, email, problems) = await CitizenAccountRules.ContactAsync(users, citizen.Id, request.Phone, request.Email, ct);
            var address = Text.NormalizeOrNull(request.Address);
            if (CitizenAccountRules.AddressProblem(address) is { } addressProblem) problems.Add(new(AccountField.Address, addressProblem));
            if (problems.Count > 0) return problems;

            var phoneChanged = !string.Equals(phone, citizen.PhoneNumber, StringComparison.Ordinal);
            var emailChanged = !string.Equals(users.NormalizeEmail(email), citizen.NormalizedEmail, StringComparison.Ordinal);
            if (phoneChanged)
            {
                citizen.PhoneNumber = phone;
                citizen.PhoneNumberConfirmed = false;
            }
            // A new address is not proven until a message to it comes back (a password reset does that); the same
            // address in other letter case stays proven.
            if (emailChanged) citizen.EmailConfirmed = false;
            citizen.Email = email;
            citizen.Address = address;

            // A phone number or an e-mail address is a way into the account: when one changes, reset links already
            // sent to the old address stop working (the security stamp is in them).
            try
            {
                var saved = phoneChanged || emailChanged
                    ? await users.UpdateSecurityStampAsync(citizen)
                    : await users.UpdateAsync(citizen);
                return saved.Succeeded ? [] : [.. CitizenAccountRules.Problems(saved.Errors)];
            }
            catch (DbUpdateException)
            {
                // Another account took the phone or e-mail between the check and the save (the unique indexes held).
                db.ChangeTracker.Clear();
                var (_, _, taken) = await CitizenAccountRules.ContactAsync(users, accountId, request.Phone, request.Email, ct);
                if (taken.Count == 0) throw;
                return taken;
            }
        }
    }
}
