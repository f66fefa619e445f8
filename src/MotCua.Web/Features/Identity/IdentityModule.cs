using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Identity.Sandbox;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>Who is who: the identity store, sign-in by cookie or bearer token and the policies
/// (<see cref="IdentitySetup"/>, /api/auth/login); citizens' accounts on the portal: registration, password reset by
/// e-mail, the account page, sign-in and linking with the national e-ID (VNeID, docs/adr/0033b) and its local simulator, and the administrators' management of the Tổ công nghệ số cộng
/// đồng (docs/adr/0011).</summary>
public static class IdentityModule
{
    public static IServiceCollection AddAppIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSignIn();
        ElectronicIdentitySignIn.Add(services, configuration, environment);
        // The e-ID provider's stand-in: an OpenID Connect server that vouches for whoever the tester picks. Never on a
        // production server, whatever the configuration says: not even registered there.
        if (!environment.IsProduction() && configuration.GetValue<bool>($"{ElectronicIdentityOptions.SectionName}:{nameof(ElectronicIdentityOptions.Enabled)}"))
            ElectronicIdentitySimulator.AddServer(services);
        services.AddOptions<CitizenAccountOptions>()
            .BindConfiguration(CitizenAccountOptions.SectionName)
            .Validate(o => o.PasswordResetLinkLifetime > TimeSpan.Zero && o.PasswordResetInterval > TimeSpan.Zero,
                "Accounts:PasswordResetLinkLifetime and Accounts:PasswordResetInterval must be positive.")
            .ValidateOnStart();
        services.AddTransient<PasswordResetTokenProvider>();
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap[PasswordResetTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(PasswordResetTokenProvider));
            o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
        });
        services.AddJobHandler<SendPasswordResetEmail>(SendPasswordResetEmail.Kind);
        return services
            .AddScoped<RegisterCitizen.Handler>()
            .AddScoped<RequestPasswordReset.Handler>()
            .AddScoped<ResetCitizenPassword.Handler>()
            .AddScoped<UpdateCitizenProfile.Handler>()
            .AddScoped<ChangeCitizenPassword.Handler>()
            .AddScoped<LinkElectronicIdentity.Handler>()
            .AddScoped<ListDigitalTeam.Handler>()
            .AddScoped<GrantDigitalTeamRole.Handler>()
            .AddScoped<RevokeDigitalTeamRole.Handler>();
    }

    public static IEndpointRouteBuilder MapAppIdentity(this IEndpointRouteBuilder app)
    {
        AuthEndpoints.Map(app);
        ElectronicIdentitySignIn.Map(app);
        if (!app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction()
            && app.ServiceProvider.GetRequiredService<IOptions<ElectronicIdentityOptions>>().Value.Enabled)
            ElectronicIdentitySimulator.Map(app);
        return app;
    }
}
