using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>The leader approves and signs; the clerk may then issue the result.</summary>
public static class ApproveDossier
{
    public sealed record Request([Text(InputLimits.Reason)] string? Note, int? Revision);

    public sealed class Handler(DossierActions actions)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.Leader, c =>
            {
                c.Dossier.Approve(request.Note, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/approve", "Lãnh đạo phê duyệt, ký kết quả.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.Leader);
}
