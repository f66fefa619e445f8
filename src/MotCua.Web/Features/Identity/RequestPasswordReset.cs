using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Identity;

/// <summary>A citizen who forgot their password asks for a reset link by e-mail. The answer is the same whether or not
/// an account matches (no one learns who has an account); when one with an e-mail address does, a job is queued that
/// sends the link (<see cref="SendPasswordResetEmail"/>). The token is made when the mail goes out, not here: it is a
/// key to the account and has no business sitting in the jobs table.</summary>
public static class RequestPasswordReset
{
    public sealed class Handler(
        AppDbContext db,
        UserManager<AppUser> users,
        IOptionsMonitor<NotificationOptions> notifications,
        IOptions<CitizenAccountOptions> options,
        IOptions<FormsOptions> forms,
        TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <param name="identifier">The e-mail address or phone number (or personal ID number) the citizen typed.</param>
        /// <param name="requestBase">The address the request came in on, for the link unless <c>Forms:PublicBaseUrl</c>
        /// is set (it should be in production: the Host header is the requester's to choose).</param>
        /// <returns>Problems with the form itself; none says nothing about whether an account exists.</returns>
        public async Task<IReadOnlyList<FieldProblem>> HandleAsync(string? identifier, Uri requestBase, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(requestBase);
            if (string.IsNullOrWhiteSpace(identifier))
                return [new(AccountField.Identifier, "Hãy nhập thư điện tử hoặc số điện thoại của tài khoản.")];

            var citizen = await CitizenAccounts.FindAsync(users, identifier, ct);
            if (citizen is null || string.IsNullOrEmpty(citizen.Email)) return [];
            if (!notifications.CurrentValue.EmailEnabled)
            {
                logger.LogWarning("Password reset asked for citizen account {AccountId}, but e-mail is not configured (Notifications:Smtp): nothing is sent.", citizen.Id);
                return [];
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var window = now.Ticks / options.Value.PasswordResetInterval.Ticks;
            var key = string.Create(CultureInfo.InvariantCulture, $"{SendPasswordResetEmail.Kind}:{citizen.Id:N}:{window}");
            if (await db.Jobs.AnyAsync(j => j.IdempotencyKey == key, ct)) return [];

            var baseUrl = forms.Value.PublicBaseUrl ?? requestBase;
            db.Jobs.Add(Job.Create(SendPasswordResetEmail.Kind, new SendPasswordResetEmail.Payload(citizen.Id, baseUrl.AbsoluteUri), key, now));
            await db.SaveChangesAsync(ct);
            return [];
        }
    }
}
