using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Calendar;

/// <summary>An administrator adds a day off on a weekday: a Tết day the Prime Minister added, the day
/// chosen next to 2/9, a day swapped with a working Saturday, or a compensatory day moved elsewhere.</summary>
public static class AddDayOff
{
    /// <param name="Kind"><see cref="CalendarDayKind.Holiday"/> (default) or <see cref="CalendarDayKind.CompensatoryDayOff"/>.</param>
    public sealed record Request(DateOnly Date, string Reason, CalendarDayKind Kind = CalendarDayKind.Holiday);

    public sealed class Handler(AppDbContext db, CalendarService calendar, CalendarCache cache, AuditLog audit)
    {
        public async Task<CalendarDay> HandleAsync(int year, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            CalendarInput.ThrowIfInvalid(year, request.Date, request.Reason, reasonRequired: true);
            if (request.Kind == CalendarDayKind.SwappedWorkday)
                throw new DomainException("Ngày làm bù (Thứ bảy, Chủ nhật đi làm) được thêm bằng chức năng \"Thêm ngày làm bù\".");
            if (WorkingCalendar.IsWeekend(request.Date))
                throw new DomainException(
                    $"Ngày {CalendarInput.Format(request.Date)} là {CalendarInput.DayName(request.Date)}, vốn đã là ngày nghỉ; " +
                    "chỉ thêm ngày nghỉ vào ngày thường (Thứ hai đến Thứ sáu). Nếu ngày lễ trùng cuối tuần, hãy thêm ngày nghỉ bù.");

            // Pre-fill first: otherwise pre-filling later would add the default days around this one.
            await calendar.EnsurePrefilledAsync(year, year, ct);
            await CalendarInput.EnsureDateIsFreeAsync(db, request.Date, ct);

            var day = new CalendarDay(request.Date, request.Kind, Text.Normalize(request.Reason), CalendarDaySource.Administrator);
            audit.Record(AuditKind.DayOffAdded, nameof(CalendarDay), CalendarAudit.SubjectId(day.Date),
                $"Thêm ngày nghỉ {CalendarInput.DayName(day.Date)} {CalendarInput.Format(day.Date)}: {day.Reason}.", after: CalendarAudit.View(day));
            await CalendarInput.SaveNewDayAsync(db, cache, day, ct);
            return day;
        }
    }
}
