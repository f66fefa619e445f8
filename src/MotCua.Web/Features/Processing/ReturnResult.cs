using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>Trả kết quả: at the desk (the receiver signs the register), by post, or electronically into the
/// applicant's data store. Being late never blocks it.</summary>
public static class ReturnResult
{
    public sealed record Request(ReturnMethod Method, [Text(InputLimits.Name)] string? ReceivedBy, int? Revision);

    public sealed class Handler(DossierActions actions)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.DeskOfficial, c =>
            {
                c.Dossier.ReturnResult(request.Method, request.ReceivedBy, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/return", "Trả kết quả: tại Bộ phận Một cửa (ký nhận), qua bưu chính, hoặc bản điện tử.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.DeskOfficial);
}
