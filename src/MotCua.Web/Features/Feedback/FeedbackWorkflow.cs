using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>The one table of an item's transitions: from which statuses, by which officials' roles, to which status.
/// The aggregate checks it, the office page offers what it allows, the API maps its operations. The sender's own
/// steps (information on request, rating) are theirs whatever the roles.</summary>
public static class FeedbackWorkflow
{
    public sealed record Row(FeedbackOperation Operation, IReadOnlyList<FeedbackStatus> From, IReadOnlyList<OfficialRole> Roles, FeedbackStatus To);

    private const FeedbackStatus Received = FeedbackStatus.Received, InfoRequested = FeedbackStatus.InfoRequested;

    /// <summary>The office (Văn phòng) and the leader decide what is done with an item and sign the answer; a specialist
    /// prepares it and may ask the sender for more; the desk records what came in and what the sender brought.</summary>
    public static readonly IReadOnlyList<Row> Rows =
    [
        new(FeedbackOperation.Refuse, [Received], [OfficialRole.StatisticsOffice, OfficialRole.Leader], FeedbackStatus.Refused),
        new(FeedbackOperation.RequestInfo, [Received], [OfficialRole.StatisticsOffice, OfficialRole.Leader, OfficialRole.Specialist], InfoRequested),
        new(FeedbackOperation.ProvideInfo, [InfoRequested],
            [OfficialRole.StatisticsOffice, OfficialRole.Leader, OfficialRole.Specialist, OfficialRole.DeskOfficial], Received),
        new(FeedbackOperation.Transfer, [Received, InfoRequested], [OfficialRole.StatisticsOffice, OfficialRole.Leader], Received),
        new(FeedbackOperation.Answer, [Received], [OfficialRole.StatisticsOffice, OfficialRole.Leader], FeedbackStatus.Answered),
        new(FeedbackOperation.Publish, [FeedbackStatus.Answered], [OfficialRole.StatisticsOffice, OfficialRole.Leader], FeedbackStatus.Published),
    ];

    /// <summary>Who may record an item that came by the hotline, a letter or in person.</summary>
    public static readonly IReadOnlyList<OfficialRole> RecordRoles =
        [OfficialRole.DeskOfficial, OfficialRole.StatisticsOffice, OfficialRole.Leader, OfficialRole.Specialist];

    public static Row RowOf(FeedbackOperation operation) => Rows.Single(r => r.Operation == operation);

    /// <summary>The row for this operation from <paramref name="status"/>, or the Vietnamese reason it is not allowed.</summary>
    public static Row Check(FeedbackStatus status, FeedbackOperation operation)
    {
        var row = RowOf(operation);
        if (row.From.Contains(status)) return row;
        throw new DomainException(status switch
        {
            FeedbackStatus.Refused => $"Không thể {operation.DisplayName().ToLowerInvariant()}: phản ánh, kiến nghị đã bị từ chối tiếp nhận.",
            FeedbackStatus.Published => $"Không thể {operation.DisplayName().ToLowerInvariant()}: kết quả trả lời đã được công khai.",
            FeedbackStatus.Answered => $"Không thể {operation.DisplayName().ToLowerInvariant()}: phản ánh, kiến nghị đã được trả lời.",
            FeedbackStatus.InfoRequested => $"Không thể {operation.DisplayName().ToLowerInvariant()}: đang chờ người gửi bổ sung thông tin.",
            _ => $"Không thể {operation.DisplayName().ToLowerInvariant()} khi phản ánh, kiến nghị đang ở trạng thái \"{status.DisplayName()}\".",
        });
    }
}
