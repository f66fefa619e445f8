namespace MotCua.Web.Features.Identity;

/// <summary>The <c>Accounts</c> configuration section: citizens' accounts on the portal.</summary>
public sealed class CitizenAccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>How long a password reset link works after the e-mail is sent. Short, because whoever reads the
    /// mailbox can take the account with it; long enough for a message that waits in a queue.</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>At most one reset e-mail per account in this window, however often the form is sent: the form
    /// is public and must not become a way to flood someone's mailbox.</summary>
    public TimeSpan PasswordResetInterval { get; set; } = TimeSpan.FromMinutes(5);
}
