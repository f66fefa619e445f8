using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Population.Sandbox;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Population;

/// <summary>The national population database (docs/adr/0033c): the lookup by ID number behind <see cref="IPopulationRegistry"/>,
/// the verifications a desk reception or an online draft names, and the service's local simulator.</summary>
public static class PopulationModule
{
    public static IServiceCollection AddPopulation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PopulationOptions>().Bind(configuration.GetSection(PopulationOptions.SectionName))
            .Validate(o => o.BaseUrl.Length == 0 || o.ClientSecret.Length > 0, "Population:ClientSecret is required when Population:BaseUrl is set.")
            .ValidateOnStart();
        services.AddSingleton<PopulationTokens>();
        services.AddHttpClient(PopulationRegistryClient.HttpClientName);
        services.AddSingleton<IPopulationRegistry, PopulationRegistryClient>();
        services.AddScoped<LookUpPerson.Handler>();
        services.AddScoped<PopulationVerifications>();
        // This feature's implementation of the dossier's extension point: the reception confirms a lookup through it.
        services.AddScoped<IPopulationVerifications, PopulationVerifications>();
        services.AddRecurringJob<PurgeExpiredVerifications>(PurgeExpiredVerifications.Name, "17 2 * * *");
        // Registered always, served only outside Production (MapPopulation).
        services.AddSingleton<PopulationRegistrySimulator>();
        return services;
    }

    public static IEndpointRouteBuilder MapPopulation(this IEndpointRouteBuilder app)
    {
        LookUpPerson.Map(app.MapGroup("/api/population").WithTags("Population"));
        var options = app.ServiceProvider.GetRequiredService<IOptions<PopulationOptions>>().Value;
        // A registry of made-up people that hands out tokens: never on a production server, whatever the configuration says.
        if (options.Simulator.Enabled && !app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
            PopulationRegistrySimulator.Map(app);
        return app;
    }
}
