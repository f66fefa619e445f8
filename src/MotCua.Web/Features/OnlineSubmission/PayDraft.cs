using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Vnpay;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Nộp phí, lệ phí trước khi nộp hồ sơ: where the procedure's publication requires it
/// (<see cref="ProcedureContent.PayBeforeSubmission"/>), the citizen pays the draft's fee online — the amount its
/// e-form and declared exemption give, computed as everywhere by <see cref="FeeCalculator"/> — through the same
/// payment orders, gateway and sandbox as a dossier waiting in status 6. The gateway's notice (or a query) settles the
/// order, never the payer's return; the draft can be submitted once what was paid equals what is owed, and the
/// submission writes the payment into the new dossier's ledger in the gateway's name (docs/adr/0031b-fees.md).</summary>
public static class PayDraft
{
    public sealed record Started(string GatewayUrl);

    /// <summary>What the draft's page shows about the payment.</summary>
    /// <param name="Owed">The fee computed now for the draft.</param>
    /// <param name="Paid">Paid orders of the draft, in đồng.</param>
    /// <param name="Pending">An attempt the gateway has not settled yet.</param>
    public sealed record State(bool Required, long Owed, long Paid, bool Pending)
    {
        public bool Settled => !Required || Owed == 0 || Paid == Owed;

        /// <summary>Why the draft cannot be submitted yet; null when it can.</summary>
        public string? Problem => Settled ? null
            : Paid > Owed
                ? $"Số tiền đã nộp ({FeeCalculator.Money(Paid)}) lớn hơn phí, lệ phí hiện tính ({FeeCalculator.Money(Owed)}) do tờ khai đã thay đổi sau khi thanh toán. " +
                  "Hãy khai lại đúng số bản đã nộp phí, hoặc liên hệ Bộ phận Một cửa để được hoàn trả phần chênh lệch."
            : Pending
                ? "Cổng thanh toán chưa xác nhận giao dịch thanh toán phí, lệ phí; vui lòng chờ ít phút rồi bấm \"Nộp hồ sơ\" lại, không thanh toán lại trong lúc chờ."
            : Paid > 0
                ? $"Thủ tục này phải nộp phí, lệ phí trước khi nộp hồ sơ: còn phải nộp {FeeCalculator.Money(Owed - Paid)}. Bấm \"Thanh toán phí, lệ phí\"."
                : $"Thủ tục này phải nộp phí, lệ phí ({FeeCalculator.Money(Owed)}) trước khi nộp hồ sơ. Bấm \"Thanh toán phí, lệ phí\".";
    }

    /// <summary>The outcome of the payer's return from the gateway, as the draft's page says it.</summary>
    public sealed record Returned(bool Genuine, PaymentState? OrderState, string Message);

    /// <summary>The fee the draft owes now: its e-form's declared copies and pages, online prices, the declared group.</summary>
    public static IReadOnlyList<FeeLine> Fees(ProcedureContent content, DossierDraft draft)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(draft);
        IReadOnlyCollection<string>? groups = draft.ExemptionGroup is { } group && ExemptionGroups.All.ContainsKey(group) ? [group] : null;
        return FeeCalculator.Compute(content.Fees, FeeRequest.FromEForm(content, EFormValidation.ReadEntered(draft.FormData), groups));
    }

    public static async Task<State> StateAsync(AppDbContext db, DossierDraft draft, ProcedureContent content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(content);
        var owed = Fees(content, draft).Sum(f => f.Amount);
        if (!content.PayBeforeSubmission) return new State(false, owed, 0, false);
        var orders = await db.Set<PaymentOrder>().AsNoTracking().Where(o => o.DraftId == draft.Id)
            .Select(o => new { o.State, o.Amount }).ToListAsync(ct);
        return new State(true, owed, orders.Where(o => o.State == PaymentState.Paid).Sum(o => o.Amount), orders.Any(o => o.State == PaymentState.Pending));
    }

    /// <summary>In the submission's transaction: the draft's paid orders become the new dossier's, and each is written
    /// into its ledger by the gateway that took the money, as a payment of status 6 is.</summary>
    public static async Task AttachPaidAsync(AppDbContext db, Guid draftId, Dossier dossier, IEnumerable<IPaymentProvider> providers, DateTime nowUtc,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dossier);
        var paid = await db.Set<PaymentOrder>().Where(o => o.DraftId == draftId && o.State == PaymentState.Paid && o.DossierId == null).ToListAsync(ct);
        foreach (var order in paid)
        {
            order.AttachTo(dossier);
            var gateway = providers.Single(p => p.Code == order.Provider).Integration.Actor;
            dossier.RecordPayment(order.Amount, order.Channel, order.GatewayTransactionNo ?? order.TxnRef, order.PaidAtUtc ?? nowUtc, gateway, nowUtc, order.Id);
        }
    }

    /// <summary>In the save that deletes a draft never submitted: what was paid for it (or is still being paid) is owed back,
    /// listed in the receiving unit's refunds (docs/adr/0032c). Returns the amount already paid.</summary>
    public static async Task<long> RefundOnDraftGoneAsync(AppDbContext db, Guid draftId, string by, string reason, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var orders = await db.Set<PaymentOrder>()
            .Where(o => o.DraftId == draftId && o.DossierId == null && (o.State == PaymentState.Paid || o.State == PaymentState.Pending))
            .ToListAsync(ct);
        foreach (var order in orders) order.MarkDraftGone(by, reason, nowUtc);
        return orders.Where(o => o.State == PaymentState.Paid).Sum(o => o.Amount);
    }

    public sealed class Handler(AppDbContext db, CurrentUser user, IEnumerable<IPaymentProvider> providers, SettlePayment settle, TimeProvider clock)
    {
        private IPaymentProvider Gateway() => providers.First(p => p.Code == VnpayProvider.ProviderCode);

        /// <summary>A new order for what the draft still owes, and the gateway's address. Null: not the account's draft.</summary>
        public async Task<Started?> StartAsync(Guid draftId, PaymentRequest request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var draft = await db.DossierDrafts.AsNoTracking().OwnedBy(user.Id).SingleOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null) return null;
            if (draft.SubmittedDossierId is not null) throw new DomainException("Hồ sơ đã được nộp; phí, lệ phí còn lại (nếu có) nộp tại trang theo dõi hồ sơ.");
            var content = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == draft.ProcedureVersionId).Select(v => v.Content).SingleAsync(ct);
            if (!content.PayBeforeSubmission)
                throw new DomainException("Thủ tục này không yêu cầu nộp phí, lệ phí trước khi nộp hồ sơ; phí, lệ phí (nếu có) nộp sau khi cơ quan tiếp nhận hồ sơ.");
            if (draft.ReceivingUnitId is not { } unitId) throw new DomainException("Chưa chọn nơi nộp hồ sơ.");
            var state = await StateAsync(db, draft, content, ct);
            if (state.Pending)
                throw new DomainException("Đang có một giao dịch thanh toán chờ cổng thanh toán xác nhận; vui lòng chờ ít phút, không thanh toán lại trong lúc chờ.");
            var owed = state.Owed - state.Paid;
            if (owed <= 0)
                throw new DomainException(state.Paid > 0 ? "Phí, lệ phí của hồ sơ đã được thanh toán đủ; bạn có thể nộp hồ sơ." : "Hồ sơ không có khoản phí, lệ phí nào phải nộp.");
            var gateway = Gateway();
            if (!gateway.IsAvailableFor(unitId))
                throw new DomainException("Cơ quan tiếp nhận chưa kết nối cổng thanh toán trực tuyến; vui lòng nộp hồ sơ trực tiếp tại Bộ phận Một cửa.");
            var now = clock.GetUtcNow().UtcDateTime;
            var order = PaymentOrder.ForDraft(draft.Id, unitId, owed, gateway.Code, gateway.Channel, gateway.MerchantCodeFor(unitId), user.Id, user.Name, now,
                now + gateway.OrderLifetime);
            db.Add(order);
            await db.SaveChangesAsync(ct);
            return new Started(gateway.PaymentUrl(order, request with { NowUtc = now }));
        }

        /// <summary>The payer is back from the gateway: its signature is checked and a pending order is settled by asking
        /// the gateway itself; what the browser brings never pays. Null: not the account's draft.</summary>
        public async Task<Returned?> ReturnAsync(Guid draftId, IReadOnlyDictionary<string, string> parameters, string callerIp, CancellationToken ct)
        {
            if (!await db.DossierDrafts.OwnedBy(user.Id).AnyAsync(d => d.Id == draftId, ct)) return null;
            var gateway = Gateway();
            var result = gateway.ReadCallback(parameters);
            if (result is null)
                return new Returned(false, null, "Kết quả thanh toán không hợp lệ (không đúng chữ ký của cổng thanh toán) nên không được ghi nhận. " +
                                                 "Nếu bạn đã bị trừ tiền, vui lòng liên hệ Bộ phận Một cửa.");
            var order = await db.Set<PaymentOrder>().AsNoTracking().SingleOrDefaultAsync(o => o.TxnRef == result.TxnRef && o.DraftId == draftId, ct);
            if (order is null) return new Returned(true, null, "Không tìm thấy giao dịch thanh toán này của hồ sơ đang soạn.");
            if (order.State == PaymentState.Pending && await gateway.QueryAsync(order, callerIp, clock.GetUtcNow().UtcDateTime, ct) is { } queried)
            {
                await settle.ApplyAsync(queried, ct);
                db.ChangeTracker.Clear();
                order = await db.Set<PaymentOrder>().AsNoTracking().SingleAsync(o => o.Id == order.Id, ct);
            }
            var message = order.State switch
            {
                PaymentState.Paid => $"Đã thanh toán {FeeCalculator.Money(order.Amount)} phí, lệ phí. Bấm \"Nộp hồ sơ\" để hoàn tất việc nộp hồ sơ.",
                PaymentState.Failed when order.GatewayResponseCode == VnpayProtocol.Cancelled =>
                    "Bạn đã hủy giao dịch thanh toán. Hồ sơ chưa được nộp; bạn có thể thanh toán lại.",
                PaymentState.Failed => $"Giao dịch thanh toán không thành công: {VnpayProtocol.FailureReason(order.GatewayResponseCode)} (mã {order.GatewayResponseCode}). " +
                                       "Hồ sơ chưa được nộp; bạn có thể thanh toán lại.",
                PaymentState.Expired => "Giao dịch thanh toán đã hết hạn. Hồ sơ chưa được nộp; bạn có thể thanh toán lại.",
                _ => "Cổng thanh toán chưa xác nhận kết quả giao dịch. Hệ thống sẽ tự động kiểm tra lại; vui lòng xem lại sau ít phút và không thanh toán lại trong lúc chờ.",
            };
            return new Returned(true, order.State, message);
        }
    }
}
