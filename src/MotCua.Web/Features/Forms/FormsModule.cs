using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Forms;

/// <summary>Settings of the printed forms.</summary>
public sealed class FormsOptions
{
    public const string SectionName = "Forms";

    /// <summary>The public portal's address printed in the receipt's QR code. Empty: the address the official's
    /// request came in on, which is wrong behind a proxy that does not forward the host, or when the office
    /// and the portal live on different host names.</summary>
    public Uri? PublicBaseUrl { get; set; }
}

/// <summary>Registers the builders of the seven forms of Circular 03/2025/TT-VPCP; the pages under
/// /office/forms call them.</summary>
public static class FormsModule
{
    public static IServiceCollection AddForms(this IServiceCollection services)
    {
        services.AddOptions<FormsOptions>().BindConfiguration(FormsOptions.SectionName);
        return services
            .AddScoped<FormAccess>()
            .AddScoped<FormHeaders>()
            .AddScoped<ReceiptForm.Builder>()
            .AddScoped<SupplementForm.Builder>()
            .AddScoped<RefusalForm.Builder>()
            .AddScoped<ApologyForm.Builder>()
            .AddScoped<StopForm.Builder>()
            .AddScoped<ControlSlipForm.Builder>()
            .AddScoped<RegisterForm.Builder>()
            .AddScoped<WithdrawalRequestForm.Builder>()
            .AddScoped<DownloadFormPdf.Handler>()
            .AddSingleton<FormFilingInterceptor>()
            .ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<FormFilingInterceptor>()))
            .AddJobHandler<ProduceForm>(ProduceForm.Kind);
    }

    public static IEndpointRouteBuilder MapForms(this IEndpointRouteBuilder app)
    {
        DownloadFormPdf.Map(app);
        return app;
    }
}
