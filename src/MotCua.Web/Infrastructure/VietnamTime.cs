using System.Globalization;

namespace MotCua.Web.Infrastructure;

/// <summary>Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact and needs no tz database.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + Offset;

    public static DateTime ToUtc(DateTime local) => DateTime.SpecifyKind(local - Offset, DateTimeKind.Utc);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>"14:05 22/11/2026", as forms and pages print it.</summary>
    public static string Format(DateTime utc) => ToLocal(utc).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string FormatDate(DateTime utc) => ToLocal(utc).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
