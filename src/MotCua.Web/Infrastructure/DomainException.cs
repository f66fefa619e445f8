namespace MotCua.Web.Infrastructure;

/// <summary>A business rule was broken. The message is Vietnamese and tells the user what they can do;
/// the API turns it into a 422 ProblemDetails and the pages show it as is.</summary>
public sealed class DomainException(string message) : Exception(message);

/// <summary>What was asked for does not exist, or is not the user's to see — answered alike (404), so that the ids
/// and codes of other people's records are not confirmed. Any record: the Vietnamese message names it
/// ("Không tìm thấy hồ sơ, …").</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Someone else changed the record after the user loaded it (409). <see cref="What"/> names the record for the
/// title ("Hồ sơ" → "Hồ sơ vừa được thay đổi"); the message says who did what and when, so the user can decide what to
/// do.</summary>
public sealed class ChangedException(string what, string message) : Exception(message)
{
    public string What { get; } = what;
}
