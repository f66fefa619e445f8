using System.Globalization;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Tracking;

/// <summary>One line of a dossier's history as a citizen reads it: when, what, who (null on the public page), in which
/// role and unit, the status it led to when it changed, and the reason when it is addressed to the applicant.</summary>
public sealed record TimelineEntry(DateTime AtUtc, string What, string? Who, string Role, string? Unit, string? StatusAfter, string? Reason);

/// <summary>What of the history is shown outside the office (ADR 0013). The owner reads the history as recorded,
/// with the officials' names, but only the reasons written for the applicant: the officials' working notes to each
/// other (a coordination question, a leader's remarks on a draft) are internal. The public page shows neither names
/// nor recorded descriptions — those can hold the applicant's name, a receiver's name or file names — but a fixed
/// phrase per kind of event.</summary>
public static class CitizenTimeline
{
    private static readonly HashSet<DossierEventKind> ReasonsForTheApplicant =
    [
        DossierEventKind.Refuse, DossierEventKind.RequestSupplement, DossierEventKind.AnswerSupplement,
        DossierEventKind.RequestFinancialObligation, DossierEventKind.Withdraw, DossierEventKind.Stop, DossierEventKind.Apologize,
    ];

    public static TimelineEntry ForOwner(DossierEvent e) =>
        new(e.AtUtc, e.Description, e.ActorName, e.ActorRole, e.UnitName, StatusAfter(e), ReasonsForTheApplicant.Contains(e.Kind) ? e.Reason : null);

    /// <summary>The public line, from the only columns the lookup reads.</summary>
    public static TimelineEntry ForPublic(DateTime atUtc, DossierEventKind kind, string role, string? unit, DossierStatus? from, DossierStatus to) =>
        new(atUtc, PublicWords(kind), null, role, unit, StatusAfter(from, to), null);

    private static string? StatusAfter(DossierEvent e) => StatusAfter(e.FromStatus, e.ToStatus);

    private static string? StatusAfter(DossierStatus? from, DossierStatus to) => from != to ? to.DisplayName() : null;

    public static string PublicWords(DossierEventKind kind) => kind switch
    {
        DossierEventKind.Submit => "Nộp hồ sơ trực tuyến",
        DossierEventKind.Receive => "Tiếp nhận hồ sơ",
        DossierEventKind.Refuse => "Từ chối tiếp nhận hồ sơ",
        DossierEventKind.RequestSupplement => "Yêu cầu bổ sung hồ sơ",
        DossierEventKind.AnswerSupplement => "Bổ sung hồ sơ",
        DossierEventKind.StartProcessing => "Chuyển hồ sơ đến bộ phận xử lý",
        DossierEventKind.Transfer => "Chuyển hồ sơ đến đơn vị khác",
        DossierEventKind.Assign => "Phân công cán bộ xử lý",
        DossierEventKind.RequestCoordination => "Lấy ý kiến đơn vị phối hợp",
        DossierEventKind.AnswerCoordination => "Đơn vị phối hợp trả lời",
        DossierEventKind.AttachDraft => "Dự thảo kết quả",
        DossierEventKind.SubmitForApproval => "Trình lãnh đạo ký",
        DossierEventKind.Approve => "Lãnh đạo phê duyệt",
        DossierEventKind.SendBack => "Lãnh đạo yêu cầu hoàn thiện dự thảo",
        DossierEventKind.RequestFinancialObligation => "Yêu cầu thực hiện nghĩa vụ tài chính",
        DossierEventKind.FulfilFinancialObligation => "Hoàn thành nghĩa vụ tài chính",
        DossierEventKind.Payment => "Nộp phí, lệ phí",
        DossierEventKind.Refund => "Hoàn trả phí, lệ phí",
        DossierEventKind.Decide => "Phát hành kết quả",
        DossierEventKind.ReturnResult => "Trả kết quả",
        DossierEventKind.Withdraw => "Rút hồ sơ theo yêu cầu của người nộp",
        DossierEventKind.Stop => "Dừng xử lý hồ sơ",
        DossierEventKind.Apologize => "Xin lỗi và hẹn lại ngày trả kết quả",
        DossierEventKind.AttachFile => "Cập nhật giấy tờ của hồ sơ",
        DossierEventKind.AttachResult => "Đính kèm bản điện tử của kết quả",
        DossierEventKind.ReuseComponent => "Sử dụng lại giấy tờ đã số hóa",
        DossierEventKind.Import => "Cập nhật dữ liệu hồ sơ từ hệ thống khác",
        DossierEventKind.ExternalStep => "Xử lý hồ sơ (ghi nhận từ hệ thống khác)",
        DossierEventKind.Sign => "Ký số giấy tờ của hồ sơ",
        _ => "Cập nhật hồ sơ",
    };

    /// <summary>"Nguyễn Văn An" → "Nguyễn V. A.": enough for the applicant to recognise their dossier on the public
    /// page, not enough to tell a stranger who applied. Organisations are registered publicly and keep their name.</summary>
    public static string MaskName(string fullName, ApplicantKind kind)
    {
        if (kind == ApplicantKind.Organisation) return fullName;
        var words = fullName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "";
        static string Initial(string word) => StringInfo.GetNextTextElementLength(word) is var n and > 0 ? word[..n] + "." : "";
        return words.Length == 1
            ? Initial(words[0])
            : string.Join(' ', words.Skip(1).Select(Initial).Prepend(words[0]));
    }
}
