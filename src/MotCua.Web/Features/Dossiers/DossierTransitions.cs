namespace MotCua.Web.Features.Dossiers;

/// <summary>Actions that change a dossier's national status.</summary>
public enum DossierAction
{
    Submit,
    Receive,
    Refuse,
    RequestSupplement,
    AnswerSupplement,
    StartProcessing,
    RequestFinancialObligation,
    FulfilFinancialObligation,
    Decide,
    ReturnResult,
    Withdraw,
    Stop,
}

/// <summary>The one table of allowed status changes. <c>null</c> as the source is a dossier that does not
/// exist yet (created at the desk, by post, or by an online submission). Anything not listed is forbidden.</summary>
public static class DossierTransitions
{
    public static readonly IReadOnlyList<(DossierStatus? From, DossierAction Action, DossierStatus To)> Allowed =
    [
        (null, DossierAction.Submit, DossierStatus.Submitted),

        // Valid reception: at the desk or by post a new dossier; online one waiting for reception.
        (null, DossierAction.Receive, DossierStatus.Received),
        (DossierStatus.Submitted, DossierAction.Receive, DossierStatus.Received),

        // Refusal happens at reception only; later a negative decision is a result (status 9).
        (null, DossierAction.Refuse, DossierStatus.Refused),
        (DossierStatus.Submitted, DossierAction.Refuse, DossierStatus.Refused),
        (DossierStatus.SupplementRequested, DossierAction.Refuse, DossierStatus.Refused),

        (DossierStatus.Submitted, DossierAction.RequestSupplement, DossierStatus.SupplementRequested),
        (DossierStatus.Received, DossierAction.RequestSupplement, DossierStatus.SupplementRequested),
        (DossierStatus.InProgress, DossierAction.RequestSupplement, DossierStatus.SupplementRequested),

        // The dossier goes back to where it was when the supplement was asked for.
        (DossierStatus.SupplementRequested, DossierAction.AnswerSupplement, DossierStatus.Submitted),
        (DossierStatus.SupplementRequested, DossierAction.AnswerSupplement, DossierStatus.Received),
        (DossierStatus.SupplementRequested, DossierAction.AnswerSupplement, DossierStatus.InProgress),

        (DossierStatus.Received, DossierAction.StartProcessing, DossierStatus.InProgress),

        (DossierStatus.InProgress, DossierAction.RequestFinancialObligation, DossierStatus.AwaitingFinancialObligation),
        (DossierStatus.AwaitingFinancialObligation, DossierAction.FulfilFinancialObligation, DossierStatus.InProgress),

        (DossierStatus.InProgress, DossierAction.Decide, DossierStatus.Decided),
        (DossierStatus.Decided, DossierAction.ReturnResult, DossierStatus.Returned),

        // At the applicant's request, while no result has been issued.
        (DossierStatus.Submitted, DossierAction.Withdraw, DossierStatus.Withdrawn),
        (DossierStatus.Received, DossierAction.Withdraw, DossierStatus.Withdrawn),
        (DossierStatus.InProgress, DossierAction.Withdraw, DossierStatus.Withdrawn),
        (DossierStatus.SupplementRequested, DossierAction.Withdraw, DossierStatus.Withdrawn),
        (DossierStatus.AwaitingFinancialObligation, DossierAction.Withdraw, DossierStatus.Withdrawn),
        (DossierStatus.Received, DossierAction.Stop, DossierStatus.Stopped),
        (DossierStatus.InProgress, DossierAction.Stop, DossierStatus.Stopped),
        (DossierStatus.SupplementRequested, DossierAction.Stop, DossierStatus.Stopped),
        (DossierStatus.AwaitingFinancialObligation, DossierAction.Stop, DossierStatus.Stopped),
    ];

    private static readonly HashSet<(DossierStatus?, DossierAction, DossierStatus)> Set = [.. Allowed];

    public static bool IsAllowed(DossierStatus? from, DossierAction action, DossierStatus to) => Set.Contains((from, action, to));

    public static bool IsAllowed(DossierStatus? from, DossierAction action) =>
        Allowed.Any(t => t.From == from && t.Action == action);

    public static string DisplayName(this DossierAction action) => action switch
    {
        DossierAction.Submit => "nộp hồ sơ",
        DossierAction.Receive => "tiếp nhận",
        DossierAction.Refuse => "từ chối tiếp nhận",
        DossierAction.RequestSupplement => "yêu cầu bổ sung",
        DossierAction.AnswerSupplement => "bổ sung hồ sơ",
        DossierAction.StartProcessing => "chuyển xử lý",
        DossierAction.RequestFinancialObligation => "yêu cầu thực hiện nghĩa vụ tài chính",
        DossierAction.FulfilFinancialObligation => "xác nhận hoàn thành nghĩa vụ tài chính",
        DossierAction.Decide => "hoàn thành xử lý",
        DossierAction.ReturnResult => "trả kết quả",
        DossierAction.Withdraw => "rút hồ sơ",
        DossierAction.Stop => "dừng xử lý",
        _ => action.ToString(),
    };
}
