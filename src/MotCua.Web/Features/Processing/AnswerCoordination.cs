using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>The consulted unit gives its opinion.</summary>
public static class AnswerCoordination
{
    public sealed record Request([Text(InputLimits.Answer)] string Answer, int? Revision);

    private static readonly OfficialRole[] Roles = [OfficialRole.Specialist, OfficialRole.Leader];

    public sealed class Handler(DossierActions actions, CurrentUser user)
    {
        public Task<Dossier> HandleAsync(Guid id, Guid coordinationId, Request request, CancellationToken ct) =>
            actions.AnswerCoordinationAsync(id, coordinationId, request.Revision, user.RoleOf(Roles), c =>
            {
                c.Dossier.AnswerCoordination(coordinationId, request.Answer, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/coordinations/{coordinationId:guid}/answer", "Đơn vị phối hợp trả lời ý kiến.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>()
                .HandleAsync(id, Guid.Parse((string)http.GetRouteValue("coordinationId")!), r, ct), Roles);
}
