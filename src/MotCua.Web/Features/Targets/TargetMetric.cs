namespace MotCua.Web.Features.Targets;

/// <summary>The target metrics (chỉ tiêu) the plans give a unit for a year (Phụ lục 2 of the seed plans). Each is a
/// share in per cent; how each is measured is written once, in <see cref="MetricMeasures"/>. Stored by name.</summary>
public enum TargetMetric
{
    /// <summary>Tỷ lệ hồ sơ nộp trực tuyến.</summary>
    SubmittedOnline,
    /// <summary>Tỷ lệ hồ sơ trực tuyến toàn trình.</summary>
    FullyOnline,
    /// <summary>Tỷ lệ hồ sơ thanh toán trực tuyến.</summary>
    PaidOnline,
    /// <summary>Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC.</summary>
    Digitized,
    /// <summary>Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa.</summary>
    DataReused,
    /// <summary>Tỷ lệ trả kết quả giải quyết TTHC điện tử.</summary>
    ElectronicResults,
    /// <summary>Tỷ lệ hồ sơ giải quyết đúng hạn.</summary>
    SettledOnTime,
    /// <summary>Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn.</summary>
    FeedbackOnTime,
    /// <summary>Tỷ lệ người dân, doanh nghiệp hài lòng.</summary>
    Satisfaction,
    /// <summary>Tỷ lệ chứng thực bản sao điện tử từ bản chính.</summary>
    ElectronicCertifiedCopies,
    /// <summary>Tỷ lệ cán bộ, công chức sử dụng hệ thống khi giải quyết TTHC.</summary>
    OfficialsUsingSystem,
    /// <summary>Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến.</summary>
    ProceduresOnline,
}

/// <summary>What a metric counts over: the items of a period, dossiers or feedback (a pace can be projected), or a state
/// at a moment.</summary>
public enum MetricBasis { Dossiers, PointInTime }

public static class TargetMetrics
{
    public static readonly IReadOnlyList<TargetMetric> All = Enum.GetValues<TargetMetric>();

    /// <summary>The Vietnamese label, as the plans word it.</summary>
    public static string DisplayName(this TargetMetric metric) => metric switch
    {
        TargetMetric.SubmittedOnline => "Tỷ lệ hồ sơ nộp trực tuyến",
        TargetMetric.FullyOnline => "Tỷ lệ hồ sơ trực tuyến toàn trình",
        TargetMetric.PaidOnline => "Tỷ lệ hồ sơ thanh toán trực tuyến",
        TargetMetric.Digitized => "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC",
        TargetMetric.DataReused => "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa",
        TargetMetric.ElectronicResults => "Tỷ lệ trả kết quả giải quyết TTHC điện tử",
        TargetMetric.SettledOnTime => "Tỷ lệ hồ sơ giải quyết đúng hạn",
        TargetMetric.FeedbackOnTime => "Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn",
        TargetMetric.Satisfaction => "Tỷ lệ người dân, doanh nghiệp hài lòng",
        TargetMetric.ElectronicCertifiedCopies => "Tỷ lệ chứng thực bản sao điện tử từ bản chính",
        TargetMetric.OfficialsUsingSystem => "Tỷ lệ cán bộ, công chức sử dụng hệ thống giải quyết TTHC",
        TargetMetric.ProceduresOnline => "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
        _ => metric.ToString(),
    };

    /// <summary>The short code used as a column of the import file and in URLs (kebab case, no diacritics).</summary>
    public static string Code(this TargetMetric metric) => metric switch
    {
        TargetMetric.SubmittedOnline => "truc-tuyen",
        TargetMetric.FullyOnline => "toan-trinh",
        TargetMetric.PaidOnline => "thanh-toan-truc-tuyen",
        TargetMetric.Digitized => "so-hoa",
        TargetMetric.DataReused => "tai-su-dung",
        TargetMetric.ElectronicResults => "ket-qua-dien-tu",
        TargetMetric.SettledOnTime => "dung-han",
        TargetMetric.FeedbackOnTime => "phan-anh-dung-han",
        TargetMetric.Satisfaction => "hai-long",
        TargetMetric.ElectronicCertifiedCopies => "chung-thuc-dien-tu",
        TargetMetric.OfficialsUsingSystem => "can-bo-su-dung",
        TargetMetric.ProceduresOnline => "tthc-truc-tuyen",
        _ => metric.ToString(),
    };

    /// <summary>How the metric is measured, in the words the pages show under it.</summary>
    public static string Definition(this TargetMetric metric) => metric switch
    {
        TargetMetric.SubmittedOnline => "Hồ sơ nộp trực tuyến / hồ sơ tiếp nhận trong kỳ.",
        TargetMetric.FullyOnline => "Hồ sơ trực tuyến toàn trình / hồ sơ tiếp nhận trong kỳ (cách tính của kế hoạch; chỉ số 3.4 chỉ chia cho hồ sơ của thủ tục đủ điều kiện toàn trình).",
        TargetMetric.PaidOnline => "Chỉ số 4.3: hồ sơ thanh toán trực tuyến (Cổng DVC quốc gia hoặc cổng của đơn vị) / hồ sơ tiếp nhận trong kỳ của thủ tục có phí, lệ phí, trừ hồ sơ có phí, lệ phí bằng 0 hoặc được miễn.",
        TargetMetric.Digitized => "Chỉ số 6.2: hồ sơ có tệp cho mọi thành phần (trừ bản chính để đối chiếu và thành phần tái sử dụng), có tệp kết quả và, khi kết quả là giấy tờ, kết quả điện tử / hồ sơ tiếp nhận trong kỳ.",
        TargetMetric.DataReused => "Chỉ số 6.4: hồ sơ có ít nhất một thành phần được số hóa hoặc tái sử dụng dữ liệu số hóa / hồ sơ tiếp nhận trong kỳ.",
        TargetMetric.ElectronicResults => "Chỉ số 6.1: hồ sơ đã đồng bộ và có tệp kết quả / hồ sơ tiếp nhận trong kỳ của thủ tục có kết quả là giấy tờ.",
        TargetMetric.SettledOnTime => "Chỉ số 2.1: hồ sơ giải quyết trước hạn, đúng hạn hoặc đang trong hạn, yêu cầu bổ sung không quá 1 lần / hồ sơ tiếp nhận trong kỳ được tính hạn.",
        TargetMetric.FeedbackOnTime => "Chỉ số 5.2: phản ánh, kiến nghị xử lý đúng hạn (hoặc đang trong hạn) / phản ánh, kiến nghị nhận lần đầu trong kỳ.",
        TargetMetric.Satisfaction => "Chỉ số 5.4: 100 % trừ tỷ lệ hồ sơ trễ hạn và tỷ lệ hồ sơ bị đánh giá \"Không hài lòng\" / hồ sơ tiếp nhận trong kỳ được tính hạn.",
        TargetMetric.ElectronicCertifiedCopies => "Chỉ số 6.3: hồ sơ chứng thực bản sao có bản sao điện tử được ký số của người thực hiện chứng thực / hồ sơ chứng thực bản sao tiếp nhận trong kỳ.",
        TargetMetric.OfficialsUsingSystem => "Cán bộ có tài khoản đã xử lý ít nhất một hồ sơ trên hệ thống trong kỳ / cán bộ có tài khoản đang hoạt động.",
        TargetMetric.ProceduresOnline => "Chỉ số 3.1: thủ tục thuộc thẩm quyền của đơn vị (phiên bản hiện hành) có dịch vụ công trực tuyến một phần hoặc toàn trình / thủ tục thuộc thẩm quyền, tại thời điểm xem.",
        _ => "",
    };

    /// <summary>The 766 indicator the metric is (docs/adr/0032e): measured by the scorecard, one definition. Null for the
    /// metrics that have none, or that keep the plans' denominator (<see cref="MetricMeasures"/> says why).</summary>
    public static string? Indicator(this TargetMetric metric) => metric switch
    {
        TargetMetric.PaidOnline => "4.3",
        TargetMetric.Digitized => "6.2",
        TargetMetric.DataReused => "6.4",
        TargetMetric.ElectronicResults => "6.1",
        TargetMetric.SettledOnTime => "2.1",
        TargetMetric.FeedbackOnTime => "5.2",
        TargetMetric.Satisfaction => "5.4",
        TargetMetric.ElectronicCertifiedCopies => "6.3",
        TargetMetric.ProceduresOnline => "3.1",
        _ => null,
    };

    public static MetricBasis Basis(this TargetMetric metric) => metric switch
    {
        TargetMetric.OfficialsUsingSystem or TargetMetric.ProceduresOnline => MetricBasis.PointInTime,
        _ => MetricBasis.Dossiers,
    };

    public static bool TryParse(string? text, out TargetMetric metric)
    {
        metric = default;
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return false;
        foreach (var m in All)
        {
            if (string.Equals(m.Code(), t, StringComparison.OrdinalIgnoreCase) || string.Equals(m.ToString(), t, StringComparison.OrdinalIgnoreCase)
                || string.Equals(m.DisplayName(), t, StringComparison.OrdinalIgnoreCase))
            {
                metric = m;
                return true;
            }
        }
        return false;
    }
}
