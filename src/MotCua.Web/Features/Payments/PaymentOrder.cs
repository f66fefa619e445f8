using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

public enum PaymentState
{
    /// <summary>Sent to the gateway; neither the gateway's notice nor a query has settled it yet.</summary>
    Pending,
    Paid,
    /// <summary>Declined or cancelled at the gateway: the dossier still owes the fee and the payer may try again.</summary>
    Failed,
    /// <summary>Never completed before the gateway's deadline (vnp_ExpireDate), as a query confirmed.</summary>
    Expired,
    /// <summary>Paid, then the money was given back (the dossier was refused, withdrawn or stopped).</summary>
    Refunded,
}

/// <summary>One payment, whatever the channel: an attempt at an online gateway (one per attempt, so a declined payment
/// and its retry are two orders), or money taken at the desk (cash, card) or by transfer, recorded paid at once.
/// A paid order is written into the dossier's own ledger (<see cref="DossierPayment"/>, linked by
/// <see cref="DossierPayment.PaymentOrderId"/>, unique): that is what the dossier's rules, the scorecard's
/// <see cref="Dossier.OnlinePaymentKind"/> and the sync record read.</summary>
public sealed class PaymentOrder
{
    private PaymentOrder() { DossierCode = null!; Provider = null!; TxnRef = null!; OrderInfo = null!; CreatedBy = null!; }

    private PaymentOrder(Dossier dossier, long amount, string provider, PaymentMethod channel, string createdBy, DateTime nowUtc)
    {
        if (amount <= 0) throw new DomainException("Hồ sơ không còn khoản phí, lệ phí nào phải nộp.");
        Id = Guid.CreateVersion7();
        DossierId = dossier.Id;
        DossierCode = dossier.Code ?? "";
        Amount = amount;
        Provider = provider;
        Channel = channel;
        // Unguessable and unique: the gateway's order reference (vnp_TxnRef), and what the payment link names.
        TxnRef = Id.ToString("N");
        OrderInfo = $"Nop phi le phi ho so {DossierCode}";
        CreatedBy = createdBy;
        CreatedAtUtc = nowUtc;
    }

    /// <summary>An attempt at an online gateway for what the dossier still owes.</summary>
    public static PaymentOrder Online(Dossier dossier, string provider, PaymentMethod channel, string merchantCode, Guid? citizenAccountId,
        string createdBy, DateTime nowUtc, DateTime expiresAtUtc)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return new PaymentOrder(dossier, dossier.FeesOwed - dossier.AmountPaid, provider, channel, createdBy, nowUtc)
        {
            MerchantCode = merchantCode,
            CitizenAccountId = citizenAccountId,
            ExpiresAtUtc = expiresAtUtc,
        };
    }

    /// <summary>An attempt at an online gateway for the fee of an online draft whose procedure is paid before submission
    /// (<c>ProcedureContent.PayBeforeSubmission</c>): there is no dossier yet; submitting the draft attaches the paid
    /// order to the new dossier and writes it into the dossier's ledger.</summary>
    public static PaymentOrder ForDraft(Guid draftId, Guid receivingUnitId, long amount, string provider, PaymentMethod channel, string merchantCode,
        Guid citizenAccountId, string createdBy, DateTime nowUtc, DateTime expiresAtUtc)
    {
        if (amount <= 0) throw new DomainException("Hồ sơ không có khoản phí, lệ phí nào phải nộp.");
        var id = Guid.CreateVersion7();
        return new PaymentOrder
        {
            Id = id,
            DraftId = draftId,
            ReceivingUnitId = receivingUnitId,
            DossierCode = "",
            Amount = amount,
            Provider = provider,
            Channel = channel,
            TxnRef = id.ToString("N"),
            OrderInfo = "Nop phi le phi truoc khi nop ho so truc tuyen",
            CreatedBy = createdBy,
            CreatedAtUtc = nowUtc,
            MerchantCode = merchantCode,
            CitizenAccountId = citizenAccountId,
            ExpiresAtUtc = expiresAtUtc,
        };
    }

    /// <summary>The draft it paid for became this dossier.</summary>
    public void AttachTo(Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if (DossierId is not null && DossierId != dossier.Id) throw new InvalidOperationException($"Order {Id} already belongs to another dossier.");
        DossierId = dossier.Id;
        DossierCode = dossier.Code ?? "";
        Revision++;
    }

    /// <summary>Money taken at the desk or confirmed by transfer: paid as it is recorded.</summary>
    public static PaymentOrder AtDesk(Dossier dossier, long amount, PaymentMethod channel, string receipt, string recordedBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if (channel is PaymentMethod.NationalPortal or PaymentMethod.LocalGateway)
            throw new DomainException("Thanh toán trực tuyến được ghi nhận tự động từ cổng thanh toán, không nhập tay.");
        var order = new PaymentOrder(dossier, amount, DeskProvider, channel, recordedBy, nowUtc)
        {
            State = PaymentState.Paid,
            GatewayTransactionNo = receipt,
            PaidAtUtc = nowUtc,
            SettledAtUtc = nowUtc,
        };
        return order;
    }

    public const string DeskProvider = "desk";

    /// <summary>The code orders paid on the national portal's payment platform (channel 1) carry: the demo's and the
    /// imported ones; that provider itself is not built yet.</summary>
    public const string NationalPlatformProvider = "dvcqg";

    public Guid Id { get; private set; }
    /// <summary>Null only while the order pays for a draft not yet submitted (<see cref="DraftId"/>).</summary>
    public Guid? DossierId { get; private set; }
    /// <summary>The online draft paid before its submission; null for every other order.</summary>
    public Guid? DraftId { get; private set; }
    /// <summary>The unit a draft's order pays (the draft's chosen receiving unit): whose refunds and reconciliation show
    /// the order while it has no dossier, and after its draft is gone. Null for the orders of a dossier, whose receiving
    /// unit says it.</summary>
    public Guid? ReceivingUnitId { get; private set; }
    public string DossierCode { get; private set; }
    /// <summary>In đồng.</summary>
    public long Amount { get; private set; }
    /// <summary>Who takes the money: "vnpay", later the national platform; "desk" for the unit itself.</summary>
    public string Provider { get; private set; }
    /// <summary>DuocThanhToanTrucTuyen for the online ones: 1 the national portal, 2 the unit's own gateway.</summary>
    public PaymentMethod Channel { get; private set; }
    public PaymentState State { get; private set; }
    /// <summary>The merchant's reference sent to the gateway (vnp_TxnRef).</summary>
    public string TxnRef { get; private set; }
    public string OrderInfo { get; private set; }
    /// <summary>The gateway account (vnp_TmnCode) the order was created under: its secret checks the answers.</summary>
    public string? MerchantCode { get; private set; }
    /// <summary>The gateway's transaction number (vnp_TransactionNo), or the desk's receipt number.</summary>
    public string? GatewayTransactionNo { get; private set; }
    public string? BankCode { get; private set; }
    /// <summary>The gateway's last response code (vnp_ResponseCode or the query's status), for the official reading it.</summary>
    public string? GatewayResponseCode { get; private set; }
    /// <summary>The citizen who started it on the portal; none for a payment link or the desk.</summary>
    public Guid? CitizenAccountId { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ExpiresAtUtc { get; private set; }
    public DateTime? PaidAtUtc { get; private set; }
    /// <summary>When the app learned the outcome (notice, query, or the desk).</summary>
    public DateTime? SettledAtUtc { get; private set; }
    public DateTime? RefundDueAtUtc { get; private set; }
    public string? RefundDueBy { get; private set; }
    public string? RefundReason { get; private set; }
    public DateTime? RefundedAtUtc { get; private set; }
    public string? RefundedBy { get; private set; }
    /// <summary>How the money went back (cash at the desk, transfer to the payer's account, the gateway's refund).</summary>
    public RefundMethod? RefundMethod { get; private set; }
    /// <summary>The voucher, transfer or gateway reference of the refund.</summary>
    public string? RefundReference { get; private set; }
    /// <summary>The unit whose receipt series numbered this payment (the administrative unit that received the dossier).</summary>
    public Guid? ReceiptUnitId { get; private set; }
    /// <summary>The series' year (Vietnam time of the payment): numbers start again at 1 each year.</summary>
    public int? ReceiptYear { get; private set; }
    /// <summary>The electronic receipt's number in its unit's series of the year, gap-free from 1; unique by an index.</summary>
    public int? ReceiptNumber { get; private set; }
    public DateTime? ReceiptIssuedAtUtc { get; private set; }
    /// <summary>Two notices settling the order at once: the second save fails instead of overwriting the first.</summary>
    public int Revision { get; private set; }

    public bool IsOnline => Channel is PaymentMethod.NationalPortal or PaymentMethod.LocalGateway;

    /// <summary>Owes its money back and it has not been given back yet.</summary>
    public bool IsRefundDue => RefundDueAtUtc is not null && State == PaymentState.Paid;

    public void MarkPaid(string? transactionNo, string? bankCode, string responseCode, DateTime paidAtUtc, DateTime nowUtc)
    {
        if (State != PaymentState.Pending) throw new InvalidOperationException($"Order {Id} is {State}, not pending.");
        State = PaymentState.Paid;
        GatewayTransactionNo = transactionNo;
        BankCode = bankCode;
        GatewayResponseCode = responseCode;
        PaidAtUtc = paidAtUtc;
        SettledAtUtc = nowUtc;
        Revision++;
    }

    public void MarkFailed(string responseCode, DateTime nowUtc)
    {
        if (State != PaymentState.Pending) throw new InvalidOperationException($"Order {Id} is {State}, not pending.");
        State = PaymentState.Failed;
        GatewayResponseCode = responseCode;
        SettledAtUtc = nowUtc;
        Revision++;
    }

    public void MarkExpired(DateTime nowUtc)
    {
        if (State != PaymentState.Pending) throw new InvalidOperationException($"Order {Id} is {State}, not pending.");
        State = PaymentState.Expired;
        SettledAtUtc = nowUtc;
        Revision++;
    }

    /// <summary>The money must go back (the dossier ended without being settled, or it could not be credited): who
    /// decided it, when and why. Moving the money is done outside the app.</summary>
    public void MarkRefundDue(string by, string reason, DateTime nowUtc)
    {
        if (State != PaymentState.Paid || RefundDueAtUtc is not null) return;
        RefundDueAtUtc = nowUtc;
        RefundDueBy = by;
        RefundReason = reason.Length > 1000 ? reason[..1000] : reason;
        Revision++;
    }

    /// <summary>The draft this order pays for is gone without being submitted (its citizen deleted it, or it was purged as
    /// abandoned): money taken goes back. An order still pending is marked as well, so that a payment the gateway completes
    /// after the draft went is owed back at once (<see cref="IsRefundDue"/> holds as soon as it is paid). Once only.</summary>
    public void MarkDraftGone(string by, string reason, DateTime nowUtc)
    {
        if (DossierId is not null || DraftId is null || RefundDueAtUtc is not null || State is not (PaymentState.Paid or PaymentState.Pending)) return;
        RefundDueAtUtc = nowUtc;
        RefundDueBy = by;
        RefundReason = reason.Length > 1000 ? reason[..1000] : reason;
        Revision++;
    }

    /// <summary>The money owed back has been given back (outside the app): who recorded it, when, how, with what
    /// reference.</summary>
    public void MarkRefunded(RefundMethod method, string reference, string by, DateTime nowUtc)
    {
        if (State == PaymentState.Refunded)
            throw new ChangedException("Khoản thanh toán", $"Khoản tiền này đã được ghi nhận hoàn trả lúc {VietnamTime.Format(RefundedAtUtc ?? nowUtc)} bởi {RefundedBy}.");
        if (!IsRefundDue) throw new DomainException("Khoản thanh toán này không thuộc diện phải hoàn trả.");
        State = PaymentState.Refunded;
        RefundMethod = method;
        RefundReference = reference;
        RefundedBy = by;
        RefundedAtUtc = nowUtc;
        Revision++;
    }

    /// <summary>Gives the paid order its receipt number in its unit's series of the year.</summary>
    public void IssueReceipt(Guid unitId, int year, int number, DateTime nowUtc)
    {
        if (ReceiptNumber is not null || State is not (PaymentState.Paid or PaymentState.Refunded))
            throw new InvalidOperationException($"Order {Id} cannot take a receipt number.");
        ReceiptUnitId = unitId;
        ReceiptYear = year;
        ReceiptNumber = number;
        ReceiptIssuedAtUtc = nowUtc;
        Revision++;
    }
}

/// <summary>How money owed back was given back.</summary>
public enum RefundMethod
{
    /// <summary>Tiền mặt tại Bộ phận Một cửa.</summary>
    Cash,
    /// <summary>Chuyển khoản vào tài khoản của người nộp.</summary>
    Transfer,
    /// <summary>Hoàn tiền qua cổng thanh toán (giao dịch hoàn của cổng).</summary>
    Gateway,
}

internal sealed class PaymentOrderConfiguration : IEntityTypeConfiguration<PaymentOrder>
{
    public void Configure(EntityTypeBuilder<PaymentOrder> b)
    {
        b.ToTable("PaymentOrders");
        b.HasKey(p => p.Id);
        b.HasIndex(p => p.TxnRef).IsUnique();
        b.HasIndex(p => new { p.DossierId, p.State });
        b.HasIndex(p => p.DraftId);
        // The refunds and reconciliation of a unit read its drafts' orders by it.
        b.HasIndex(p => new { p.ReceivingUnitId, p.State });
        // The settlement sweep reads the pending orders.
        b.HasIndex(p => new { p.State, p.CreatedAtUtc });
        b.Property(p => p.DossierCode).HasMaxLength(60);
        b.Property(p => p.Provider).HasMaxLength(40);
        b.Property(p => p.TxnRef).HasMaxLength(100);
        b.Property(p => p.OrderInfo).HasMaxLength(255);
        b.Property(p => p.MerchantCode).HasMaxLength(40);
        b.Property(p => p.GatewayTransactionNo).HasMaxLength(100);
        b.Property(p => p.BankCode).HasMaxLength(40);
        b.Property(p => p.GatewayResponseCode).HasMaxLength(10);
        b.Property(p => p.CreatedBy).HasMaxLength(200);
        b.Property(p => p.RefundDueBy).HasMaxLength(200);
        b.Property(p => p.RefundReason).HasMaxLength(1000);
        b.Property(p => p.RefundedBy).HasMaxLength(200);
        b.Property(p => p.RefundMethod).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.RefundReference).HasMaxLength(100);
        // The receipt series: one number per unit and year, whatever two payments do at once.
        b.HasIndex(p => new { p.ReceiptUnitId, p.ReceiptYear, p.ReceiptNumber }).IsUnique();
        b.Property(p => p.Revision).IsConcurrencyToken();
        b.HasOne<Dossier>().WithMany().HasForeignKey(p => p.DossierId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class RefundMethods
{
    public static string DisplayName(this RefundMethod method) => method switch
    {
        RefundMethod.Cash => "Tiền mặt tại Bộ phận Một cửa",
        RefundMethod.Transfer => "Chuyển khoản cho người nộp",
        RefundMethod.Gateway => "Hoàn tiền qua cổng thanh toán",
        _ => method.ToString(),
    };
}
