namespace MotCua.Web.Features.Dossiers;

/// <summary>National dossier status codes (Circular 04/2025/TT-VPCP), used in the sync with the national
/// portal and by the 766 formulas. The numeric value is the national code.</summary>
public enum DossierStatus
{
    /// <summary>Mới đăng ký: submitted online, waiting for reception.</summary>
    Submitted = 1,
    /// <summary>Được tiếp nhận.</summary>
    Received = 2,
    /// <summary>Không được tiếp nhận.</summary>
    Refused = 3,
    /// <summary>Đang xử lý.</summary>
    InProgress = 4,
    /// <summary>Yêu cầu bổ sung giấy tờ: the clock stops.</summary>
    SupplementRequested = 5,
    /// <summary>Yêu cầu thực hiện nghĩa vụ tài chính.</summary>
    AwaitingFinancialObligation = 6,
    /// <summary>Công dân yêu cầu rút hồ sơ.</summary>
    Withdrawn = 7,
    /// <summary>Dừng xử lý.</summary>
    Stopped = 8,
    /// <summary>Đã xử lý xong: decided, result ready.</summary>
    Decided = 9,
    /// <summary>Đã trả kết quả.</summary>
    Returned = 10,
}

/// <summary>Kênh thực hiện, with the national codes.</summary>
public enum Channel
{
    Desk = 1,
    Online = 2,
    Postal = 3,
}

public static class DossierStatusText
{
    public static string DisplayName(this DossierStatus status) => status switch
    {
        DossierStatus.Submitted => "Mới đăng ký",
        DossierStatus.Received => "Được tiếp nhận",
        DossierStatus.Refused => "Không được tiếp nhận",
        DossierStatus.InProgress => "Đang xử lý",
        DossierStatus.SupplementRequested => "Yêu cầu bổ sung giấy tờ",
        DossierStatus.AwaitingFinancialObligation => "Yêu cầu thực hiện nghĩa vụ tài chính",
        DossierStatus.Withdrawn => "Công dân yêu cầu rút hồ sơ",
        DossierStatus.Stopped => "Dừng xử lý",
        DossierStatus.Decided => "Đã xử lý xong",
        DossierStatus.Returned => "Đã trả kết quả",
        _ => status.ToString(),
    };

    public static string DisplayName(this Channel channel) => channel switch
    {
        Channel.Desk => "Trực tiếp",
        Channel.Online => "Trực tuyến",
        Channel.Postal => "Bưu chính công ích",
        _ => channel.ToString(),
    };

    /// <summary>Statuses after which nothing more happens to the dossier.</summary>
    public static bool IsTerminal(this DossierStatus status) =>
        status is DossierStatus.Refused or DossierStatus.Withdrawn or DossierStatus.Stopped or DossierStatus.Returned;
}

public static class DossierEnumText
{
    public static string DisplayName(this Catalog.OnlineLevel level) => level switch
    {
        Catalog.OnlineLevel.Full => "toàn trình",
        Catalog.OnlineLevel.Partial => "một phần",
        _ => "không trực tuyến",
    };

    public static string DisplayName(this PaymentMethod method) => method switch
    {
        PaymentMethod.Desk => "nộp tại Bộ phận Một cửa",
        PaymentMethod.NationalPortal => "thanh toán trên Cổng Dịch vụ công quốc gia",
        PaymentMethod.LocalGateway => "thanh toán trực tuyến qua cổng thanh toán của tỉnh",
        PaymentMethod.BankTransfer => "chuyển khoản",
        _ => method.ToString(),
    };
}
