using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Maps one action on a dossier: POST under /api/dossiers/{id}/..., for the given roles, answering
/// the dossier's new summary. Errors come from the exception handler as ProblemDetails (404, 409, 422).</summary>
public static class DossierEndpoint
{
    public static RouteHandlerBuilder MapAction<TRequest>(this RouteGroupBuilder group, string pattern, string summary,
        Func<TRequest, Guid, HttpContext, CancellationToken, Task<Dossier>> handle, params OfficialRole[] roles)
        where TRequest : notnull =>
        group.MapPost(pattern, async Task<Ok<DossierSummary>> (Guid id, TRequest request, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(DossierSummary.From(await handle(request, id, http, ct))))
            .RequireAuthorization(policy => policy.RequireClaim(IdentitySetup.KindClaim, nameof(Official)).RequireRole(roles.Select(r => r.ToString())))
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>The first of the roles the signed-in official holds: the role they act in.</summary>
    public static OfficialRole RoleOf(this CurrentUser user, params OfficialRole[] roles) =>
        roles.FirstOrDefault(user.IsInRole, roles[0]);
}
