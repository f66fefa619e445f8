namespace MotCua.Web.Features.Ratings;

/// <summary>Satisfaction ratings of settled dossiers (đánh giá mức độ hài lòng). Not the citizens' feedback
/// (phản ánh, kiến nghị), which is a feature of its own. Rated on the portal's pages; no API yet.</summary>
public static class RatingsModule
{
    public static IServiceCollection AddRatings(this IServiceCollection services) => services.AddScoped<RateDossier.Handler>();
}
