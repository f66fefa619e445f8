using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>The account signed in on the portal, as a submission needs it: who writes the draft, the name the
/// dossier's history shows, and whether they belong to the community digital team (who may submit for others).</summary>
public sealed class PortalUser(IHttpContextAccessor http)
{
    public const string CommunityDigitalTeamName = "Tổ công nghệ số cộng đồng";

    private ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsCitizen => Principal.HasClaim(IdentitySetup.KindClaim, nameof(Citizen));

    public Guid Id => Guid.Parse(Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));

    public string Name => Principal.FindFirstValue(IdentitySetup.FullNameClaim) ?? "";

    public bool IsCommunityDigitalTeam => IsCitizen && Principal.IsInRole(IdentitySetup.CommunityDigitalTeamRole);

    /// <summary>The role as the database holds it now. The sign-in cookie keeps a revoked member's role until Identity
    /// next checks the account (up to 30 minutes), which is fine for showing a choice but not for acting on someone
    /// else's behalf.</summary>
    public async Task<bool> IsCommunityDigitalTeamNowAsync(AppDbContext db, CancellationToken ct)
    {
        if (!IsCitizen) return false;
        var id = Id;
        return await (from link in db.UserRoles
                      join role in db.Roles on link.RoleId equals role.Id
                      where link.UserId == id && role.Name == IdentitySetup.CommunityDigitalTeamRole
                      select link).AnyAsync(ct);
    }

    /// <summary>The citizen acting for themselves, or the team member acting on the applicant's behalf ("rõ người,
    /// rõ trách nhiệm": the history names the one who pressed the button).</summary>
    public Actor ActorFor(bool assisted) =>
        assisted ? new Actor(Id, Name, CommunityDigitalTeamName, null, null) : Actor.Applicant(Id, Name);
}
