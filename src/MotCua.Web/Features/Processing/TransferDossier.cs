using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Processing;

/// <summary>Chuyển hồ sơ to another unit of the province — the competent commune after cross-boundary
/// reception (không phụ thuộc địa giới hành chính), which then becomes the competent unit; the hand-over is kept in
/// the history and on Form 06.</summary>
public static class TransferDossier
{
    public sealed record Request(Guid UnitId, [Text(InputLimits.Reason)] string? Note, int? Revision);

    private static readonly OfficialRole[] Roles = [OfficialRole.DeskOfficial, OfficialRole.Leader, OfficialRole.Specialist];

    public sealed class Handler(DossierActions actions, UnitTree units, CurrentUser user, AppDbContext db)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, user.RoleOf(Roles), async c =>
            {
                var unit = await units.FindAsync(request.UnitId, ct) ?? throw new DomainException("Không tìm thấy đơn vị nhận hồ sơ.");
                var target = await units.AdministrativeUnitOfAsync(unit.Id, ct);
                if (await units.ProvinceOfAsync(target.Id, ct) != await units.ProvinceOfAsync(c.Dossier.CurrentUnitId, ct))
                    throw new DomainException("Chỉ chuyển hồ sơ trong phạm vi tỉnh.");
                var version = await db.ProcedureVersions.SingleAsync(v => v.Id == c.Dossier.ProcedureVersionId, ct);
                c.Dossier.Transfer(new Dossier.TransferTarget(unit.Id, unit.Name, target.Id, target.Name, target.Kind), version, request.Note, c.Actor, c.Now);
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/transfer", "Chuyển hồ sơ sang đơn vị khác trong tỉnh (tiếp nhận không phụ thuộc địa giới hành chính).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), Roles);
}
