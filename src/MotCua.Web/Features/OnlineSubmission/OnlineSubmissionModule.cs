using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>The citizen's side of a dossier on the portal: drafts, submission, following it, supplements, withdrawal.</summary>
public static class OnlineSubmissionModule
{
    public static IServiceCollection AddOnlineSubmission(this IServiceCollection services)
    {
        services.AddOptions<OnlineSubmissionOptions>().BindConfiguration(OnlineSubmissionOptions.SectionName);
        services.AddJobHandler<PurgeAbandonedDraft>(PurgeAbandonedDraft.Kind);
        return services
            .AddScoped<SubmissionPlaces>()
            .AddScoped<DraftFiles>()
            .AddScoped<StartDraft.Handler>()
            .AddScoped<GetDraft.Handler>()
            .AddScoped<SaveDraft.Handler>()
            .AddScoped<RemoveDraftFile.Handler>()
            .AddScoped<TakeFromDataStore.Handler>()
            .AddScoped<TakePopulationData.Handler>()
            .AddScoped<SubmitDraft.Handler>()
            .AddScoped<ListDrafts.Handler>()
            .AddScoped<DeleteDraft.Handler>()
            .AddScoped<GetReceipt.Handler>()
            .AddScoped<PayDraft.Handler>();
    }
}
