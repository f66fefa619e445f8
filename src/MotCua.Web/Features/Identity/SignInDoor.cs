using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>What the three sign-in doors (office page, portal page, API) share so that their answer tells nothing about
/// the account (docs/adr/0017): the same message whether the name is unknown, the password wrong or the account
/// locked, and the same work — a password hash is checked in every case, since a missing account answered without one
/// would be told apart by its speed.</summary>
public static class SignInDoor
{
    private static string? _unknownAccountHash;

    public enum Outcome
    {
        SignedIn,
        /// <summary>Unknown account, wrong password or locked account: one answer for all three.</summary>
        Refused,
        /// <summary>Too many failures from this client for this account name (429).</summary>
        Throttled,
    }

    /// <summary>Checks the password with the given door's sign-in; an unknown or wrong account spends the same hash
    /// work. A client that failed too often for this typed name is stopped before the password is checked, so its
    /// guesses never reach the account's lockout (docs/adr/0017).</summary>
    public static async Task<Outcome> PasswordSignInAsync(SignInManager<AppUser> signIn, string? typedName, AppUser? user, string? password)
    {
        var http = signIn.Context;
        var throttle = http.RequestServices.GetRequiredService<SignInThrottle>();
        if (!throttle.MayTry(http, typedName)) return Outcome.Throttled;
        if (user is null)
        {
            SpendPasswordCheck(signIn.UserManager, password);
            throttle.Failed(http, typedName);
            return Outcome.Refused;
        }
        var result = await signIn.PasswordSignInAsync(user, password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return Outcome.SignedIn;
        // Identity answers a locked account before it checks the password.
        if (result.IsLockedOut || result.IsNotAllowed) SpendPasswordCheck(signIn.UserManager, password);
        throttle.Failed(http, typedName);
        return Outcome.Refused;
    }

    private static void SpendPasswordCheck(UserManager<AppUser> users, string? password)
    {
        var nobody = new Citizen();
        _unknownAccountHash ??= users.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString("N"));
        users.PasswordHasher.VerifyHashedPassword(nobody, _unknownAccountHash, password ?? "");
    }

    /// <summary>Signing out ends the session everywhere, not only in this browser: the security stamp changes, so a copy
    /// of the cookie (a shared computer, a stolen cookie) stops working at its next request.</summary>
    public static async Task SignOutAsync(SignInManager<AppUser> signIn, ClaimsPrincipal principal)
    {
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
    }

    /// <summary>Each request with the sign-in cookie: Identity's own check (on its interval, renewing the claims), then
    /// the stamp in the cookie against the account's, a primary-key read, so that a sign-out, a password reset or a
    /// lock ends every copy of the session at once.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null) return;
        var services = context.HttpContext.RequestServices;
        var claimType = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = context.Principal.FindFirstValue(claimType);
        if (!Guid.TryParse(context.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) || stamp is null)
        {
            context.RejectPrincipal();
            return;
        }
        var current = await services.GetRequiredService<AppDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
