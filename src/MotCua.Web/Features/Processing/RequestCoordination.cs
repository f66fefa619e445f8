using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Processing;

/// <summary>Lấy ý kiến phối hợp (liên thông): asks another unit, with its own deadline.</summary>
public static class RequestCoordination
{
    public sealed record Request(Guid UnitId, [Text(InputLimits.Reason)] string Question, DateTime DueAtUtc, int? Revision);

    public sealed class Handler(DossierActions actions, UnitTree units)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.Specialist, async c =>
            {
                var unit = await units.FindAsync(request.UnitId, ct) ?? throw new DomainException("Không tìm thấy đơn vị phối hợp.");
                c.Dossier.RequestCoordination(unit.Id, unit.Name, request.Question, DateTime.SpecifyKind(request.DueAtUtc, DateTimeKind.Utc), c.Actor, c.Now);
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/coordinations", "Lấy ý kiến đơn vị phối hợp (liên thông) với hạn trả lời riêng.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.Specialist);
}
