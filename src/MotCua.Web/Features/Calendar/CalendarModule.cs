using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MotCua.Web.Features.Calendar;

public static class CalendarModule
{
    /// <summary>Office hours from <c>Calendar:OfficeHours</c> (checked at start-up), the calendar service and
    /// its cache, and the administrator's use cases.</summary>
    public static IServiceCollection AddCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OfficeHoursOptions>()
            .Bind(configuration.GetSection(OfficeHoursOptions.SectionName))
            .Validate(o => o.Problems().Count == 0, "Calendar:OfficeHours: giờ làm việc không hợp lệ (sáng phải trước chiều, giờ bắt đầu trước giờ kết thúc).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CalendarCache>();
        services.AddScoped<CalendarService>();
        services.AddScoped<CalendarPositions>();
        services.AddScoped<AddDayOff.Handler>();
        services.AddScoped<AddSwappedWorkday.Handler>();
        services.AddScoped<RemoveDay.Handler>();
        return services;
    }

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        CalendarEndpoints.Map(app);
        return app;
    }
}
