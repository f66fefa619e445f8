using Microsoft.AspNetCore.Authorization;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Audit;

/// <summary>The administration audit log (nhật ký quản trị) and the log of refused access.</summary>
public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<ListAuditEntries.Handler>();
        services.AddSingleton<AppendOnly>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AppendOnly>()));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusedAccess.AuthorizationResultHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        ListAuditEntries.Map(app);
        return app;
    }

    /// <summary>Between authentication and authorization: see <see cref="RefusedAccess.Middleware"/>.</summary>
    public static IApplicationBuilder UseRefusedAccessLog(this IApplicationBuilder app) => app.UseMiddleware<RefusedAccess.Middleware>();
}
