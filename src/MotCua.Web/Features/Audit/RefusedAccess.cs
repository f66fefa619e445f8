using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Audit;

/// <summary>Refused access by a signed-in user, as a structured warning in the application log (not in the audit
/// table: refusals are produced by whoever sends requests, so rows would let anyone fill the database; the log is
/// rotated and shipped by operations). Two sources: the authorization policies (a role or an account kind the user
/// lacks, e.g. a desk official opening the administration), and the scope and ownership checks of the use cases,
/// which answer 404 or 403 (another unit's dossier or file, another citizen's file).</summary>
public static partial class RefusedAccess
{
    private const string LoggedKey = "motcua:refusal-logged";

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning,
        Message = "Refused access: {Method} {Path} answered {StatusCode} to {UserKind} {UserId} ({UserName}, unit {UnitId}): {Reason}")]
    private static partial void Refused(ILogger logger, string method, string path, int statusCode, string userKind, string? userId, string? userName,
        string? unitId, string reason);

    private static void Log(ILogger logger, HttpContext context, int status, string reason)
    {
        var user = context.User;
        context.Items[LoggedKey] = true;
        Refused(logger, context.Request.Method, context.Request.Path.Value ?? "", status,
            user.HasClaim(IdentitySetup.KindClaim, nameof(Official)) ? nameof(Official) : nameof(Citizen),
            user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name, user.FindFirstValue(IdentitySetup.UnitIdClaim), reason);
    }

    /// <summary>Logs the 403 and 404 answers (and the refusals thrown as exceptions) given to signed-in users. Runs
    /// after authentication, so it knows the user, and inside the status-code pages, so it sees the first answer
    /// and not the re-executed error page.</summary>
    public sealed class Middleware(RequestDelegate next, ILogger<Middleware> logger)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            var signedIn = context.User.Identity?.IsAuthenticated == true && context.Features.Get<IStatusCodeReExecuteFeature>() is null;
            try
            {
                await next(context);
            }
            catch (Exception e) when (signedIn && e is ForbiddenException or NotFoundException)
            {
                Log(logger, context, e is ForbiddenException ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound, e.Message);
                throw;
            }
            if (signedIn && context.Response.StatusCode is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound && !context.Items.ContainsKey(LoggedKey))
                Log(logger, context, context.Response.StatusCode, "refused by the scope or ownership rule, or absent");
        }
    }

    /// <summary>The framework's handling of authorization results, plus a log line when a signed-in user is
    /// forbidden by a policy; pages answer those with a redirect to the "denied" page, which the middleware would
    /// not see as a refusal.</summary>
    public sealed class AuthorizationResultHandler(ILogger<AuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(authorizeResult);
            if (authorizeResult.Forbidden)
            {
                var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.Select(Describe) ?? [];
                Log(logger, context, StatusCodes.Status403Forbidden, "policy not met: " + string.Join("; ", failed));
            }
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        private static string Describe(IAuthorizationRequirement requirement) => requirement switch
        {
            RolesAuthorizationRequirement roles => "role " + string.Join(" or ", roles.AllowedRoles),
            ClaimsAuthorizationRequirement claim => $"claim {claim.ClaimType} = {string.Join(" or ", claim.AllowedValues ?? [])}",
            _ => requirement.GetType().Name,
        };
    }
}
