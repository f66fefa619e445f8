namespace MotCua.Web.Features.Payments;

/// <summary>Payments:… in configuration. The secrets are read here and nowhere else, and never logged.</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payments";

    public VnpayOptions Vnpay { get; set; } = new();

    public VnpaySandboxOptions Sandbox { get; set; } = new();

    /// <summary>This app's own address for server-to-server calls to itself (the sandbox's notices, and the queries to
    /// the sandbox). Empty: the address the server listens on.</summary>
    public string? SelfBaseUrl { get; set; }

    /// <summary>A pending order older than this is asked about by the settlement job.</summary>
    public TimeSpan QueryPendingAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a payment link sent to an applicant stays valid.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);

    public ReceiptOptions Receipts { get; set; } = new();

    /// <summary>The reconciliation reads a day's orders and asks the gateway about them this many at a time: a day of any
    /// size is reconciled whole, without holding every order and answer of a province at once.</summary>
    public int ReconciliationBatch { get; set; } = 500;
}

/// <summary>How the electronic receipts (biên lai điện tử thu phí, lệ phí) are marked. The form and series symbols are
/// registered by each unit with its tax office (Decree 123/2020/NĐ-CP, Circular 78/2021/TT-BTC): the defaults are
/// placeholders [to confirm with the unit's registration].</summary>
public sealed class ReceiptOptions
{
    /// <summary>Ký hiệu mẫu biên lai.</summary>
    public string FormSymbol { get; set; } = "01BLP0-001";

    /// <summary>Ký hiệu biên lai, before the year's two digits and "E" (electronic): "BL" gives "BL-26E" in 2026.</summary>
    public string SeriesPrefix { get; set; } = "BL";

    /// <summary>The series symbol of a year.</summary>
    public string Series(int year) => $"{SeriesPrefix}-{year % 100:00}E";
}

/// <summary>One VNPAY merchant account (terminal): the deployment's, or a unit's own.</summary>
public class VnpayMerchant
{
    public string TmnCode { get; set; } = "";
    public string HashSecret { get; set; } = "";
}

public sealed class VnpayOptions : VnpayMerchant
{
    /// <summary>The gateway's payment page, e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html.</summary>
    public string PaymentUrl { get; set; } = "";

    /// <summary>The merchant API for querydr, e.g. https://sandbox.vnpayment.vn/merchant_webapi/api/transaction.</summary>
    public string QueryUrl { get; set; } = "";

    /// <summary>vnp_OrderType: fees and charges are "billpayment" in VNPAY's list of goods types [to confirm with the unit's contract].</summary>
    public string OrderType { get; set; } = "billpayment";

    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A unit with its own merchant account, by unit id; the others use the deployment's.</summary>
    public Dictionary<string, VnpayMerchant> Units { get; set; } = [];

    public bool IsConfigured => TmnCode.Length > 0 && HashSecret.Length > 0 && PaymentUrl.Length > 0 && QueryUrl.Length > 0;
}

/// <summary>How the local sandbox misbehaves on purpose, for demos and tests.</summary>
public enum SandboxIpnMode
{
    /// <summary>One notice, at once.</summary>
    Normal,
    /// <summary>No notice at all: only a query settles the order.</summary>
    Lost,
    /// <summary>The notice after <see cref="VnpaySandboxOptions.IpnDelay"/>, after the payer is back.</summary>
    Late,
    /// <summary>The same notice twice, at the same time.</summary>
    Twice,
}

/// <summary>The gateway sandbox served by this app (never in Production): used when no real gateway is configured.</summary>
public sealed class VnpaySandboxOptions
{
    public bool Enabled { get; set; } = true;
    public SandboxIpnMode IpnMode { get; set; } = SandboxIpnMode.Normal;
    public TimeSpan IpnDelay { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Every payment is declined whatever the payer chooses.</summary>
    public bool DeclineAll { get; set; }
    /// <summary>The sandbox's merchant account: the app and the sandbox share it.</summary>
    public string TmnCode { get; set; } = "MOTCUA01";
    public string HashSecret { get; set; } = "SANDBOXSECRETNOTFORPRODUCTIONUSE0";
}
