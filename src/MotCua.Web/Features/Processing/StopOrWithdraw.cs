using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>Dừng xử lý (Form 05) and rút hồ sơ, at the applicant's request, before a result is issued.</summary>
public static class StopOrWithdraw
{
    public sealed record Request([Text(InputLimits.Reason)] string Reason, int? Revision);

    private static readonly OfficialRole[] WithdrawRoles = [OfficialRole.DeskOfficial, OfficialRole.Leader];

    public sealed class Handler(DossierActions actions, CurrentUser user)
    {
        public Task<Dossier> StopAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.Leader, c =>
            {
                c.Dossier.Stop(request.Reason, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);

        public Task<Dossier> WithdrawAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, user.RoleOf(WithdrawRoles), c =>
            {
                c.Dossier.Withdraw(request.Reason, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapAction<Request>("/{id:guid}/stop", "Dừng xử lý hồ sơ (Mẫu 05).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().StopAsync(id, r, ct), OfficialRole.Leader);
        group.MapAction<Request>("/{id:guid}/withdraw", "Rút hồ sơ theo đề nghị của người nộp.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().WithdrawAsync(id, r, ct), WithdrawRoles);
    }
}
