using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Calendar;

/// <summary>An administrator marks a Saturday or Sunday as worked (làm bù), as the government announces
/// when it moves a day off next to a holiday.</summary>
public static class AddSwappedWorkday
{
    public sealed record Request(DateOnly Date, string Reason);

    public sealed class Handler(AppDbContext db, CalendarService calendar, CalendarCache cache, AuditLog audit)
    {
        public async Task<CalendarDay> HandleAsync(int year, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            CalendarInput.ThrowIfInvalid(year, request.Date, request.Reason, reasonRequired: true);
            if (!WorkingCalendar.IsWeekend(request.Date))
                throw new DomainException(
                    $"Ngày làm bù phải là Thứ bảy hoặc Chủ nhật; ngày {CalendarInput.Format(request.Date)} là {CalendarInput.DayName(request.Date)}.");

            await calendar.EnsurePrefilledAsync(year, year, ct);
            await CalendarInput.EnsureDateIsFreeAsync(db, request.Date, ct);

            var day = new CalendarDay(request.Date, CalendarDayKind.SwappedWorkday, Text.Normalize(request.Reason), CalendarDaySource.Administrator);
            audit.Record(AuditKind.SwappedWorkdayAdded, nameof(CalendarDay), CalendarAudit.SubjectId(day.Date),
                $"Thêm ngày làm bù {CalendarInput.DayName(day.Date)} {CalendarInput.Format(day.Date)}: {day.Reason}.", after: CalendarAudit.View(day));
            await CalendarInput.SaveNewDayAsync(db, cache, day, ct);
            return day;
        }
    }
}
