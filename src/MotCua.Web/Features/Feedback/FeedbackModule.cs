namespace MotCua.Web.Features.Feedback;

/// <summary>Satisfaction ratings of settled dossiers.</summary>
public static class FeedbackModule
{
    public static IServiceCollection AddFeedback(this IServiceCollection services) => services.AddScoped<RateDossier.Handler>();

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app) => app;
}
