using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DocumentStore;

/// <summary>The citizen's data store: documents filed by dossiers, listed and re-used on the portal.</summary>
public static class DocumentStoreModule
{
    public static IServiceCollection AddDocumentStore(this IServiceCollection services)
    {
        services.AddSingleton<DocumentStoreInterceptor>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DocumentStoreInterceptor>()));
        return services
            .AddScoped<ListMyDocuments.Handler>()
            .AddScoped<GetMyDocumentFile.Handler>();
    }
}
