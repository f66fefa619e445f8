using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Notifications;

/// <summary>Notifications to applicants by e-mail and SMS, queued with each status change and sent by the jobs runner.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName))
            // The simulator is never served in production (MapNotifications), so it is never the gateway there either.
            .PostConfigure<IHostEnvironment>((o, environment) => o.Sms.Simulator.Enabled &= !environment.IsProduction());
        services.AddSingleton<NotificationInterceptor>();
        // Every AppDbContext of the app gets the interceptor; contexts built by hand (migrations, tooling) do not queue.
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<NotificationInterceptor>()));
        services.AddSingleton<SmtpEmailSender>();
        services.AddHttpClient<HttpSmsGatewayClient>((sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Sms.Timeout);
        services.AddJobHandler<DeliverNotification>(DeliverNotification.EmailKind);
        services.AddJobHandler<DeliverNotification>(DeliverNotification.SmsKind);
        services.AddScoped<ListNotifications.Handler>();
        // Registered always, served only when enabled (MapNotifications).
        services.AddSingleton(sp => new SmsGatewaySimulator(sp.GetRequiredService<TimeProvider>())
        {
            ApiKey = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Sms.Simulator.ApiKey is { Length: > 0 } key ? key : null,
        });
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        ListNotifications.Map(app);
        // The simulator lists every SMS with its phone number and lookup code: never on a production server, and never
        // without its key (SmsGatewaySimulator.Map).
        var simulator = app.ServiceProvider.GetRequiredService<IOptions<NotificationOptions>>().Value.Sms.Simulator;
        if (simulator.Enabled && !app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
            SmsGatewaySimulator.Map(app);
        return app;
    }
}
