using System.Globalization;

namespace MotCua.Web.Features.Calendar;

/// <summary>How the calendar's use cases name a day in the audit log: by its date, which is its identity.</summary>
internal static class CalendarAudit
{
    public static string SubjectId(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static object View(CalendarDay day) => new { day.Date, day.Kind, day.Reason, day.Source };
}
