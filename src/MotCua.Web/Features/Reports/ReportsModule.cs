namespace MotCua.Web.Features.Reports;

/// <summary>The periodic report of dossier handling (by channel, timeliness, field, procedure and sub-unit) and the
/// office dashboard built on it; the report as JSON, Excel and PDF.</summary>
public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.SectionName);
        return services
            .AddScoped<ReportAccess>()
            .AddScoped<DossierReport.Handler>();
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        ReportEndpoints.Map(app);
        return app;
    }
}
