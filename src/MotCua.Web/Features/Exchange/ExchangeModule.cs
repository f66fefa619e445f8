namespace MotCua.Web.Features.Exchange;

/// <summary>Dossier exchange in the national sync-record format (domain brief §8, ADR 0030b): export of a unit's
/// dossiers for a period, and import of another system's records, under /api/dossiers.</summary>
public static class ExchangeModule
{
    public static IServiceCollection AddExchange(this IServiceCollection services) => services
        .AddSingleton<ImportProgress>()
        .AddScoped<ImportDossiers.Handler>()
        .AddScoped<ExportDossiers.Handler>();

    public static IEndpointRouteBuilder MapExchange(this IEndpointRouteBuilder app) => ExchangeEndpoints.Map(app);
}
