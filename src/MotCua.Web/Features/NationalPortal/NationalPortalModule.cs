using Microsoft.Extensions.Options;
using MotCua.Web.Features.NationalPortal.Sandbox;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>The national public-service portal (docs/adr/0031d-national-portal.md): intake of the dossiers submitted
/// there, the outbound sync of every change through the jobs table, the officials' sync health page, and the portal's
/// local simulator for development and tests.</summary>
public static class NationalPortalModule
{
    public static IServiceCollection AddNationalPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NationalPortalOptions>().Bind(configuration.GetSection(NationalPortalOptions.SectionName));
        services.AddJobs(configuration);
        services.AddSingleton<NationalPortalTokens>();
        services.AddHttpClient(NationalPortalClient.HttpClientName);
        services.AddSingleton<INationalPortal, NationalPortalClient>();
        services.AddSingleton<NationalSyncInterceptor>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<NationalSyncInterceptor>()));
        services.AddJobHandler<SyncDossier>(SyncDossier.Kind);
        services.AddScoped<ReceiveFromNationalPortal.Handler>();
        services.AddScoped<SyncHealth>();
        services.AddScoped<Resync>();
        services.AddRecurringJob<SyncLagAlert>(SyncLagAlert.Name, "*/5 * * * *");
        // Registered always, served only outside Production (MapNationalPortal).
        services.AddSingleton<NationalPortalSimulator>();
        services.AddHttpClient(NationalPortalSimulator.HttpClientName);
        return services;
    }

    public static IEndpointRouteBuilder MapNationalPortal(this IEndpointRouteBuilder app)
    {
        ReceiveFromNationalPortal.Map(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<NationalPortalOptions>>().Value;
        // A portal that accepts whatever it is sent and hands out tokens: never on a production server, whatever the configuration says.
        if (options.Simulator.Enabled && !app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
            NationalPortalSimulator.Map(app);
        return app;
    }
}
