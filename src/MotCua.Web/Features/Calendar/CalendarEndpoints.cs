using MotCua.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Calendar;

/// <summary>The working calendar over HTTP: read by anyone (the portal shows it, integrations compute due
/// dates with it), changed by administrators.</summary>
public static class CalendarEndpoints
{
    public sealed record NonWorkingDayView(DateOnly Date, string Reason, CalendarDayKind Kind);

    public sealed record SwappedWorkdayView(DateOnly Date, string Reason);

    public sealed record YearView(int Year, IReadOnlyList<NonWorkingDayView> NonWorkingDays, IReadOnlyList<SwappedWorkdayView> SwappedWorkdays);

    /// <param name="Kind">Holiday or CompensatoryDayOff for a day off on a weekday; SwappedWorkday for a
    /// Saturday or Sunday that is worked.</param>
    public sealed record AddDayRequest(DateOnly Date, CalendarDayKind Kind, [Text(CalendarDay.ReasonMaxLength)] string? Reason);

    public sealed record DayView(DateOnly Date, string Reason, CalendarDayKind Kind, CalendarDaySource Source);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");

        group.MapGet("/{year:int}", GetYearAsync)
            .WithName("GetCalendarYear")
            .WithSummary("Lịch làm việc của một năm: ngày nghỉ lễ, Tết, nghỉ bù (nonWorkingDays) và ngày làm bù (swappedWorkdays). " +
                         "Thứ bảy và Chủ nhật là ngày nghỉ, trừ khi có trong danh sách ngày làm bù.")
            .WithDescription("Từ Thứ hai đến Thứ sáu là ngày làm việc, trừ những ngày có trong nonWorkingDays. " +
                             "Ngày Tết và ngày nghỉ liền kề Quốc khánh do Thủ tướng Chính phủ quyết định hằng năm, nên lịch do quản trị viên cập nhật; " +
                             "lần đầu một năm được dùng, lịch được lập sẵn theo Điều 112 Bộ luật Lao động 2019.");

        var admin = group.MapGroup("/{year:int}/days").RequireAuthorization(nameof(OfficialRole.Administrator));
        admin.MapPost("/", AddDayAsync)
            .WithName("AddCalendarDay")
            .WithSummary("Thêm ngày nghỉ (Holiday, CompensatoryDayOff) vào một ngày thường, hoặc ngày làm bù (SwappedWorkday) vào Thứ bảy, Chủ nhật.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapDelete("/{date}", RemoveDayAsync)
            .WithName("RemoveCalendarDay")
            .WithSummary("Xóa một ngày khỏi lịch (ngày đó trở lại như tuần làm việc thông thường).");
    }

    private static async Task<Results<Ok<YearView>, ProblemHttpResult>> GetYearAsync(int year, CalendarService calendars, CancellationToken ct)
    {
        if (CalendarInput.YearProblem(year) is { } problem)
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Năm không hợp lệ");
        var days = await calendars.GetDaysAsync(year, ct);
        return TypedResults.Ok(new YearView(
            year,
            [.. days.Where(d => d.IsDayOff).Select(d => new NonWorkingDayView(d.Date, d.Reason, d.Kind))],
            [.. days.Where(d => !d.IsDayOff).Select(d => new SwappedWorkdayView(d.Date, d.Reason))]));
    }

    private static async Task<Results<Created<DayView>, ValidationProblem>> AddDayAsync(
        int year, AddDayRequest request, AddDayOff.Handler addDayOff, AddSwappedWorkday.Handler addSwappedWorkday, CancellationToken ct)
    {
        var problems = CalendarInput.Problems(year, request.Date, request.Reason, reasonRequired: true);
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);
        // Rules (weekend or not, one entry per date) throw DomainException, answered as 422.
        var day = request.Kind == CalendarDayKind.SwappedWorkday
            ? await addSwappedWorkday.HandleAsync(year, new AddSwappedWorkday.Request(request.Date, request.Reason!), ct)
            : await addDayOff.HandleAsync(year, new AddDayOff.Request(request.Date, request.Reason!, request.Kind), ct);
        return TypedResults.Created($"/api/calendar/{year}", new DayView(day.Date, day.Reason, day.Kind, day.Source));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveDayAsync(
        int year, DateOnly date, RemoveDay.Handler removeDay, CancellationToken ct)
    {
        var problems = CalendarInput.Problems(year, date, reason: null, reasonRequired: false);
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);
        var removed = await removeDay.HandleAsync(year, date, ct);
        return removed is null
            ? TypedResults.Problem($"Ngày {CalendarInput.Format(date)} không có trong lịch năm {year}.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy")
            : TypedResults.NoContent();
    }
}
