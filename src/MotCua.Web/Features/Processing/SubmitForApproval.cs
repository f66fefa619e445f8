using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>Trình ký: the specialist sends the draft to the leader.</summary>
public static class SubmitForApproval
{
    public sealed record Request([Text(InputLimits.Reason)] string? Note, int? Revision);

    public sealed class Handler(DossierActions actions)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.Specialist, c =>
            {
                c.Dossier.SubmitForApproval(request.Note, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/submit-for-approval", "Chuyên viên trình lãnh đạo ký duyệt.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.Specialist);
}
