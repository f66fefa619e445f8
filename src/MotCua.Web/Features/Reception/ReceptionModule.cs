namespace MotCua.Web.Features.Reception;

/// <summary>The one-stop desk's use cases: receiving or refusing a dossier (at the desk, by post, online),
/// supplements and digitization. Mapped under /api/dossiers beside the dossier's own endpoints.</summary>
public static class ReceptionModule
{
    public static IServiceCollection AddReception(this IServiceCollection services) => services
        .AddScoped<ReceiveOnline.Handler>()
        .AddScoped<RefuseDossier.Handler>()
        .AddScoped<RequestSupplement.Handler>()
        .AddScoped<RecordSupplement.Handler>()
        .AddScoped<DigitizeComponent.Handler>()
        .AddScoped<RefuseInPerson.Handler>()
        .AddScoped<FindApplicant.Handler>()
        .AddScoped<FrequentProcedures.Handler>()
        .AddScoped<GetDeskProcedure.Handler>()
        .AddScoped<CompetentUnitChoices.Handler>()
        .AddScoped<GetOnlineReception.Handler>();

    public static IEndpointRouteBuilder MapReception(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers");
        ReceiveOnline.Map(group);
        RefuseDossier.Map(group);
        RequestSupplement.Map(group);
        RecordSupplement.Map(group);
        DigitizeComponent.Map(group);
        RefuseInPerson.Map(group);
        return app;
    }
}
