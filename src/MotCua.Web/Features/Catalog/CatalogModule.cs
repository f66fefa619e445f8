namespace MotCua.Web.Features.Catalog;

/// <summary>The catalog of procedures: public search and detail, import and export (/api/catalog, /api/procedures),
/// and the administrator's procedure versions and online-only list behind /office/admin.</summary>
public static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services) => services
        .AddScoped<ImportCatalog.Handler>()
        .AddScoped<ExportCatalog.Handler>()
        .AddSingleton<CatalogFacets>()
        .AddScoped<SearchProcedures.Handler>()
        .AddScoped<ListCatalogFilters.Handler>()
        .AddScoped<GetProcedure.Handler>()
        .AddScoped<BrowseCatalog.Handler>()
        .AddScoped<GetProcedureHistory.Handler>()
        .AddScoped<PublishProcedureVersion.Handler>()
        .AddScoped<SetOnlineOnlyPilot.Handler>()
        .AddScoped<QuoteFees.Handler>();

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        CatalogEndpoints.Map(app);
        return app;
    }
}
