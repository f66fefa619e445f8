using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Calendar;

/// <summary>An administrator removes a day of the calendar (pre-filled or added): the date goes back to the
/// ordinary week. A removed pre-filled day stays removed, since a year is pre-filled only once.</summary>
public static class RemoveDay
{
    public sealed class Handler(AppDbContext db, CalendarService calendar, CalendarCache cache, AuditLog audit)
    {
        /// <returns>The removed day, or null when the date has no entry.</returns>
        public async Task<CalendarDay?> HandleAsync(int year, DateOnly date, CancellationToken ct)
        {
            CalendarInput.ThrowIfInvalid(year, date, reason: null, reasonRequired: false);
            // Pre-fill first, so that the day removed now is not written back by a later pre-fill.
            await calendar.EnsurePrefilledAsync(year, year, ct);
            var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, ct);
            if (day is null) return null;
            db.CalendarDays.Remove(day);
            audit.Record(AuditKind.CalendarDayRemoved, nameof(CalendarDay), CalendarAudit.SubjectId(day.Date),
                $"Xóa ngày {CalendarInput.DayName(day.Date)} {CalendarInput.Format(day.Date)} ({day.Reason}) khỏi lịch.", before: CalendarAudit.View(day));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            finally
            {
                cache.Invalidate();
            }
            return day;
        }
    }
}
