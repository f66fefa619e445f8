using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Reception;

/// <summary>The applicant brought the missing papers to the desk: the clock resumes with the time that was left.</summary>
public static class RecordSupplement
{
    public sealed record Request([Text(InputLimits.Reason)] string? Note, int? Revision);

    public sealed class Handler(DossierActions actions)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.DeskOfficial, async c =>
                c.Dossier.AnswerSupplement(request.Note, await c.Calendar(), c.Actor, c.Now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/supplement-answer", "Ghi nhận người nộp đã bổ sung hồ sơ tại Bộ phận Một cửa; tiếp tục tính thời gian.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.DeskOfficial);
}
