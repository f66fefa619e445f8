using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments.Vnpay;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>Applies what a gateway said about an order — from its notice (IPN) or from a query, never from the
/// payer's return alone — once: the order is settled, and when paid the dossier's ledger is credited by the gateway
/// acting as an integration (ADR 0024), and a dossier waiting for its financial obligation (status 6) moves on.
/// Idempotent: a notice for a settled order changes nothing; two at once are ordered by the unique ledger entry per
/// order and the revisions of the dossier and the order, so the loser's save fails and it reads what the winner did.</summary>
public sealed class SettlePayment(AppDbContext db, DossierActions dossiers, IEnumerable<IPaymentProvider> providers, TimeProvider clock,
    Receipts.IssueReceipts receipts, ILogger<SettlePayment> logger)
{
    public enum Outcome { Applied, OrderNotFound, AlreadySettled, InvalidAmount, StillPending, Failed }

    public IPaymentProvider Provider(string code) => providers.Single(p => p.Code == code);

    public async Task<Outcome> ApplyAsync(GatewayResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        var order = await db.Set<PaymentOrder>().SingleOrDefaultAsync(o => o.TxnRef == result.TxnRef, ct);
        if (order is null || !order.IsOnline) return Outcome.OrderNotFound;
        if (result.Amount is { } amount && amount != order.Amount) return Outcome.InvalidAmount;
        if (order.State != PaymentState.Pending) return Outcome.AlreadySettled;
        Outcome outcome;
        try
        {
            outcome = await SettleAsync(order, result, ct);
        }
        catch (DbUpdateException e)
        {
            // Another notice (or the sweep) settled it in between: what it stored stands.
            logger.LogInformation("Payment order {TxnRef} was settled concurrently ({Error}); reading it again", order.TxnRef, e.GetType().Name);
            db.ChangeTracker.Clear();
            var stored = await db.Set<PaymentOrder>().AsNoTracking().SingleAsync(o => o.Id == order.Id, ct);
            return stored.State == PaymentState.Pending ? throw new InvalidOperationException("Payment order still pending after a failed save.", e) : Outcome.AlreadySettled;
        }
        catch (ChangedException)
        {
            db.ChangeTracker.Clear();
            return Outcome.AlreadySettled;
        }
        if (outcome == Outcome.Applied)
        {
            // The payment stands whatever happens to its receipt: a number not given now is given by the settlement job.
            try
            {
                await receipts.IssueAsync(order.Id, ct);
            }
            catch (DbUpdateException e)
            {
                logger.LogWarning("Payment order {TxnRef} is paid; its receipt number will be given later ({Error})", order.TxnRef, e.GetType().Name);
            }
        }
        return outcome;
    }

    private async Task<Outcome> SettleAsync(PaymentOrder order, GatewayResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (result.Outcome)
        {
            case GatewayOutcome.Paid when order.DossierId is null:
                // A draft paid before submission: its submission writes the ledger (OnlineSubmission/PayDraft.cs).
                order.MarkPaid(result.TransactionNo, result.BankCode, result.ResponseCode, result.PaidAtUtc ?? now, now);
                await db.SaveChangesAsync(ct);
                return Outcome.Applied;
            case GatewayOutcome.Paid:
                var provider = Provider(order.Provider);
                await dossiers.ActAsync(provider.Integration, order.DossierId.Value, null, c =>
                {
                    order.MarkPaid(result.TransactionNo, result.BankCode, result.ResponseCode, result.PaidAtUtc ?? now, now);
                    Credit(c.Dossier, order, c.Actor, now);
                    return Task.CompletedTask;
                }, ct);
                return Outcome.Applied;
            case GatewayOutcome.Failed:
                order.MarkFailed(result.ResponseCode, now);
                await db.SaveChangesAsync(ct);
                return Outcome.Failed;
            case GatewayOutcome.NotFound when order.ExpiresAtUtc is { } expires && now > expires:
                order.MarkExpired(now);
                await db.SaveChangesAsync(ct);
                return Outcome.Failed;
            default:
                return Outcome.StillPending;
        }
    }

    /// <summary>The money is taken: it goes into the dossier's ledger, or, when the dossier can no longer take it
    /// (ended meanwhile, or paid at the desk in between), it is recorded as a refund due.</summary>
    private static void Credit(Dossier dossier, PaymentOrder order, Actor actor, DateTime now)
    {
        try
        {
            dossier.RecordPayment(order.Amount, order.Channel, order.GatewayTransactionNo ?? order.TxnRef, order.PaidAtUtc ?? now, actor, now, order.Id);
        }
        catch (DomainException e)
        {
            order.MarkRefundDue(actor.Name, $"Đã thu tiền qua cổng thanh toán nhưng không ghi nhận được vào hồ sơ: {e.Message}", now);
            return;
        }
        if (dossier.Status == DossierStatus.AwaitingFinancialObligation && dossier.AmountPaid >= dossier.FeesOwed)
            dossier.FulfilFinancialObligation(actor, now);
    }

    /// <summary>The protocol's answer to an IPN for each outcome.</summary>
    public static IpnResponse IpnAnswer(Outcome outcome) => outcome switch
    {
        Outcome.Applied or Outcome.Failed => VnpayProtocol.IpnAnswer.Confirmed,
        Outcome.OrderNotFound => VnpayProtocol.IpnAnswer.OrderNotFound,
        Outcome.AlreadySettled => VnpayProtocol.IpnAnswer.AlreadyConfirmed,
        Outcome.InvalidAmount => VnpayProtocol.IpnAnswer.InvalidAmount,
        _ => VnpayProtocol.IpnAnswer.UnknownError,
    };
}
