using MotCua.Web.Features.Scorecard;

namespace MotCua.Web.Features.Certification;

/// <summary>Chứng thực bản sao điện tử từ bản chính at the desk in one sitting, the certification book, and the figures of
/// indicator 6.3 (docs/adr/0033e). The copy is signed through the signing feature (<see cref="Signatures.IDocumentSigner"/>).</summary>
public static class CertificationModule
{
    public static IServiceCollection AddCertification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CertificationOptions>().Bind(configuration.GetSection(CertificationOptions.SectionName));
        services.AddScoped<CertifyAtDesk.Handler>();
        services.AddScoped<ListCertificationBook.Handler>();
        services.AddScoped<ICertifiedCopyFigures, SignedCopyFigures>();
        return services;
    }

    public static IEndpointRouteBuilder MapCertification(this IEndpointRouteBuilder app)
    {
        CertifyAtDesk.Map(app);
        return app;
    }
}
