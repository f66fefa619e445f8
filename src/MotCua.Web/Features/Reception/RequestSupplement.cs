using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Reception;

/// <summary>Yêu cầu bổ sung (Form 02): everything missing, at once. The desk asks at reception, the
/// specialist during appraisal; the clock stops until the applicant answers.</summary>
public static class RequestSupplement
{
    public sealed record Request([Text(InputLimits.Reason)] string Reason, [Items(InputLimits.MissingItems, ItemLength = InputLimits.Reason)] IReadOnlyList<string> MissingItems, int? Revision);

    private static readonly OfficialRole[] Roles = [OfficialRole.DeskOfficial, OfficialRole.Specialist];

    public sealed class Handler(DossierActions actions, CurrentUser user)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, user.RoleOf(Roles), c =>
            {
                c.Dossier.RequestSupplement(request.Reason, request.MissingItems ?? [], c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/supplement-requests", "Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02); dừng tính thời gian.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), Roles);
}
