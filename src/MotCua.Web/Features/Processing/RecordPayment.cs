using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Receipts;

namespace MotCua.Web.Features.Processing;

/// <summary>The desk records a fee paid in cash, by card or by transfer (online payments arrive from the
/// payment gateway). Recorded as a paid payment order too, the one payment model of every channel (Features/Payments),
/// whose id the dossier's ledger entry carries.</summary>
public static class RecordPayment
{
    public sealed record Request([Number(1, InputLimits.MaxAmount)] long Amount, PaymentMethod Method, [Text(InputLimits.Reference)] string Reference, int? Revision);

    public sealed class Handler(DossierActions actions, AppDbContext db, IssueReceipts receipts)
    {
        public async Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct)
        {
            var dossier = await actions.ActAsync(id, request.Revision, OfficialRole.DeskOfficial, c =>
            {
                var order = PaymentOrder.AtDesk(c.Dossier, request.Amount, request.Method, Text.Normalize(request.Reference ?? ""), c.Actor.Name, c.Now);
                var credited = c.Dossier.Payments.Count;
                c.Dossier.RecordPayment(request.Amount, request.Method, request.Reference ?? "", c.Now, c.Actor, c.Now, order.Id);
                // A receipt typed twice is the same payment: the dossier ignores it, and so does the model.
                if (c.Dossier.Payments.Count > credited) db.Add(order);
                return Task.CompletedTask;
            }, ct);
            // The electronic receipt of the money taken, numbered in the unit's series.
            await receipts.IssueForDossierAsync(id, ct);
            return dossier;
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/payments", "Ghi nhận thu phí, lệ phí tại Bộ phận Một cửa (tiền mặt, thẻ, chuyển khoản).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.DeskOfficial);
}
