namespace MotCua.Web.Features.Units;

/// <summary>Units and officials' accounts: the public list of units and agency codes (/api/units), the unit tree
/// every feature reads, and the administrator's use cases behind /office/admin.</summary>
public static class UnitsModule
{
    public static IServiceCollection AddUnits(this IServiceCollection services) => services
        .AddSingleton<UnitTree>()
        .AddScoped<ListUnits.Handler>()
        .AddScoped<CreateUnit.Handler>()
        .AddScoped<RenameUnit.Handler>()
        .AddScoped<ReissueUnitCode.Handler>()
        .AddScoped<ListOfficials.Handler>()
        .AddScoped<CreateOfficial.Handler>()
        .AddScoped<UpdateOfficial.Handler>()
        .AddScoped<ResetOfficialPassword.Handler>()
        .AddScoped<LockOfficial.Handler>();

    public static IEndpointRouteBuilder MapUnits(this IEndpointRouteBuilder app)
    {
        ListUnits.Map(app);
        return app;
    }
}
