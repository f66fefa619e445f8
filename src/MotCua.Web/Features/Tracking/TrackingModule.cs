namespace MotCua.Web.Features.Tracking;

/// <summary>Following a dossier from the citizen's side: my dossiers, public lookup by code and lookup code,
/// answering a supplement request, withdrawing, downloading the result.</summary>
public static class TrackingModule
{
    public static IServiceCollection AddTracking(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app) => app;
}
