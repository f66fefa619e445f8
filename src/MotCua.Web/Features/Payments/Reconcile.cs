using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>Đối soát: a unit's day of payments compared with what the gateway says. The unit's side is its payment
/// orders (paid that day, or sent to a gateway that day) and its dossiers' ledger; the gateway's side is the answer
/// to a transaction query (querydr) for each online order, so a payment the gateway took without telling us — a lost
/// notice — shows up. Every difference is listed, with totals by channel on both sides.</summary>
public static class Reconcile
{
    public enum DifferenceKind
    {
        /// <summary>Paid in our records, the gateway does not have it as paid.</summary>
        PaidHereNotThere,
        /// <summary>The gateway took the money, our order is not paid.</summary>
        PaidThereNotHere,
        AmountDiffers,
        /// <summary>Neither side has settled it yet.</summary>
        Pending,
        /// <summary>The gateway did not answer (or its answer could not be trusted): to check again.</summary>
        Unverified,
        /// <summary>A ledger entry of the day with no payment order (older entries, imports).</summary>
        LedgerWithoutOrder,
        /// <summary>A paid order not credited to its dossier (it ended meanwhile: refund due).</summary>
        OrderWithoutLedger,
    }

    public sealed record Row(Guid? OrderId, string DossierCode, string Channel, string Reference, string? TransactionNo,
        long Amount, string Here, string? There, long? AmountThere, string? Receipt, DifferenceKind? Difference, string? Explanation);

    /// <param name="GatewayCount">Null for the channels no gateway takes (desk, transfer).</param>
    public sealed record ChannelTotal(string Channel, int Count, long Amount, int? GatewayCount, long? GatewayAmount);

    public sealed record Result(string UnitName, string UnitCode, DateOnly Day, IReadOnlyList<ChannelTotal> Totals, IReadOnlyList<Row> Rows)
    {
        public IReadOnlyList<Row> Differences => [.. Rows.Where(r => r.Difference is not null)];
    }

    public static string Describe(DifferenceKind kind) => kind switch
    {
        DifferenceKind.PaidHereNotThere => "Đã ghi thu nhưng cổng thanh toán không ghi nhận",
        DifferenceKind.PaidThereNotHere => "Cổng thanh toán đã thu nhưng đơn vị chưa ghi nhận",
        DifferenceKind.AmountDiffers => "Số tiền hai bên khác nhau",
        DifferenceKind.Pending => "Đang chờ xử lý",
        DifferenceKind.Unverified => "Chưa đối chiếu được với cổng thanh toán",
        DifferenceKind.LedgerWithoutOrder => "Ghi thu trên hồ sơ không có lệnh thanh toán",
        DifferenceKind.OrderWithoutLedger => "Đã thu nhưng chưa ghi vào hồ sơ (phải hoàn trả)",
        _ => kind.ToString(),
    };

    public static string StateName(PaymentState state) => state switch
    {
        PaymentState.Pending => "Đang chờ",
        PaymentState.Paid => "Đã thanh toán",
        PaymentState.Failed => "Không thành công",
        PaymentState.Expired => "Hết hạn",
        PaymentState.Refunded => "Đã hoàn trả",
        _ => state.ToString(),
    };

    private static string GatewayName(GatewayOutcome outcome) => outcome switch
    {
        GatewayOutcome.Paid => "Đã thanh toán",
        GatewayOutcome.Failed => "Không thành công",
        GatewayOutcome.Pending => "Đang chờ",
        GatewayOutcome.NotFound => "Không có giao dịch",
        _ => outcome.ToString(),
    };

    /// <summary>Gateway queries sent at once within a batch: the day of a busy unit is not one query after another, and the
    /// gateway is not flooded either.</summary>
    public const int ParallelQueries = 4;

    public sealed class Handler(AppDbContext db, PaymentAccess access, IEnumerable<IPaymentProvider> providers, IOptionsMonitor<PaymentOptions> options, TimeProvider clock,
        ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(string? unit, DateOnly day, string callerIp, CancellationToken ct)
        {
            var target = await access.UnitAsync(unit, ct);
            var from = VietnamTime.ToUtc(day.ToDateTime(TimeOnly.MinValue));
            var to = from.AddDays(1);
            var scope = target.Scope.ToList();
            var dossiers = db.Dossiers.AsNoTracking().Where(d => scope.Contains(d.ReceivingUnitId));
            // The unit's orders: its dossiers', and its drafts' paid before submission (no dossier yet, or never one).
            var ofTheDay = db.Set<PaymentOrder>().AsNoTracking()
                .Where(o => dossiers.Any(d => d.Id == o.DossierId)
                            || (o.DossierId == null && o.ReceivingUnitId != null && scope.Contains(o.ReceivingUnitId.Value)))
                .Where(o => (o.PaidAtUtc >= from && o.PaidAtUtc < to)
                            || (o.Provider != PaymentOrder.DeskProvider && o.CreatedAtUtc >= from && o.CreatedAtUtc < to));
            // The owner-and-entry form of SelectMany is a join; a correlated one needs APPLY, which SQLite lacks.
            var ledger = await dossiers
                .SelectMany(d => d.Payments, (d, p) => new { d.Code, p.PaymentOrderId, p.Amount, p.Method, p.Reference, p.PaidAtUtc })
                .Where(x => x.PaidAtUtc >= from && x.PaidAtUtc < to && x.PaymentOrderId == null)
                .ToListAsync(ct);
            var receipts = options.CurrentValue.Receipts;
            var now = clock.GetUtcNow().UtcDateTime;

            var rows = new List<Row>();
            var gateway = new List<(PaymentMethod Channel, long Amount)>();
            var paid = new List<(PaymentMethod Channel, long Amount)>();
            // The day's order ids first (small), then the orders batch by batch: an order settled while the day is read
            // neither shifts a page nor is read twice.
            var ids = await ofTheDay.OrderBy(o => o.CreatedAtUtc).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
            var batch = Math.Max(1, options.CurrentValue.ReconciliationBatch);
            foreach (var chunk in ids.Chunk(batch))
            {
                var orderIds = chunk.ToList();
                var orders = await db.Set<PaymentOrder>().AsNoTracking().Where(o => orderIds.Contains(o.Id))
                    .OrderBy(o => o.CreatedAtUtc).ThenBy(o => o.Id).ToListAsync(ct);
                var creditedSet = (await dossiers.SelectMany(d => d.Payments)
                    .Where(p => p.PaymentOrderId != null && orderIds.Contains(p.PaymentOrderId.Value))
                    .Select(p => p.PaymentOrderId!.Value).ToListAsync(ct)).ToHashSet();
                var answers = new GatewayResult?[orders.Count];
                await Parallel.ForEachAsync(Enumerable.Range(0, orders.Count).Where(i => orders[i].IsOnline),
                    new ParallelOptions { MaxDegreeOfParallelism = ParallelQueries, CancellationToken = ct },
                    async (i, token) => answers[i] = await QueryAsync(orders[i], callerIp, now, token));

                for (var i = 0; i < orders.Count; i++)
                {
                    var order = orders[i];
                    var here = StateName(order.State);
                    var paidHere = order.State is PaymentState.Paid or PaymentState.Refunded;
                    if (paidHere && order.PaidAtUtc >= from && order.PaidAtUtc < to) paid.Add((order.Channel, order.Amount));
                    var receipt = order.ReceiptNumber is { } n ? $"{receipts.Series(order.ReceiptYear!.Value)}/{n.ToString("0000000", CultureInfo.InvariantCulture)}" : null;
                    var code = order.DossierId is null ? ListRefunds.DraftLabel : order.DossierCode;
                    // A draft's order is written into a ledger only when its draft is submitted.
                    var credited = order.DossierId is null || creditedSet.Contains(order.Id);
                    if (!order.IsOnline)
                    {
                        var missing = order.State == PaymentState.Paid && order.RefundDueAtUtc is null && !credited;
                        rows.Add(new Row(order.Id, code, order.Channel.DisplayName(), order.TxnRef, order.GatewayTransactionNo, order.Amount, here,
                            null, null, receipt, missing ? DifferenceKind.OrderWithoutLedger : null, missing ? Describe(DifferenceKind.OrderWithoutLedger) : null));
                        continue;
                    }
                    var there = answers[i];
                    if (there?.Outcome == GatewayOutcome.Paid) gateway.Add((order.Channel, there.Amount ?? 0));
                    var (kind, why) = Compare(order, paidHere, there, credited);
                    rows.Add(new Row(order.Id, code, order.Channel.DisplayName(), order.TxnRef, there?.TransactionNo ?? order.GatewayTransactionNo,
                        order.Amount, here, there is null ? null : GatewayName(there.Outcome), there?.Amount, receipt, kind, why));
                }
            }
            foreach (var entry in ledger)
                rows.Add(new Row(null, entry.Code ?? "", entry.Method.DisplayName(), entry.Reference, null, entry.Amount, "Ghi thu trên hồ sơ", null, null, null,
                    DifferenceKind.LedgerWithoutOrder, Describe(DifferenceKind.LedgerWithoutOrder)));

            var totals = Enum.GetValues<PaymentMethod>().Select(channel =>
            {
                var mine = paid.Where(o => o.Channel == channel).ToList();
                var online = channel is PaymentMethod.NationalPortal or PaymentMethod.LocalGateway;
                var theirs = gateway.Where(g => g.Channel == channel).ToList();
                return new ChannelTotal(channel.DisplayName(), mine.Count, mine.Sum(o => o.Amount),
                    online ? theirs.Count : null, online ? theirs.Sum(g => g.Amount) : null);
            }).ToList();
            return new Result(target.Name, target.AgencyCode, day, totals, rows);
        }

        private async Task<GatewayResult?> QueryAsync(PaymentOrder order, string callerIp, DateTime now, CancellationToken ct)
        {
            if (providers.SingleOrDefault(p => p.Code == order.Provider) is not { } provider) return null;
            try
            {
                return await provider.QueryAsync(order, callerIp, now, ct);
            }
            catch (HttpRequestException e)
            {
                logger.LogWarning("Reconciliation: querying order {TxnRef} failed: {Error}", order.TxnRef, e.Message);
                return null;
            }
        }

        private static (DifferenceKind?, string?) Compare(PaymentOrder order, bool paidHere, GatewayResult? there, bool credited)
        {
            DifferenceKind? kind = there switch
            {
                null => DifferenceKind.Unverified,
                { Outcome: GatewayOutcome.Paid } when !paidHere => DifferenceKind.PaidThereNotHere,
                { Outcome: not GatewayOutcome.Paid } when paidHere => DifferenceKind.PaidHereNotThere,
                { Outcome: GatewayOutcome.Paid, Amount: { } amount } when amount != order.Amount => DifferenceKind.AmountDiffers,
                { Outcome: GatewayOutcome.Pending or GatewayOutcome.NotFound } when order.State == PaymentState.Pending => DifferenceKind.Pending,
                _ when order.State == PaymentState.Paid && order.RefundDueAtUtc is null && !credited => DifferenceKind.OrderWithoutLedger,
                _ => null,
            };
            if (kind is not { } k) return (null, null);
            var why = k switch
            {
                DifferenceKind.AmountDiffers => $"{Describe(k)}: đơn vị {FeeCalculator.Money(order.Amount)}, cổng {FeeCalculator.Money(there!.Amount!.Value)}",
                DifferenceKind.PaidThereNotHere => $"{Describe(k)} (trạng thái tại đơn vị: {StateName(order.State)}); cần truy vấn lại để ghi nhận",
                _ => Describe(k),
            };
            return (k, why);
        }
    }
}
