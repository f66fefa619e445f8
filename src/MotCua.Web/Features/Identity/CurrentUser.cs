using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>The one answer to "who is signed in on this request", for the office and the portal alike: an official
/// (id, name, unit, roles) or a citizen (id, name, the community digital team role, the identity verified with VNeID),
/// and the <see cref="Actor"/> the dossier's history and the audit log write for them. Read from the sign-in's claims,
/// except what must take effect at once (a verification, a revoked role), which is read from the account row.</summary>
public sealed class CurrentUser(IHttpContextAccessor http, AppDbContext db)
{
    public const string CommunityDigitalTeamName = "Tổ công nghệ số cộng đồng";

    private CitizenAccount? _citizen;

    private ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsSignedIn => Principal.Identity?.IsAuthenticated == true;

    public bool IsOfficial => Principal.HasClaim(IdentitySetup.KindClaim, nameof(Official));

    public bool IsCitizen => Principal.HasClaim(IdentitySetup.KindClaim, nameof(Citizen));

    public Guid Id => IdOrNull ?? throw new InvalidOperationException("Not signed in.");

    private Guid? IdOrNull => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name => Principal.FindFirstValue(IdentitySetup.FullNameClaim) ?? Principal.Identity?.Name ?? "";

    /// <summary>The official's unit; none for a citizen.</summary>
    public Guid? UnitId => Guid.TryParse(Principal.FindFirstValue(IdentitySetup.UnitIdClaim), out var id) ? id : null;

    public string? UnitName => Principal.FindFirstValue(IdentitySetup.UnitNameClaim);

    public bool IsInRole(OfficialRole role) => Principal.IsInRole(role.ToString());

    /// <summary>The official's roles, in the order of <see cref="OfficialRole"/>.</summary>
    public IReadOnlyList<OfficialRole> Roles => [.. Enum.GetValues<OfficialRole>().Where(IsInRole)];

    public bool IsCommunityDigitalTeam => IsCitizen && Principal.IsInRole(IdentitySetup.CommunityDigitalTeamRole);

    /// <summary>The role as the database holds it now. The sign-in cookie keeps a revoked member's role until Identity
    /// next checks the account (up to 30 minutes), which is fine for showing a choice but not for acting on someone
    /// else's behalf.</summary>
    public async Task<bool> IsCommunityDigitalTeamNowAsync(CancellationToken ct)
    {
        if (!IsCitizen) return false;
        var id = Id;
        return await (from link in db.UserRoles
                      join role in db.Roles on link.RoleId equals role.Id
                      where link.UserId == id && role.Name == IdentitySetup.CommunityDigitalTeamRole
                      select link).AnyAsync(ct);
    }

    /// <summary>The signed-in citizen as the ownership rules need them, read from the account row (once per request),
    /// not from the cookie, so that an e-ID verification (or its withdrawal) takes effect at once. Anyone else is refused.</summary>
    public async Task<CitizenAccount> CitizenAsync(CancellationToken ct)
    {
        if (_citizen is not null) return _citizen;
        var id = IdOrNull;
        var citizen = await db.Citizens.AsNoTracking().Where(c => c.Id == id)
                          .Select(c => new CitizenAccount(c.Id, c.FullName, c.PersonalIdNumber, c.VerifiedWithElectronicIdentity))
                          .SingleOrDefaultAsync(ct)
                      ?? throw new ForbiddenException("Trang này dành cho tài khoản công dân, tổ chức trên Cổng dịch vụ công.");
        return _citizen = citizen;
    }

    /// <summary>The official acting in the given role; refuses if they do not hold it.</summary>
    public Actor As(OfficialRole role)
    {
        if (!IsOfficial || !IsInRole(role))
            throw new ForbiddenException($"Bạn không có vai trò {role.DisplayName()} để thực hiện thao tác này.");
        return Describe(role.DisplayName());
    }

    /// <summary>The citizen acting for themselves, or the team member acting on the applicant's behalf ("rõ người,
    /// rõ trách nhiệm": the history names the one who pressed the button).</summary>
    public Actor AsApplicant(bool assisted = false) =>
        assisted ? new Actor(Id, Name, CommunityDigitalTeamName, null, null) : Actor.Applicant(Id, Name);

    /// <summary>The signed-in user under a role named by the caller (the audit log's "Công dân", or every role an
    /// official holds), with their unit if they have one.</summary>
    public Actor Describe(string role) => new(IdOrNull, Name, role, UnitId, UnitName);
}

/// <summary>The signed-in citizen's account as the ownership rules need it (ADR 0013).</summary>
public sealed record CitizenAccount(Guid Id, string FullName, string PersonalIdNumber, bool VerifiedWithElectronicIdentity)
{
    /// <summary>The personal ID number proves who the account holder is only once VNeID has confirmed it; typed at
    /// registration it proves nothing (see ADR 0013).</summary>
    public bool OwnsIdNumber => VerifiedWithElectronicIdentity && PersonalIdNumber.Length > 0;

    public Actor Actor => Actor.Applicant(Id, FullName);
}
