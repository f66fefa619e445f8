using System.Globalization;

namespace MotCua.Web.Features.Calendar;

public enum LegalTimeUnit
{
    /// <summary>Trong ngày: settled by the close of the day the clock starts.</summary>
    SameDay,
    WorkingDays,
    WorkingHours,
}

/// <summary>The time the law (or a workflow step) gives to settle something: "trong ngày", "3 ngày làm
/// việc", "4 giờ làm việc". Half days (0.5) occur in published workflows.</summary>
/// <remarks>Stored inside the procedure's JSON, so it stays a plain positional record.</remarks>
public readonly record struct LegalTime(decimal Value, LegalTimeUnit Unit)
{
    private static readonly NumberFormatInfo VietnameseNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    public static LegalTime SameDay => new(0, LegalTimeUnit.SameDay);

    public static LegalTime Days(decimal workingDays) => new(Positive(workingDays), LegalTimeUnit.WorkingDays);

    public static LegalTime Hours(decimal workingHours) => new(Positive(workingHours), LegalTimeUnit.WorkingHours);

    public override string ToString() => Unit switch
    {
        LegalTimeUnit.SameDay => "Trong ngày",
        LegalTimeUnit.WorkingDays => $"{Value.ToString("0.##", VietnameseNumbers)} ngày làm việc",
        LegalTimeUnit.WorkingHours => $"{Value.ToString("0.##", VietnameseNumbers)} giờ làm việc",
        _ => Unit.ToString(),
    };

    private static decimal Positive(decimal value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Thời hạn phải lớn hơn 0.");
}
