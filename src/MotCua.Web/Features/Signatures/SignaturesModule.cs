namespace MotCua.Web.Features.Signatures;

/// <summary>Digital signatures of documents (docs/adr/0033a): the PAdES signer with its key sources (an official's own
/// PKCS#12 store, a unit's seal, the remote-signing service, the demo CA outside Production), and the verifier.</summary>
public static class SignaturesModule
{
    public static IServiceCollection AddSignatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.SectionName));
        services.AddSingleton<DemoCertificateAuthority>();
        services.AddSingleton<TrustedRoots>();
        services.AddSingleton<SignatureVerifier>();
        services.AddScoped<SigningKeys>();
        services.AddScoped<IDocumentSigner, DocumentSigner>();
        return services;
    }
}
