using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Calendar;

/// <summary>Checks shared by the administrator's calendar use cases; messages are shown as they are.</summary>
internal static class CalendarInput
{
    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string DayName(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "Thứ hai",
        DayOfWeek.Tuesday => "Thứ ba",
        DayOfWeek.Wednesday => "Thứ tư",
        DayOfWeek.Thursday => "Thứ năm",
        DayOfWeek.Friday => "Thứ sáu",
        DayOfWeek.Saturday => "Thứ bảy",
        _ => "Chủ nhật",
    };

    public static string? YearProblem(int year) =>
        year is < HolidayRules.MinYear or > HolidayRules.MaxYear
            ? $"Lịch làm việc chỉ có cho các năm từ {HolidayRules.MinYear} đến {HolidayRules.MaxYear}."
            : null;

    /// <summary>Problems with the shape of the input, by field (for a 400 response).</summary>
    public static Dictionary<string, string[]> Problems(int year, DateOnly date, string? reason, bool reasonRequired)
    {
        var problems = new Dictionary<string, string[]>();
        if (YearProblem(year) is { } yearProblem) problems["year"] = [yearProblem];
        else if (date.Year != year) problems["date"] = [$"Ngày {Format(date)} không thuộc năm {year}."];
        if (reasonRequired && string.IsNullOrWhiteSpace(reason))
            problems["reason"] = ["Hãy nhập lý do, ví dụ: \"Nghỉ Tết Nguyên Đán theo Thông báo của Thủ tướng Chính phủ\"."];
        else if (reason is not null && reason.Trim().Length > CalendarDay.ReasonMaxLength)
            problems["reason"] = [$"Lý do tối đa {CalendarDay.ReasonMaxLength} ký tự."];
        return problems;
    }

    public static void ThrowIfInvalid(int year, DateOnly date, string? reason, bool reasonRequired)
    {
        var problems = Problems(year, date, reason, reasonRequired);
        if (problems.Count > 0) throw new DomainException(string.Join(" ", problems.Values.SelectMany(p => p)));
    }

    public static async Task EnsureDateIsFreeAsync(AppDbContext db, DateOnly date, CancellationToken ct)
    {
        var existing = await db.CalendarDays.AsNoTracking().Where(d => d.Date == date).Select(d => d.Reason).FirstOrDefaultAsync(ct);
        if (existing is not null) throw Taken(date, existing);
    }

    /// <summary>Saves a new day; when another administrator took the same date at the same moment, the unique
    /// index refuses it and the user gets the same message as if the check had seen it.</summary>
    public static async Task SaveNewDayAsync(AppDbContext db, CalendarCache cache, CalendarDay day, CancellationToken ct)
    {
        db.CalendarDays.Add(day);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(day).State = EntityState.Detached;
            await EnsureDateIsFreeAsync(db, day.Date, ct);
            throw;
        }
        finally
        {
            cache.Invalidate();
        }
    }

    private static DomainException Taken(DateOnly date, string reason) =>
        new($"Ngày {Format(date)} đã có trong lịch ({reason}). Mỗi ngày chỉ có một mục: hãy xóa mục đó trước nếu muốn thay đổi.");
}
