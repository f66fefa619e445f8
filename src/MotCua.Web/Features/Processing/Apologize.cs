using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>Form 04: the unit apologises for a late dossier, gives the reason and one new date (once only). The legal
/// due date stays: the dossier is still judged late against it.</summary>
public static class Apologize
{
    public sealed record Request([Text(InputLimits.Reason)] string Reason, DateTime NewDueAtUtc, int? Revision);

    private static readonly OfficialRole[] Roles = [OfficialRole.Leader, OfficialRole.StatisticsOffice];

    public sealed class Handler(DossierActions actions, CurrentUser user)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, user.RoleOf(Roles), async c =>
                c.Dossier.Apologize(request.Reason, DateTime.SpecifyKind(request.NewDueAtUtc, DateTimeKind.Utc), await c.Calendar(), c.Actor, c.Now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/apology", "Văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04); chỉ một lần.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), Roles);
}
