using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments.Receipts;

/// <summary>Numbers the electronic receipt of a paid order in its unit's series of the year: the next number after the
/// highest one given, so the series has no gap. Two payments numbered at once may read the same highest number; the
/// unique index (unit, year, number) refuses the second save, which reads again and takes the next one. Run right
/// after a payment is saved (the gateway's settlement, the desk's record), and by the settlement job for any paid order
/// left without a number (a crash between the two saves).</summary>
public sealed class IssueReceipts(AppDbContext db, UnitTree units, TimeProvider clock, ILogger<IssueReceipts> logger)
{
    private const int Attempts = 20;

    /// <summary>Numbers every paid order of the dossier that has no number yet, in the order they were paid.</summary>
    public async Task IssueForDossierAsync(Guid dossierId, CancellationToken ct)
    {
        var ids = await db.Set<PaymentOrder>().AsNoTracking()
            .Where(o => o.DossierId == dossierId && o.ReceiptNumber == null && (o.State == PaymentState.Paid || o.State == PaymentState.Refunded))
            .OrderBy(o => o.PaidAtUtc).ThenBy(o => o.CreatedAtUtc).Select(o => o.Id).ToListAsync(ct);
        foreach (var id in ids) await IssueAsync(id, ct);
    }

    /// <summary>The order's receipt number, given now if it has none; null when the order is not paid.</summary>
    public async Task<int?> IssueAsync(Guid orderId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var order = await db.Set<PaymentOrder>().SingleAsync(o => o.Id == orderId, ct);
            if (order.ReceiptNumber is { } given) return given;
            if (order.State is not (PaymentState.Paid or PaymentState.Refunded)) return null;
            // A draft's payment is numbered once the submission attaches it to its dossier (the series is the dossier's unit's).
            if (order.DossierId is null) return null;
            var receivingUnit = await db.Dossiers.AsNoTracking().Where(d => d.Id == order.DossierId).Select(d => d.ReceivingUnitId).SingleAsync(ct);
            var unit = (await units.AdministrativeUnitOfAsync(receivingUnit, ct)).Id;
            var now = clock.GetUtcNow().UtcDateTime;
            var year = VietnamTime.ToLocal(order.PaidAtUtc ?? now).Year;
            var last = await db.Set<PaymentOrder>().Where(o => o.ReceiptUnitId == unit && o.ReceiptYear == year).MaxAsync(o => o.ReceiptNumber, ct);
            order.IssueReceipt(unit, year, (last ?? 0) + 1, now);
            try
            {
                await db.SaveChangesAsync(ct);
                return order.ReceiptNumber;
            }
            catch (DbUpdateException e) when (attempt < Attempts)
            {
                // Another payment took that number (or changed this order) in between: read again and take the next.
                logger.LogInformation("Receipt number {Number} for order {Order} was taken concurrently ({Error}); retrying", order.ReceiptNumber, orderId, e.GetType().Name);
                var entry = db.Entry(order);
                entry.State = EntityState.Detached;
            }
        }
    }
}
