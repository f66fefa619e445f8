using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Processing;

/// <summary>The desk hands a received dossier to the department that processes it (status 2 → 4).</summary>
public static class StartProcessing
{
    public sealed record Request(Guid UnitId, int? Revision);

    public sealed class Handler(DossierActions actions, UnitTree units)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.DeskOfficial, async c =>
            {
                var unit = await units.FindAsync(request.UnitId, ct) ?? throw new DomainException("Không tìm thấy đơn vị xử lý.");
                var scope = await actions.ScopeAsync(ct);
                if (!scope.Contains(unit.Id)) throw new DomainException($"{unit.Name} không thuộc đơn vị của bạn; để chuyển sang đơn vị khác, hãy dùng chức năng chuyển hồ sơ.");
                // The desk hands on, never to itself: a one-stop desk or a service centre does not process (the page
                // offers neither; an API caller is told the same).
                if (unit.Kind is UnitKind.OneStopDesk or UnitKind.PublicServiceCenter)
                    throw new DomainException($"{unit.Name} là bộ phận tiếp nhận và trả kết quả, không phải bộ phận xử lý; hãy chọn phòng, ban chuyên môn giải quyết hồ sơ.");
                c.Dossier.StartProcessing(unit.Id, unit.Name, c.Actor, c.Now);
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/start-processing", "Chuyển hồ sơ đã tiếp nhận đến bộ phận xử lý (trạng thái 2 → 4).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.DeskOfficial);
}
