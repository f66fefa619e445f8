namespace MotCua.Web.Features.Dossiers;

public static class DossiersModule
{
    public static IServiceCollection AddDossiers(this IServiceCollection services) => services
        .AddScoped<IntakeBuilder>()
        .AddScoped<DossierCodeGenerator>()
        .AddScoped<ReceiveInPerson.Handler>()
        .AddScoped<SubmitOnline.Handler>()
        .AddScoped<GetDossier.Handler>();

    public static IEndpointRouteBuilder MapDossiers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers");
        ReceiveInPerson.Map(group);
        GetDossier.Map(group);
        return app;
    }
}
