namespace MotCua.Web.Features.Feedback;

/// <summary>The deadlines of feedback in working days (kpi-766 group 5, indicator 5.2), and the readings the brief leaves
/// open, marked [to confirm] in docs/model.md §11f. Section <c>Feedback</c>.</summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Feedback";

    /// <summary>Refuse within 2 working days of reception.</summary>
    public int RefuseWithinWorkingDays { get; set; } = 2;

    /// <summary>The first request for information within 5 working days of reception.</summary>
    public int FirstInfoRequestWithinWorkingDays { get; set; } = 5;

    /// <summary>Answer within 15 working days of reception or of the last transfer.</summary>
    public int AnswerWithinWorkingDays { get; set; } = 15;

    /// <summary>Publish the answer within 2 working days of answering.</summary>
    public int PublishWithinWorkingDays { get; set; } = 2;

    /// <summary>[to confirm] The brief restarts the 15 days at the last transfer; whether the 2 days to refuse and the 5
    /// to ask for information restart too is not said. Default: they do, as the unit receiving the transfer meets the
    /// item for the first time.</summary>
    public bool TransferRestartsRefusalAndInfoClocks { get; set; } = true;

    /// <summary>[to confirm] Whether the time the sender takes to answer a request for information is added to the
    /// answer's deadline. Default: no, the brief counts 15 working days from submission.</summary>
    public bool InfoRequestPausesAnswerClock { get; set; }

    /// <summary>Reminders go out this many working days before the answer's and the publication's deadline.</summary>
    public int RemindWorkingDaysBefore { get; set; } = 2;
}
