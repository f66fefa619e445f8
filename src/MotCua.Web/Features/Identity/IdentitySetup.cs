using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

public static class IdentitySetup
{
    public const string UnitIdClaim = "motcua:unit_id";
    public const string UnitNameClaim = "motcua:unit_name";
    public const string FullNameClaim = "motcua:full_name";
    public const string KindClaim = "motcua:kind";
    /// <summary>Policy for any signed-in official, whatever the role.</summary>
    public const string OfficialPolicy = "Official";
    /// <summary>Policy for a signed-in citizen (or organisation) on the portal.</summary>
    public const string CitizenPolicy = "Citizen";
    /// <summary>Tổ công nghệ số cộng đồng: citizens' accounts allowed to submit on another person's behalf.
    /// A role of citizen accounts, granted by an administrator.</summary>
    public const string CommunityDigitalTeamRole = "CommunityDigitalTeam";
    /// <summary>Failed sign-ins before an account is locked (5 minutes). Above the per-client, per-account rate limit
    /// (<c>RateLimits:SignInPerAccount</c>), so one address cannot lock an account quickly (docs/adr/0017).</summary>
    public const int MaxFailedAccessAttempts = 10;

    public static IServiceCollection AddSignIn(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();

        // Pages use the Identity cookie; kiosks and integrations send a bearer token from /api/auth/login.
        services.AddAuthentication(o =>
            {
                // AddIdentity set the cookie as the default for each action; every action goes through the selector.
                o.DefaultScheme = "CookieOrBearer";
                o.DefaultAuthenticateScheme = "CookieOrBearer";
                o.DefaultChallengeScheme = "CookieOrBearer";
                o.DefaultForbidScheme = "CookieOrBearer";
            })
            .AddPolicyScheme("CookieOrBearer", "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme);

        services.ConfigureApplicationCookie(o =>
        {
            // The office's login; the portal's pages send citizens to theirs (PortalOrOffice below).
            o.LoginPath = "/office/login";
            o.LogoutPath = "/office/logout";
            o.AccessDeniedPath = "/office/denied";
            // An API call gets a status code, never a redirect to a login page.
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = SignInDoor.ValidatePrincipalAsync;
        });

        services.AddAuthorizationBuilder().AddPolicy(OfficialPolicy, p => p.RequireClaim(KindClaim, nameof(Official)));
        services.AddAuthorizationBuilder().AddPolicy(CitizenPolicy, p => p.RequireClaim(KindClaim, nameof(Citizen)));
        services.AddAuthorizationBuilder().AddPolicy(CommunityDigitalTeamRole, p => p.RequireClaim(KindClaim, nameof(Citizen)).RequireRole(CommunityDigitalTeamRole));
        foreach (var role in Enum.GetValues<OfficialRole>())
            services.AddAuthorizationBuilder().AddPolicy(role.ToString(), p => p.RequireClaim(KindClaim, nameof(Official)).RequireRole(role.ToString()));

        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        return services;
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
            ctx.Response.StatusCode = status;
        else if (ctx.Request.Path.StartsWithSegments("/office"))
            // Relative: the absolute address Identity builds comes from the request's Host header, which the sender chooses.
            ctx.Response.Redirect(Uri.TryCreate(ctx.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : ctx.RedirectUri);
        else
        {
            // A portal page: the citizen signs in at the portal's door and comes back to the page.
            var back = Uri.EscapeDataString(ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString);
            ctx.Response.Redirect(status == StatusCodes.Status401Unauthorized ? $"/dang-nhap?ReturnUrl={back}" : "/status/403");
        }
        return Task.CompletedTask;
    }

    /// <summary>Seeds one Identity role per <see cref="OfficialRole"/>.</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in Enum.GetNames<OfficialRole>().Append(CommunityDigitalTeamRole))
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
    }
}

/// <summary>Puts the official's unit and name into the sign-in, so every request knows "who, role, unit"
/// without a query.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(IdentitySetup.FullNameClaim, user.FullName));
        identity.AddClaim(new Claim(IdentitySetup.KindClaim, user is Official ? nameof(Official) : nameof(Citizen)));
        if (user is Official official)
        {
            var unitName = await db.Units.Where(u => u.Id == official.UnitId).Select(u => u.Name).SingleAsync();
            identity.AddClaim(new Claim(IdentitySetup.UnitIdClaim, official.UnitId.ToString()));
            identity.AddClaim(new Claim(IdentitySetup.UnitNameClaim, unitName));
        }
        return identity;
    }
}

/// <summary>The signed-in user may not do this (403), as opposed to a broken business rule (422).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
