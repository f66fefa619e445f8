namespace MotCua.Tests.Infrastructure;

/// <summary>The clock is the process edge the tests control: a settable UTC instant.</summary>
public sealed class TestClock(DateTime utcNow) : TimeProvider
{
    private DateTime _utcNow = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);

    public override DateTimeOffset GetUtcNow() => new(_utcNow, TimeSpan.Zero);

    public void Set(DateTime utcNow) => _utcNow = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);

    public void Advance(TimeSpan by) => _utcNow += by;

    /// <summary>A Vietnam-local wall-clock time as UTC.</summary>
    public static DateTime Vn(int year, int month, int day, int hour = 9, int minute = 0) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-7);
}
