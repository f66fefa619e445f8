namespace MotCua.Web.Features.Ratings;

/// <summary>The <c>Ratings</c> configuration section: how long the rating link sent at the return stays valid.</summary>
public sealed class RatingOptions
{
    public const string SectionName = "Ratings";

    /// <summary>How long the link in the return's e-mail and SMS lets the applicant rate (and change the rating).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);
}
