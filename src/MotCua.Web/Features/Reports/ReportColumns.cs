using System.Globalization;

namespace MotCua.Web.Features.Reports;

/// <summary>One figure column of the report, under its group heading, as the Excel file, the PDF and the page print it.</summary>
/// <param name="Rate">A share (0–1) printed as a percentage, rather than a count.</param>
public sealed record ReportColumn(string Group, string Header, Func<ReportFigures, double?> Value, bool Rate = false)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>"1.234" for a count, "95,5%" for a share, "—" for a share of nothing.</summary>
    public string Text(ReportFigures figures) => Format(Value(figures), Rate);

    public static string Format(double? value, bool rate) => value switch
    {
        null => "—",
        { } v when rate => (v * 100).ToString("0.#", Vietnamese) + "%",
        { } v => ((long)v).ToString("N0", Vietnamese),
    };
}

/// <summary>The columns of the periodic report, in the order of the report forms officials file: received (total,
/// carried over, by channel), settled (total, early, on time, late, on-time share), pending at the period's end
/// (total, within time, overdue), and those not settled (refused, withdrawn, stopped).</summary>
public static class ReportColumns
{
    public const string ReceivedGroup = "Số hồ sơ nhận giải quyết";
    public const string SettledGroup = "Số hồ sơ đã giải quyết";
    public const string PendingGroup = "Số hồ sơ đang giải quyết";
    public const string NotSettledGroup = "Số hồ sơ không giải quyết";

    public static readonly IReadOnlyList<ReportColumn> All =
    [
        new(ReceivedGroup, "Tổng số", f => f.Received),
        new(ReceivedGroup, "Kỳ trước chuyển sang", f => f.CarriedOver),
        new(ReceivedGroup, "Trực tuyến", f => f.ReceivedOnline),
        new(ReceivedGroup, "Trực tiếp", f => f.ReceivedDesk),
        new(ReceivedGroup, "Bưu chính công ích", f => f.ReceivedPostal),
        new(SettledGroup, "Tổng số", f => f.Settled),
        new(SettledGroup, "Trước hạn", f => f.SettledEarly),
        new(SettledGroup, "Đúng hạn", f => f.SettledOnTime),
        new(SettledGroup, "Trễ hạn", f => f.SettledLate),
        new(SettledGroup, "Tỷ lệ trước hạn, đúng hạn", f => f.SettledOnTimeRate, Rate: true),
        new(PendingGroup, "Tổng số", f => f.Pending),
        new(PendingGroup, "Trong hạn", f => f.PendingInTime),
        new(PendingGroup, "Quá hạn", f => f.PendingOverdue),
        new(NotSettledGroup, "Từ chối tiếp nhận", f => f.Refused),
        new(NotSettledGroup, "Rút hồ sơ", f => f.Withdrawn),
        new(NotSettledGroup, "Dừng xử lý", f => f.Stopped),
    ];

    /// <summary>The groups in order with how many columns each spans.</summary>
    public static IReadOnlyList<(string Group, int Span)> Groups =>
        [.. All.GroupBy(c => c.Group).Select(g => (g.Key, g.Count()))];

    public const string Title = "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";

    public static string UnitLine(DossierReport.Result report) => $"Đơn vị: {report.Unit.Name} (mã định danh {report.Unit.Code}), gồm các đơn vị trực thuộc";

    public static string PeriodLine(DossierReport.Result report) =>
        string.Create(CultureInfo.InvariantCulture, $"Kỳ báo cáo: {report.Period} (từ {report.From:dd/MM/yyyy} đến {report.To:dd/MM/yyyy}); ") +
        $"hồ sơ đang giải quyết tính đến {Infrastructure.VietnamTime.Format(report.MeasuredAtUtc)}";

    /// <summary>"I", "II", … for the fields' rows, as report forms number their sections.</summary>
    public static string Roman(int number)
    {
        var result = "";
        foreach (var (value, numeral) in new[] { (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I") })
            while (number >= value)
            {
                result += numeral;
                number -= value;
            }
        return result;
    }

    public static string FileName(DossierReport.Result report, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"bao-cao-giai-quyet-ho-so-{report.Unit.Code}-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.{extension}");
}
