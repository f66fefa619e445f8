using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Ratings;

/// <summary>Satisfaction ratings of settled dossiers (đánh giá mức độ hài lòng). Not the citizens' feedback
/// (phản ánh, kiến nghị), which is a feature of its own. Rated on the portal's pages: the citizen's dossier page, the
/// link sent with the return to an applicant without an account, and the desk's screen; no API yet.</summary>
public static class RatingsModule
{
    public static IServiceCollection AddRatings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RatingOptions>().Bind(configuration.GetSection(RatingOptions.SectionName));
        services.AddScoped<RateDossier.Handler>();
        services.AddScoped<RateByLink.Handler>();
        services.AddScoped<RateAtDesk.Handler>();
        services.AddSingleton<RatingLinks>();
        services.AddSingleton<SendRatingLink>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<SendRatingLink>()));
        return services;
    }
}
