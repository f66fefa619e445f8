using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reception;

/// <summary>Tiếp nhận hồ sơ trực tuyến: the desk official has checked the e-form and files; the clock starts.</summary>
public static class ReceiveOnline
{
    public sealed record Request(int? Revision);

    public sealed class Handler(DossierActions actions, AppDbContext db)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.DeskOfficial, async c =>
            {
                var version = await db.ProcedureVersions.SingleAsync(v => v.Id == c.Dossier.ProcedureVersionId, ct);
                c.Dossier.Receive(version, await c.Calendar(), c.Actor, c.Now);
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/receive", "Tiếp nhận hồ sơ nộp trực tuyến (trạng thái 1 → 2).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.DeskOfficial);
}
