using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>The payment link sent to an applicant who has no account (received at the desk): an encrypted and
/// signed token naming only the dossier, valid for <see cref="PaymentOptions.LinkLifetime"/>. It cannot be guessed
/// or altered, and paying through it shows the dossier's code, procedure and amount owed, nothing else.</summary>
public sealed class PaymentLinks(IDataProtectionProvider protection, IOptionsMonitor<PaymentOptions> options, TimeProvider clock)
{
    public const string PagePath = "/thanh-toan";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("MotCua.Payments.Link.v1").ToTimeLimitedDataProtector();

    public string Create(Guid dossierId) =>
        ExpiringIdToken.Create(Protector, dossierId, clock.GetUtcNow() + options.CurrentValue.LinkLifetime);

    /// <summary>The dossier the token names; null when it is forged, altered or expired.</summary>
    public Guid? Read(string? token) => ExpiringIdToken.Read(Protector, token, clock.GetUtcNow());

    private ITimeLimitedDataProtector ReceiptProtector => protection.CreateProtector("MotCua.Payments.Receipt.v1").ToTimeLimitedDataProtector();

    public const string ReceiptPath = "/thanh-toan/bien-lai";

    /// <summary>The receipt of a paid order for whoever paid it, from the payment's result page (a payer without an
    /// account has no other way to it): an encrypted, signed token naming only the order, valid as long as a payment link.</summary>
    public string ReceiptPathFor(Guid orderId) =>
        $"{ReceiptPath}?t={Uri.EscapeDataString(ExpiringIdToken.Create(ReceiptProtector, orderId, clock.GetUtcNow() + options.CurrentValue.LinkLifetime))}";

    /// <summary>The order a receipt token names; null when it is forged, altered or expired.</summary>
    public Guid? ReadReceipt(string? token) => ExpiringIdToken.Read(ReceiptProtector, token, clock.GetUtcNow());

    public string PathFor(Guid dossierId) => $"{PagePath}?t={Uri.EscapeDataString(Create(dossierId))}";

    public static NotFoundException Invalid() => new("Đường dẫn thanh toán không hợp lệ hoặc đã hết hạn. Vui lòng liên hệ Bộ phận Một cửa để nhận đường dẫn mới.");
}
