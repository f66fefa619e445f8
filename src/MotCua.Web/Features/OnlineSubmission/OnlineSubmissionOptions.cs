namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>The <c>OnlineSubmission</c> configuration section.</summary>
public sealed class OnlineSubmissionOptions
{
    public const string SectionName = "OnlineSubmission";

    /// <summary>A draft not saved for this long is abandoned: it is deleted with the files uploaded to it.</summary>
    public TimeSpan KeepUnsubmittedDraftsFor { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Files one component of a draft may hold; a scanned paper rarely needs more than a few.</summary>
    public int MaxFilesPerComponent { get; set; } = 20;
}
