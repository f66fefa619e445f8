using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Dossiers;

/// <summary>The Vietnamese words the office pages put on dossier values, in one place so that the home page, the
/// list and the dossier page say the same thing for the same state.</summary>
public static class DossierDisplay
{
    public const string Dash = "—";

    public static string Time(DateTime? utc) => utc is { } t ? VietnamTime.Format(t) : Dash;

    public static string Date(DateTime? utc) => utc is { } t ? VietnamTime.FormatDate(t) : Dash;

    public static string Money(long amount) => FeeCalculator.Money(amount);

    /// <summary>"Sớm hạn" and "Đúng hạn" are both still within the time: the office reads one word for them.</summary>
    public static string DueWord(DueState state) => state switch
    {
        DueState.OnTrack => "Trong hạn",
        DueState.DueSoon => "Sắp đến hạn",
        DueState.Late => "Quá hạn",
        DueState.Paused => PausedWord,
        _ => "",
    };

    /// <summary>Once processing has ended the question is no longer "how much time is left" but "was it on time".</summary>
    public static string DueWord(DueState state, DossierStatus status) =>
        status == DossierStatus.Decided || status.IsTerminal()
            ? state switch { DueState.Late => "Trễ hạn", DueState.None => "", _ => "Đúng hạn" }
            : DueWord(state);

    /// <summary>While the applicant is asked for more papers the clock stands still: the old due date is neither
    /// running out nor missed yet.</summary>
    public const string PausedWord = "Tạm dừng, chờ bổ sung";

    public static string DueCss(DueState state) => state switch
    {
        DueState.OnTrack => "ontrack",
        DueState.DueSoon => "duesoon",
        DueState.Late => "late",
        DueState.Paused => "paused",
        _ => "",
    };

    public static string Stage(ProcessingStage? stage) => stage?.DisplayName() ?? "";

    public static string Status(int status) => ((DossierStatus)status).DisplayName();

    public static string Channel(int channel) => ((Channel)channel).DisplayName();

    public static string Form(ComponentForm form) => form switch
    {
        ComponentForm.Original => "Bản chính",
        ComponentForm.Copy => "Bản sao",
        ComponentForm.CertifiedCopy => "Bản sao chứng thực",
        ComponentForm.OriginalToShow => "Bản chính để đối chiếu",
        _ => form.ToString(),
    };

    public static string Place(WorkflowStepPlace place) => place switch
    {
        WorkflowStepPlace.OneStopDesk => "Bộ phận Một cửa",
        WorkflowStepPlace.Department => "Bộ phận chuyên môn",
        WorkflowStepPlace.Leadership => "Lãnh đạo",
        WorkflowStepPlace.Clerk => "Văn thư",
        WorkflowStepPlace.CoordinatingUnit => "Đơn vị phối hợp",
        _ => place.ToString(),
    };

    public static string FeeKindName(FeeKind kind) => kind == FeeKind.Charge ? "Phí" : "Lệ phí";

    public static string ReturnMethodName(ReturnMethod? method) => method switch
    {
        ReturnMethod.Desk => "Tại Bộ phận Một cửa",
        ReturnMethod.Postal => "Qua bưu chính công ích",
        ReturnMethod.Electronic => "Bản điện tử vào kho dữ liệu của người nộp",
        _ => Dash,
    };

    /// <summary>The kind of a result as given to the applicant: a paper result returned electronically reached them
    /// as its signed electronic copy, not as paper.</summary>
    public static string ResultKind(bool isElectronic, ReturnMethod? returned) =>
        isElectronic ? "Bản điện tử" : returned == ReturnMethod.Electronic ? "Bản điện tử (bản ký số của kết quả)" : "Bản giấy";

    /// <summary>Whether a component still needs scanning (Circular 01/2023): a paper scanned at reception is digitized;
    /// a file sent online, a reused paper and a paper only shown need no scan, and saying "Chưa" of them would send
    /// the desk to scan what is already electronic.</summary>
    public static string Digitization(GetDossier.ComponentView c, Features.Dossiers.Channel channel) =>
        c.Digitized ? "Đã số hóa"
        : c.Reused || c.FromCitizenStore ? "Không cần (tái sử dụng)"
        : c.Form == ComponentForm.OriginalToShow ? "Không cần (chỉ đối chiếu)"
        : channel == Features.Dossiers.Channel.Online ? "Không cần (nộp bản điện tử)"
        : "Chưa";

    public static string SupplementStateName(SupplementState state) => state switch
    {
        SupplementState.Open => "Đang chờ bổ sung",
        SupplementState.Answered => "Đã bổ sung",
        SupplementState.Closed => "Đã đóng",
        _ => state.ToString(),
    };

    public static string ApplicantKindName(ApplicantKind kind) => kind == ApplicantKind.Person ? "Cá nhân" : "Tổ chức";

    /// <summary>Working time as officials say it: "7 giờ 30 phút", "45 phút".</summary>
    public static string WorkingTime(TimeSpan time)
    {
        var minutes = (int)Math.Ceiling(time.TotalMinutes);
        var hours = minutes / 60;
        var rest = minutes % 60;
        if (hours == 0) return $"{rest} phút";
        return rest == 0
            ? hours.ToString(CultureInfo.InvariantCulture) + " giờ"
            : $"{hours.ToString(CultureInfo.InvariantCulture)} giờ {rest.ToString(CultureInfo.InvariantCulture)} phút";
    }

    /// <summary>The dossier list with the given filters; "page" is also the Razor Pages route key, so page links
    /// are written by hand rather than through the route helpers.</summary>
    public static string ListUrl(DossierList list = DossierList.All, string? q = null, DossierStatus? status = null, int page = 1)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(q)) query["q"] = q.Trim();
        if (list != DossierList.All) query["list"] = list.ToString();
        if (status is { } s) query["status"] = ((int)s).ToString(CultureInfo.InvariantCulture);
        if (page > 1) query["page"] = page.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/office/dossiers", query);
    }

    public static string ListName(DossierList list) => list switch
    {
        DossierList.AwaitingReception => "Hồ sơ trực tuyến chờ tiếp nhận",
        DossierList.Mine => "Hồ sơ tôi đang xử lý",
        DossierList.MyActions => "Việc cần làm",
        DossierList.DueSoon => "Sắp đến hạn (trong một ngày làm việc)",
        DossierList.Late => "Quá hạn",
        DossierList.ToReturn => "Kết quả chờ trả",
        _ => "Tất cả hồ sơ của đơn vị",
    };
}
