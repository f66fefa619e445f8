using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Vnpay;

namespace MotCua.Web.Pages.Portal.Payment;

public static class PaymentDisplay
{
    public static string StateName(PaymentState state, string? responseCode) => state switch
    {
        PaymentState.Pending => "Đang chờ cổng thanh toán xác nhận",
        PaymentState.Paid => "Thành công",
        PaymentState.Failed when responseCode == VnpayProtocol.Cancelled => "Người nộp đã hủy",
        PaymentState.Failed => $"Không thành công (mã {responseCode})",
        PaymentState.Expired => "Hết hạn",
        PaymentState.Refunded => "Đã hoàn trả",
        _ => state.ToString(),
    };
}
