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

/// <summary>The allowed changes of national status: the workflow table (<see cref="DossierWorkflow"/>) seen from the
/// statuses alone, so the two cannot disagree. <c>null</c> as the source is a dossier that does not exist yet
/// (created at the desk, by post, or by an online submission). Anything not listed is forbidden.</summary>
public static class DossierTransitions
{
    public static readonly IReadOnlyList<(DossierStatus? From, DossierAction Action, DossierStatus To)> Allowed =
    [
        .. DossierWorkflow.Rows
            .Select(r => (r.Status, Action: DossierWorkflow.StatusAction(r.Operation), r.ToStatus))
            .Where(t => t.Action is not null)
            .Select(t => (t.Status, t.Action!.Value, t.ToStatus))
            .Distinct(),
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
