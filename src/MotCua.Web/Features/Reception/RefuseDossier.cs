using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Reception;

/// <summary>Từ chối tiếp nhận (Form 03) of an online dossier, with the specific reason.</summary>
public static class RefuseDossier
{
    public sealed record Request([Text(InputLimits.Reason)] string Reason, int? Revision);

    public sealed class Handler(DossierActions actions)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.DeskOfficial, c =>
            {
                c.Dossier.Refuse(request.Reason, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/refuse", "Từ chối tiếp nhận hồ sơ (Mẫu 03).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.DeskOfficial);
}
