namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>The citizen's side of a dossier on the portal: drafts, submission, following it, supplements, withdrawal.</summary>
public static class OnlineSubmissionModule
{
    public static IServiceCollection AddOnlineSubmission(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapOnlineSubmission(this IEndpointRouteBuilder app) => app;
}
