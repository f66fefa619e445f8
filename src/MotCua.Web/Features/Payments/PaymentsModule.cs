using MotCua.Web.Features.Payments.Vnpay;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Payments;

/// <summary>Online payment of fees through a gateway (VNPAY first, behind <see cref="IPaymentProvider"/>), the one
/// payment model shared with the desk's cash and transfers, the gateway's notices and queries, numbered receipts, the daily
/// reconciliation, refunds due and refunded, and the
/// local gateway sandbox for development and tests (docs/adr/0030e, 0031c).</summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentOptions>().Bind(configuration.GetSection(PaymentOptions.SectionName));
        services.AddSingleton<SelfAddress>();
        services.AddSingleton<PaymentLinks>();
        services.AddSingleton<IPaymentProvider, VnpayProvider>();
        services.AddHttpClient(VnpayProvider.HttpClientName);
        services.AddScoped<SettlePayment>();
        services.AddScoped<StartOnlinePayment.Handler>();
        services.AddScoped<ReturnFromGateway.Handler>();
        services.AddScoped<ReceiveGatewayNotice.Handler>();
        services.AddScoped<Receipts.IssueReceipts>();
        services.AddScoped<Receipts.ReadReceipt>();
        services.AddScoped<PaymentAccess>();
        services.AddScoped<ListRefunds.Handler>();
        services.AddScoped<RecordRefund.Handler>();
        services.AddScoped<Reconcile.Handler>();
        services.AddSingleton<RefundOnEnd>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<RefundOnEnd>()));
        services.AddSingleton<SendPaymentLink>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<SendPaymentLink>()));
        services.AddRecurringJob<SettlePendingPayments>(SettlePendingPayments.Name, "*/5 * * * *");
        // Registered always, served only outside Production (MapPayments).
        services.AddSingleton<VnpaySandbox>();
        services.AddHttpClient(VnpaySandbox.HttpClientName);
        return services;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        ReceiveGatewayNotice.Map(app);
        PaymentEndpoints.Map(app);
        PaymentEndpoints.MapLink(app);
        var options = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PaymentOptions>>().Value;
        // A gateway that approves whatever it is asked: never on a production server, whatever the configuration says.
        if (options.Sandbox.Enabled && !app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
            VnpaySandbox.Map(app);
        return app;
    }
}
