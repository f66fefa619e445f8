namespace MotCua.Web.Features.Calendar;

/// <summary>Office hours of the one-stop desk, local time (Vietnam), bound from <c>Calendar:OfficeHours</c>.
/// Provinces set their own (the common ones are 07:30–11:30 and 13:30–17:00, Monday to Friday; some open
/// at 07:00 in summer), so the values are configuration, not code.</summary>
public sealed class OfficeHoursOptions
{
    public const string SectionName = "Calendar:OfficeHours";

    public TimeOnly MorningStart { get; set; } = new(7, 30);
    public TimeOnly MorningEnd { get; set; } = new(11, 30);
    public TimeOnly AfternoonStart { get; set; } = new(13, 30);
    public TimeOnly AfternoonEnd { get; set; } = new(17, 0);

    /// <summary>Vietnamese descriptions of what is wrong; empty when the hours are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MorningStart >= MorningEnd) problems.Add("giờ bắt đầu buổi sáng phải trước giờ kết thúc buổi sáng");
        if (MorningEnd > AfternoonStart) problems.Add("buổi chiều phải bắt đầu sau khi buổi sáng kết thúc");
        if (AfternoonStart >= AfternoonEnd) problems.Add("giờ bắt đầu buổi chiều phải trước giờ kết thúc buổi chiều");
        return problems;
    }

    public OfficeHours ToOfficeHours() => new(MorningStart, MorningEnd, AfternoonStart, AfternoonEnd);
}

/// <summary>Validated, immutable office hours: two periods a working day (morning, afternoon).</summary>
public sealed record OfficeHours
{
    public static OfficeHours Default { get; } = new(new(7, 30), new(11, 30), new(13, 30), new(17, 0));

    public OfficeHours(TimeOnly morningStart, TimeOnly morningEnd, TimeOnly afternoonStart, TimeOnly afternoonEnd)
    {
        if (morningStart >= morningEnd || morningEnd > afternoonStart || afternoonStart >= afternoonEnd)
            throw new ArgumentException(
                $"Giờ làm việc không hợp lệ: {morningStart:HH\\:mm}–{morningEnd:HH\\:mm}, {afternoonStart:HH\\:mm}–{afternoonEnd:HH\\:mm}.");
        MorningStart = morningStart;
        MorningEnd = morningEnd;
        AfternoonStart = afternoonStart;
        AfternoonEnd = afternoonEnd;
    }

    public TimeOnly MorningStart { get; }
    public TimeOnly MorningEnd { get; }
    public TimeOnly AfternoonStart { get; }
    public TimeOnly AfternoonEnd { get; }

    /// <summary>Working time in one working day (7 h 30 min by default).</summary>
    public TimeSpan DayLength => (MorningEnd - MorningStart) + (AfternoonEnd - AfternoonStart);
}
