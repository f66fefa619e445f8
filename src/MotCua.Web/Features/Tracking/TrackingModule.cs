namespace MotCua.Web.Features.Tracking;

/// <summary>Following a dossier from the citizen's side: my dossiers, public lookup by code and lookup code,
/// answering a supplement request, withdrawing, downloading the result.</summary>
public static class TrackingModule
{
    public static IServiceCollection AddTracking(this IServiceCollection services) =>
        services
            .AddScoped<CitizenDossiers>()
            .AddScoped<ListMyDossiers.Handler>()
            .AddScoped<GetMyDossier.Handler>()
            .AddScoped<GetMyFile.Handler>()
            .AddScoped<AnswerSupplementOnline.Handler>()
            .AddScoped<WithdrawOnline.Handler>()
            .AddScoped<LookupDossier.Handler>();

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        LookupDossier.Map(app);
        return app;
    }
}
