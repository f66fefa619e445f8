using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Payments;

/// <summary>A notice can be lost: every pending online order older than <see cref="PaymentOptions.QueryPendingAfter"/>
/// is settled by asking its gateway (querydr). Paid → credited as the notice would have; declined → failed; unknown
/// to the gateway after its deadline → expired; still running → asked again next time. Then any paid order left without
/// a receipt number is numbered.</summary>
public sealed class SettlePendingPayments(IServiceScopeFactory scopes, IOptionsMonitor<PaymentOptions> options, TimeProvider clock,
    ILogger<SettlePendingPayments> logger) : IRecurringJob
{
    public const string Name = "payments-settle-pending";
    private const int Batch = 200;

    public async Task RunAsync(RecurringOccurrence occurrence, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - options.CurrentValue.QueryPendingAfter;
        List<Guid> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<PaymentOrder>().AsNoTracking()
                .Where(o => o.State == PaymentState.Pending && o.CreatedAtUtc <= before)
                .OrderBy(o => o.CreatedAtUtc).Select(o => o.Id).Take(Batch).ToListAsync(ct);
        }
        foreach (var id in pending)
        {
            // One scope per order: one order's failure does not stop the others.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var settle = scope.ServiceProvider.GetRequiredService<SettlePayment>();
            var order = await db.Set<PaymentOrder>().AsNoTracking().SingleAsync(o => o.Id == id, ct);
            if (await settle.Provider(order.Provider).QueryAsync(order, "127.0.0.1", now, ct) is { } result)
                logger.LogInformation("Pending payment order {TxnRef} queried: {Outcome}", order.TxnRef, await settle.ApplyAsync(result, ct));
        }

        // A payment saved just before a crash has no receipt number yet: it gets the next one now.
        List<Guid> unnumbered;
        await using (var scope = scopes.CreateAsyncScope())
        {
            unnumbered = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<PaymentOrder>().AsNoTracking()
                .Where(o => o.ReceiptNumber == null && o.DossierId != null && (o.State == PaymentState.Paid || o.State == PaymentState.Refunded))
                .OrderBy(o => o.PaidAtUtc).Select(o => o.Id).Take(Batch).ToListAsync(ct);
        }
        foreach (var id in unnumbered)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Receipts.IssueReceipts>().IssueAsync(id, ct);
        }
    }
}
