using Microsoft.AspNetCore.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>An administrator takes a citizen's account out of the Tổ công nghệ số cộng đồng. Dossiers the member
/// already submitted for others keep their record of who assisted.</summary>
public static class RevokeDigitalTeamRole
{
    public sealed class Handler(UserManager<AppUser> users, ILogger<Handler> logger)
    {
        /// <returns>Null when no citizen account has this id.</returns>
        /// <exception cref="DomainException">The account is not a member; nothing was changed.</exception>
        public async Task<Citizen?> HandleAsync(Guid accountId, Guid administratorId, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByIdAsync(accountId.ToString()) is not Citizen citizen) return null;
            if (!await users.IsInRoleAsync(citizen, IdentitySetup.CommunityDigitalTeamRole))
                throw new DomainException($"{citizen.FullName} ({citizen.PersonalIdNumber}) không phải thành viên Tổ công nghệ số cộng đồng.");
            CitizenAccountRules.ThrowIfFailed(await users.RemoveFromRoleAsync(citizen, IdentitySetup.CommunityDigitalTeamRole));
            logger.LogInformation("Administrator {AdministratorId} removed citizen account {AccountId} from the community digital team.", administratorId, citizen.Id);
            return citizen;
        }
    }
}
