using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MotCua.Web.Features.Payments;

/// <summary>This app's own address for calling itself server to server (the sandbox's notices and queries):
/// Payments:SelfBaseUrl, or the first address the server listens on.</summary>
public sealed class SelfAddress(IOptionsMonitor<PaymentOptions> options, IServer server)
{
    public string Resolve(string path)
    {
        var configured = options.CurrentValue.SelfBaseUrl;
        var address = configured is { Length: > 0 } ? configured
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        address = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return address.TrimEnd('/') + path;
    }
}
