using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>Digital signatures of documents (docs/adr/0033a): the PAdES signer with its key sources (an official's own
/// PKCS#12 store, a unit's seal, the remote-signing service, the demo CA outside Production), the verifier that checks
/// every PDF stored, the signing of dossier files, and the remote-signing simulator for development and tests.</summary>
public static class SignaturesModule
{
    public static IServiceCollection AddSignatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.SectionName));
        services.AddSingleton<DemoCertificateAuthority>();
        services.AddSingleton<TrustedRoots>();
        services.AddSingleton<SignatureVerifier>();
        services.AddHttpClient(RemoteSigningClient.HttpClientName);
        services.AddSingleton<IRemoteSigningClient, RemoteSigningClient>();
        services.AddScoped<SigningKeys>();
        services.AddScoped<IProtectedAtRest, SigningCredentialsProtectedAtRest>();
        services.AddScoped<IDocumentSigner, DocumentSigner>();
        services.AddScoped<DossierFileSigning>();
        services.AddScoped<SignComponentFile.Handler>();
        services.AddScoped<MyCertificate.Handler>();
        services.AddScoped<UnitSeals.Handler>();
        services.AddSingleton<FileSignatureInterceptor>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<FileSignatureInterceptor>()));
        // Registered always, served only outside Production (MapSignatures).
        services.AddSingleton<RemoteSigningSimulator>();
        return services;
    }

    public static IEndpointRouteBuilder MapSignatures(this IEndpointRouteBuilder app)
    {
        SignComponentFile.Map(app.MapGroup("/api/dossiers").WithTags("Dossiers"));
        UnitSeals.Map(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<SigningOptions>>().Value;
        // A signing service that signs whatever it is sent with the demo CA's keys: never on a production server.
        if (options.Remote.SimulatorEnabled && !app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
            RemoteSigningSimulator.Map(app);
        return app;
    }
}
