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
        services.AddOptions<NationalPortalOptions>().Bind(configuration.GetSection(NationalPortalOptions.SectionName))
            .Validate(o => !o.SyncEnabled || o.FileLinkSecret.Length >= NationalFileLinks.SecretMinLength,
                $"NationalPortal:FileLinkSecret must be at least {NationalFileLinks.SecretMinLength} characters when NationalPortal:BaseUrl is set: it signs the file links the national portal fetches.")
            .Validate(o => o.PublicBaseUrl.Length == 0 || (Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
                "NationalPortal:PublicBaseUrl must be an absolute http(s) address.")
            .ValidateOnStart();
        services.AddJobs(configuration);
        services.AddSingleton<NationalPortalTokens>();
        services.AddHttpClient(NationalPortalClient.HttpClientName);
        services.AddSingleton<INationalPortal, NationalPortalClient>();
        services.AddSingleton<NationalSyncInterceptor>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<NationalSyncInterceptor>()));
        services.AddSingleton<NationalFileLinks>();
        services.AddJobHandler<SyncDossier>(SyncDossier.Kind);
        services.AddJobHandler<SyncRating>(SyncRating.Kind);
        // A record is never given up for an outage: only the portal's refusal ends it (docs/adr/0032d).
        foreach (var kind in new[] { SyncDossier.Kind, SyncRating.Kind })
            services.AddJobRetryPolicy(kind, sp => sp.GetRequiredService<IOptionsMonitor<NationalPortalOptions>>().CurrentValue.RetryMaxDelay);
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
        NationalFileLinks.Map(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<NationalPortalOptions>>().Value;
        // A portal that accepts whatever it is sent and hands out tokens: never on a production server, whatever the configuration says.
        if (options.Simulator.Enabled && !app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
            NationalPortalSimulator.Map(app);
        return app;
    }
}
