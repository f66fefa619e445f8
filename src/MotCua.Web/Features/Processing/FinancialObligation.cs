using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>Yêu cầu thực hiện nghĩa vụ tài chính (status 4 → 6), and its confirmation (6 → 4).</summary>
public static class FinancialObligation
{
    public sealed record Request([Text(InputLimits.Reason)] string Description, int? Revision);

    public sealed record Confirmation(int? Revision);

    private static readonly OfficialRole[] ConfirmRoles = [OfficialRole.DeskOfficial, OfficialRole.Specialist];

    public sealed class Handler(DossierActions actions, CurrentUser user)
    {
        public Task<Dossier> RequestAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.Specialist, c =>
            {
                c.Dossier.RequestFinancialObligation(request.Description, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);

        public Task<Dossier> ConfirmAsync(Guid id, Confirmation request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, user.RoleOf(ConfirmRoles), c =>
            {
                c.Dossier.FulfilFinancialObligation(c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapAction<Request>("/{id:guid}/financial-obligation", "Yêu cầu người nộp thực hiện nghĩa vụ tài chính (trạng thái 4 → 6).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().RequestAsync(id, r, ct), OfficialRole.Specialist);
        group.MapAction<Confirmation>("/{id:guid}/financial-obligation/fulfilled", "Xác nhận người nộp đã hoàn thành nghĩa vụ tài chính (6 → 4).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().ConfirmAsync(id, r, ct), ConfirmRoles);
    }
}
