using MotCua.Web.Features.Scorecard;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>Phản ánh, kiến nghị: received from the portal or recorded by the office, handled within the working-day
/// deadlines of the 766 scorecard's group 5, published with personal data removed, rated by the sender; its figures
/// feed group 5 of the scorecard (<see cref="IFeedbackFigures"/>). Mapped under /api/feedback.</summary>
public static class FeedbackModule
{
    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedbackOptions>().Bind(configuration.GetSection(FeedbackOptions.SectionName))
            .Validate(o => o.RefuseWithinWorkingDays >= 1 && o.FirstInfoRequestWithinWorkingDays >= 1 && o.AnswerWithinWorkingDays >= 1
                           && o.PublishWithinWorkingDays >= 1 && o.RemindWorkingDaysBefore >= 0,
                "Feedback: every deadline at least 1 working day, RemindWorkingDaysBefore at least 0.")
            .ValidateOnStart();
        services.AddSingleton<FeedbackDoor>();
        services.AddSingleton<FeedbackNotices>();
        // Group 5 of the scorecard counts the recorded feedback.
        services.AddScoped<IFeedbackFigures, FeedbackFigureSource>();
        services.AddRecurringJob<FeedbackReminders>(FeedbackReminders.Name, "0 7 * * *");
        return services
            .AddScoped<FeedbackActions>()
            .AddScoped<ReceiveFeedback.Handler>()
            .AddScoped<HandleFeedback.Handler>()
            .AddScoped<SenderFeedback>()
            .AddScoped<OfficeFeedback>()
            .AddScoped<PublishedFeedback>();
    }

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app) => FeedbackEndpoints.Map(app);
}
