using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>The money a unit owes back: payments of dossiers that ended without being settled (refused, withdrawn,
/// stopped) or that could not be credited, marked "refund due" when it happened (<see cref="RefundOnEnd"/>).</summary>
public static class ListRefunds
{
    public sealed record Item(Guid OrderId, Guid DossierId, string DossierCode, string ApplicantName, long Amount, string AmountText,
        string Channel, string? TransactionRef, DateTime PaidAtUtc, string Reason, string DueBy, DateTime DueSinceUtc);

    public sealed record Result(string UnitName, string UnitCode, IReadOnlyList<Item> Items, long Total);

    public sealed class Handler(AppDbContext db, PaymentAccess access)
    {
        public async Task<Result> HandleAsync(string? unit, CancellationToken ct)
        {
            var target = await access.UnitAsync(unit, ct);
            var scope = target.Scope.ToList();
            var rows = await db.Set<PaymentOrder>().AsNoTracking()
                .Where(o => o.State == PaymentState.Paid && o.RefundDueAtUtc != null)
                .Join(db.Dossiers.Where(d => scope.Contains(d.ReceivingUnitId)), o => o.DossierId, d => d.Id, (o, d) => new { Order = o, d.Applicant.FullName })
                .OrderBy(x => x.Order.RefundDueAtUtc)
                .Take(1000)
                .ToListAsync(ct);
            var items = rows.Select(x => new Item(x.Order.Id, x.Order.DossierId!.Value, x.Order.DossierCode, x.FullName, x.Order.Amount,
                Catalog.FeeCalculator.Money(x.Order.Amount), x.Order.Channel.DisplayName(), x.Order.GatewayTransactionNo ?? x.Order.TxnRef,
                x.Order.PaidAtUtc ?? x.Order.CreatedAtUtc, x.Order.RefundReason ?? "", x.Order.RefundDueBy ?? "", x.Order.RefundDueAtUtc!.Value)).ToList();
            return new Result(target.Name, target.AgencyCode, items, items.Sum(i => i.Amount));
        }
    }
}

/// <summary>An official records that the money owed back was given back: the order becomes "refunded" with who,
/// when, how and the voucher's reference, and the dossier's history says so. Recording it twice is refused (409).</summary>
public static class RecordRefund
{
    public sealed record Request(RefundMethod? Method, [Text(InputLimits.Reference)] string? Reference);

    public sealed record Response(Guid OrderId, string DossierCode, PaymentState State, string RefundedBy, DateTime RefundedAtUtc, RefundMethod Method, string Reference);

    public sealed class Handler(AppDbContext db, DossierActions actions, PaymentAccess access)
    {
        public async Task<Response> HandleAsync(Guid orderId, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var role = access.FinanceRole();
            var order = await db.Set<PaymentOrder>().SingleOrDefaultAsync(o => o.Id == orderId, ct) ?? throw NotFound();
            // A draft's order has no dossier yet: it is refunded through the dossier it is attached to on submission.
            if (order.DossierId is not { } dossierId) throw NotFound();
            var method = request.Method ?? throw new DomainException("Chưa chọn hình thức hoàn trả.");
            if (!Enum.IsDefined(method)) throw new DomainException("Hình thức hoàn trả không hợp lệ.");
            var reference = Text.NormalizeOrNull(request.Reference)
                ?? throw new DomainException("Chưa nhập số chứng từ hoàn trả (số phiếu chi, mã giao dịch chuyển khoản hoặc hoàn tiền).");
            if (reference.Length > InputLimits.Reference) throw new DomainException($"Số chứng từ hoàn trả dài tối đa {InputLimits.Reference} ký tự.");
            try
            {
                // Through the dossier: its units only (404 for another unit), its revision, and a history entry in the same save.
                await actions.ActAsync(dossierId, null, role, c =>
                {
                    order.MarkRefunded(method, reference, $"{c.Actor.Name} ({c.Actor.Role})", c.Now);
                    c.Dossier.RecordRefund(order.Amount, $"{method.DisplayName()}, chứng từ {reference}", c.Actor, c.Now);
                    return Task.CompletedTask;
                }, ct);
            }
            catch (NotFoundException)
            {
                throw NotFound();
            }
            return new Response(order.Id, order.DossierCode, order.State, order.RefundedBy!, order.RefundedAtUtc!.Value, method, reference);
        }
    }

    public static NotFoundException NotFound() => new("Không tìm thấy khoản thanh toán, hoặc khoản thanh toán không thuộc đơn vị của bạn.");
}
