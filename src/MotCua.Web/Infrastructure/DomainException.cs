namespace MotCua.Web.Infrastructure;

/// <summary>A business rule was broken. The message is Vietnamese and tells the user what they can do;
/// the API turns it into a 422 ProblemDetails and the pages show it as is.</summary>
public sealed class DomainException(string message) : Exception(message);
