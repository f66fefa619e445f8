using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Registers the dossier's core (its actions, codes, files, intake) and its lists, and maps them under
/// /api/dossiers. Reception and Processing map their own actions under the same path.</summary>
public static class DossiersModule
{
    public static IServiceCollection AddDossiers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReceptionOptions>().Bind(configuration.GetSection(ReceptionOptions.SectionName));
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.SectionName));
        services.AddOptions<TimelinessOptions>().Bind(configuration.GetSection(TimelinessOptions.SectionName)).Validate(o => o.EarlyByDays >= 1, "Timeliness:EarlyByDays must be at least 1.").ValidateOnStart();
        services.AddSingleton<FileIntake>();
        return services
            .AddScoped<IntakeBuilder>()
            .AddScoped<DossierCodeGenerator>()
            .AddScoped<DossierActions>()
            .AddScoped<FileActions>()
            .AddScoped<ListDossiers.Handler>()
            .AddScoped<GetDossier.Handler>()
            .AddScoped<ReceiveInPerson.Handler>()
            .AddScoped<SubmitOnline.Handler>();
    }

    public static IEndpointRouteBuilder MapDossiers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers");
        ListDossiers.Map(group);
        GetDossier.Map(group);
        ReceiveInPerson.Map(group);
        return app;
    }
}
