using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>The money a unit owes back: payments of dossiers that ended without being settled (refused, withdrawn,
/// stopped) or that could not be credited, marked "refund due" when it happened (<see cref="RefundOnEnd"/>), and payments
/// of online drafts paid before submission whose draft went without being submitted (deleted by its citizen, or purged as
/// abandoned). Paged, oldest due first, with the count and total of all of them, so that nothing is cut silently.</summary>
public static class ListRefunds
{
    /// <param name="DossierId">Null for a draft's payment: the draft was never submitted.</param>
    public sealed record Item(Guid OrderId, Guid? DossierId, string DossierCode, string ApplicantName, long Amount, string AmountText,
        string Channel, string? TransactionRef, DateTime PaidAtUtc, string Reason, string DueBy, DateTime DueSinceUtc);

    /// <param name="Count">Every refund due of the unit, not only this page's.</param>
    /// <param name="Total">The amount of all of them, in đồng.</param>
    public sealed record Result(string UnitName, string UnitCode, IReadOnlyList<Item> Items, long Total, int Count = 0, int Page = 1, int PageSize = DefaultPageSize)
    {
        public int Pages => Math.Max(1, (Count + PageSize - 1) / PageSize);
    }

    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    /// <summary>What is shown for a draft's payment in place of a dossier code.</summary>
    public const string DraftLabel = "Bản nháp chưa nộp";

    public sealed class Handler(AppDbContext db, PaymentAccess access)
    {
        public async Task<Result> HandleAsync(string? unit, CancellationToken ct, int page = 1, int pageSize = DefaultPageSize)
        {
            if (page < 1 || page > 1_000_000) throw new DomainException("Trang phải từ 1 trở lên.");
            if (pageSize is < 1 or > MaxPageSize) throw new DomainException($"Số dòng mỗi trang phải từ 1 đến {MaxPageSize}.");
            var target = await access.UnitAsync(unit, ct);
            var scope = target.Scope.ToList();
            var due = db.Set<PaymentOrder>().AsNoTracking()
                .Where(o => o.State == PaymentState.Paid && o.RefundDueAtUtc != null)
                .Where(o => db.Dossiers.Any(d => d.Id == o.DossierId && scope.Contains(d.ReceivingUnitId))
                            || (o.DossierId == null && o.ReceivingUnitId != null && scope.Contains(o.ReceivingUnitId.Value)));
            var count = await due.CountAsync(ct);
            var total = await due.SumAsync(o => (long?)o.Amount, ct) ?? 0;
            var rows = await due
                .OrderBy(o => o.RefundDueAtUtc).ThenBy(o => o.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(o => new { Order = o, Applicant = db.Dossiers.Where(d => d.Id == o.DossierId).Select(d => d.Applicant.FullName).FirstOrDefault() })
                .ToListAsync(ct);
            var items = rows.Select(x => new Item(x.Order.Id, x.Order.DossierId, x.Order.DossierId is null ? DraftLabel : x.Order.DossierCode,
                x.Applicant ?? x.Order.CreatedBy, x.Order.Amount,
                Catalog.FeeCalculator.Money(x.Order.Amount), x.Order.Channel.DisplayName(), x.Order.GatewayTransactionNo ?? x.Order.TxnRef,
                x.Order.PaidAtUtc ?? x.Order.CreatedAtUtc, x.Order.RefundReason ?? "", x.Order.RefundDueBy ?? "", x.Order.RefundDueAtUtc!.Value)).ToList();
            return new Result(target.Name, target.AgencyCode, items, total, count, page, pageSize);
        }
    }
}

/// <summary>An official records that the money owed back was given back: the order becomes "refunded" with who,
/// when, how and the voucher's reference, and the dossier's history says so. Recording it twice is refused (409).</summary>
public static class RecordRefund
{
    public sealed record Request(RefundMethod? Method, [Text(InputLimits.Reference)] string? Reference);

    public sealed record Response(Guid OrderId, string DossierCode, PaymentState State, string RefundedBy, DateTime RefundedAtUtc, RefundMethod Method, string Reference);

    public sealed class Handler(AppDbContext db, DossierActions actions, PaymentAccess access, CurrentUser user, TimeProvider clock)
    {
        public async Task<Response> HandleAsync(Guid orderId, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var role = access.FinanceRole();
            var order = await db.Set<PaymentOrder>().SingleOrDefaultAsync(o => o.Id == orderId, ct) ?? throw NotFound();
            var method = request.Method ?? throw new DomainException("Chưa chọn hình thức hoàn trả.");
            if (!Enum.IsDefined(method)) throw new DomainException("Hình thức hoàn trả không hợp lệ.");
            var reference = Text.NormalizeOrNull(request.Reference)
                ?? throw new DomainException("Chưa nhập số chứng từ hoàn trả (số phiếu chi, mã giao dịch chuyển khoản hoặc hoàn tiền).");
            if (reference.Length > InputLimits.Reference) throw new DomainException($"Số chứng từ hoàn trả dài tối đa {InputLimits.Reference} ký tự.");
            if (order.DossierId is not { } dossierId)
                return await DraftAsync(order, method, reference, role, ct);
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

        /// <summary>A draft's payment (the draft went unsubmitted): no dossier to hold the history, so the order itself keeps who
        /// (name and role), when, how and the voucher; the officials of the unit it was paid to only. Its revision makes a
        /// second recording, even at the same instant, fail rather than count twice.</summary>
        private async Task<Response> DraftAsync(PaymentOrder order, RefundMethod method, string reference, OfficialRole role, CancellationToken ct)
        {
            if (order.ReceivingUnitId is not { } unitId || !await access.InReachAsync(unitId, ct)) throw NotFound();
            // A payment for a draft still being written is not owed back (it is attached to the dossier when submitted).
            if (!order.IsRefundDue && order.State != PaymentState.Refunded)
                throw new DomainException("Khoản thanh toán này không thuộc diện phải hoàn trả.");
            order.MarkRefunded(method, reference, $"{user.Name} ({role.DisplayName()})", clock.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var stored = await db.Set<PaymentOrder>().AsNoTracking().SingleAsync(o => o.Id == order.Id, ct);
                throw new ChangedException("Khoản thanh toán", stored.State == PaymentState.Refunded
                    ? $"Khoản tiền này đã được ghi nhận hoàn trả lúc {VietnamTime.Format(stored.RefundedAtUtc!.Value)} bởi {stored.RefundedBy}."
                    : "Khoản thanh toán vừa được thay đổi; hãy tải lại trang.");
            }
            return new Response(order.Id, DraftLabel, order.State, order.RefundedBy!, order.RefundedAtUtc!.Value, method, reference);
        }
    }

    /// <summary>What is said of a draft's payment in place of a dossier code.</summary>
    public const string DraftLabel = ListRefunds.DraftLabel;

    public static NotFoundException NotFound() => new("Không tìm thấy khoản thanh toán, hoặc khoản thanh toán không thuộc đơn vị của bạn.");
}
