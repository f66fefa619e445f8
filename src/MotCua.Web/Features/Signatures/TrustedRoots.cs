using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace MotCua.Web.Features.Signatures;

/// <summary>The roots a signature's chain must end at: the files named in Signatures:TrustedRoots (PEM or DER), and
/// outside Production the demo CA's root.</summary>
public sealed class TrustedRoots(IOptions<SigningOptions> options, IHostEnvironment environment, DemoCertificateAuthority demo)
{
    private X509Certificate2Collection? _configured;

    public async Task<X509Certificate2Collection> CurrentAsync(CancellationToken ct)
    {
        var roots = new X509Certificate2Collection(_configured ??= Load());
        if (demo.Enabled) roots.Add(X509CertificateLoader.LoadCertificate((await demo.RootAsync(ct)).RawData));
        return roots;
    }

    private X509Certificate2Collection Load()
    {
        var roots = new X509Certificate2Collection();
        foreach (var file in options.Value.TrustedRoots)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(environment.ContentRootPath, file);
            var bytes = File.ReadAllBytes(path);
            if (System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64)).Contains("-----BEGIN", StringComparison.Ordinal))
                roots.ImportFromPemFile(path);
            else
                roots.Add(X509CertificateLoader.LoadCertificate(bytes));
        }
        return roots;
    }
}
