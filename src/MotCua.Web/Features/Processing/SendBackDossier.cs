using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>The leader sends the draft back to the specialist, with a reason.</summary>
public static class SendBackDossier
{
    public sealed record Request([Text(InputLimits.Reason)] string Reason, int? Revision);

    public sealed class Handler(DossierActions actions)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.Leader, c =>
            {
                c.Dossier.SendBack(request.Reason, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/send-back", "Lãnh đạo trả lại dự thảo kèm lý do.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.Leader);
}
