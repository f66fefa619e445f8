using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>The desk records a fee paid in cash, by card or by transfer (online payments arrive from the
/// payment gateway).</summary>
public static class RecordPayment
{
    public sealed record Request([Number(1, InputLimits.MaxAmount)] long Amount, PaymentMethod Method, [Text(InputLimits.Reference)] string Reference, int? Revision);

    public sealed class Handler(DossierActions actions)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.DeskOfficial, c =>
            {
                if (request.Method is PaymentMethod.NationalPortal or PaymentMethod.LocalGateway)
                    throw new Infrastructure.DomainException("Thanh toán trực tuyến được ghi nhận tự động từ cổng thanh toán, không nhập tay.");
                c.Dossier.RecordPayment(request.Amount, request.Method, request.Reference, c.Now, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/payments", "Ghi nhận thu phí, lệ phí tại Bộ phận Một cửa (tiền mặt, thẻ, chuyển khoản).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.DeskOfficial);
}
