using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Processing;

/// <summary>Phân công: the head of the unit gives the dossier to a specialist of the unit holding it.</summary>
public static class AssignDossier
{
    public sealed record Request(Guid OfficialId, int? Revision);

    public sealed class Handler(DossierActions actions, AppDbContext db, UnitTree units)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.Leader, async c =>
            {
                var official = await db.Officials.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.OfficialId, ct)
                               ?? throw new DomainException("Không tìm thấy cán bộ được phân công.");
                // A department holding the dossier assigns among its own people; only when the commune itself holds it
                // are all its departments' people candidates (the page offers the same list).
                var holding = await units.FindAsync(c.Dossier.CurrentUnitId, ct);
                if (holding is { Kind: UnitKind.Department })
                {
                    if (official.UnitId != holding.Id)
                        throw new DomainException($"{official.FullName} không thuộc {holding.Name}, nơi đang giữ hồ sơ; hãy phân công chuyên viên của {holding.Name}.");
                }
                else
                {
                    var holder = await units.AdministrativeUnitOfAsync(c.Dossier.CurrentUnitId, ct);
                    if ((await units.AdministrativeUnitOfAsync(official.UnitId, ct)).Id != holder.Id)
                        throw new DomainException($"{official.FullName} không thuộc {holder.Name}, nơi đang giữ hồ sơ.");
                }
                c.Dossier.Assign(official.Id, official.FullName, c.Actor, c.Now);
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/assign", "Lãnh đạo phân công chuyên viên xử lý hồ sơ.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.Leader);
}
