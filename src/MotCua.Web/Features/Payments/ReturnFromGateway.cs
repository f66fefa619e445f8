using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Payments.Vnpay;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>The payer's browser comes back from the gateway (vnp_ReturnUrl). What it brings is only shown, never
/// trusted to pay: the signature must be the gateway's, and an order still pending is settled by asking the gateway
/// itself (querydr), server to server. Only the notice (IPN) or that query credit the dossier.</summary>
public static class ReturnFromGateway
{
    public sealed record View(bool Genuine, PaymentState? State, string? DossierCode, long Amount, bool Cancelled, string? ResponseCode, bool ForAccount,
        Guid? OrderId = null)
    {
        public string Message => !Genuine
            ? "Kết quả thanh toán không hợp lệ (không đúng chữ ký của cổng thanh toán) nên không được ghi nhận. Nếu bạn đã bị trừ tiền, vui lòng liên hệ Bộ phận Một cửa."
            : State switch
            {
                null => "Không tìm thấy giao dịch thanh toán này.",
                PaymentState.Paid => $"Thanh toán thành công {FeeCalculator.Money(Amount)}. Hồ sơ {DossierCode} đã hoàn thành nghĩa vụ tài chính và được tiếp tục giải quyết.",
                PaymentState.Failed when Cancelled => $"Bạn đã hủy giao dịch thanh toán. Hồ sơ {DossierCode} vẫn đang chờ thực hiện nghĩa vụ tài chính; bạn có thể thanh toán lại.",
                PaymentState.Failed => $"Giao dịch thanh toán không thành công: {VnpayProtocol.FailureReason(ResponseCode)} (mã {ResponseCode}). Chưa có khoản tiền nào được ghi thu. " +
                                       $"Hồ sơ {DossierCode} vẫn đang chờ thực hiện nghĩa vụ tài chính; bạn có thể thanh toán lại.",
                PaymentState.Expired => $"Giao dịch thanh toán đã hết hạn. Hồ sơ {DossierCode} vẫn đang chờ thực hiện nghĩa vụ tài chính; bạn có thể thanh toán lại.",
                PaymentState.Refunded => $"Khoản thanh toán cho hồ sơ {DossierCode} đã được hoàn trả.",
                _ => $"Cổng thanh toán chưa xác nhận kết quả giao dịch cho hồ sơ {DossierCode}. Hệ thống sẽ tự động kiểm tra lại với cổng thanh toán; vui lòng xem lại hồ sơ sau ít phút và không thanh toán lại trong lúc chờ.",
            };
    }

    public sealed class Handler(AppDbContext db, SettlePayment settle, TimeProvider clock)
    {
        public async Task<View> HandleAsync(IReadOnlyDictionary<string, string> parameters, string callerIp, CancellationToken ct)
        {
            var provider = settle.Provider(VnpayProvider.ProviderCode);
            var result = provider.ReadCallback(parameters);
            if (result is null) return new View(false, null, null, 0, false, null, false);
            var order = await db.Set<PaymentOrder>().AsNoTracking().SingleOrDefaultAsync(o => o.TxnRef == result.TxnRef, ct);
            if (order is null || !order.IsOnline) return new View(true, null, null, 0, false, null, false);
            if (order.State == PaymentState.Pending && await provider.QueryAsync(order, callerIp, clock.GetUtcNow().UtcDateTime, ct) is { } queried)
            {
                await settle.ApplyAsync(queried, ct);
                db.ChangeTracker.Clear();
                order = await db.Set<PaymentOrder>().AsNoTracking().SingleAsync(o => o.Id == order.Id, ct);
            }
            return new View(true, order.State, order.DossierCode, order.Amount,
                order.GatewayResponseCode == VnpayProtocol.Cancelled || result.ResponseCode == VnpayProtocol.Cancelled && order.State == PaymentState.Failed,
                order.GatewayResponseCode, order.CitizenAccountId is not null, order.Id);
        }
    }
}
