using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MotCua.Web.Infrastructure;

/// <summary>The address this app listens on now, whatever port it was started on (<c>--urls</c>): the simulators it
/// serves itself in development (SMS gateway, national portal) are reached there, so a run on another port than the
/// usual one still delivers.</summary>
public static class OwnAddress
{
    /// <summary>The app's root (http preferred, a wildcard binding reached on the loopback); null before it listens.</summary>
    public static Uri? Root(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var own = addresses.OrderBy(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault();
        if (own is null) return null;
        var binding = BindingAddress.Parse(own);
        // A wildcard binding (http://+:8080, http://0.0.0.0:8080, http://[::]:8080) is reached on the loopback.
        var host = binding.Host is "+" or "*" or "0.0.0.0" or "[::]" or "::" ? "localhost" : binding.Host;
        return new UriBuilder(binding.Scheme, host, binding.Port, "/").Uri;
    }
}
