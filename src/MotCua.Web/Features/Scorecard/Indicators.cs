namespace MotCua.Web.Features.Scorecard;

/// <summary>What an indicator counts: dossiers of the period, procedures of the catalog, feedback items, or a figure
/// only shown.</summary>
public enum IndicatorBasis { Dossiers, Procedures, Feedback, Shown }

/// <summary>One indicator of Decision 766 as <c>kpi-766.md</c> lists it. <paramref name="Max"/> 0 with
/// <paramref name="Tracked"/>: followed, never scored.</summary>
public sealed record IndicatorDefinition(
    string Id, string GroupId, string Name, double Max, double? Threshold, IndicatorBasis Basis, bool ToConfirm = false, bool Tracked = false);

public sealed record GroupDefinition(string Id, string Name, double Max);

/// <summary>The six groups and their indicators, in the brief's order; maxima sum to 100.</summary>
public static class Indicators
{
    public static readonly IReadOnlyList<GroupDefinition> Groups =
    [
        new("1", "Công khai, minh bạch", 18),
        new("2", "Tiến độ, kết quả giải quyết", 20),
        new("3", "Cung cấp dịch vụ công trực tuyến", 12),
        new("4", "Thanh toán trực tuyến", 10),
        new("5", "Mức độ hài lòng", 18),
        new("6", "Số hóa hồ sơ", 22),
    ];

    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new("1.1", "1", "Thủ tục hành chính được công bố đúng hạn", 6, null, IndicatorBasis.Procedures),
        new("1.2", "1", "Thủ tục hành chính được cập nhật, công khai đúng hạn trên Cơ sở dữ liệu quốc gia", 4, null, IndicatorBasis.Procedures),
        new("1.3", "1", "Thủ tục hành chính được công khai đầy đủ nội dung", 2, null, IndicatorBasis.Procedures),
        new("1.4", "1", "Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia", 6, null, IndicatorBasis.Dossiers),
        new("2.1", "2", "Hồ sơ giải quyết trước hạn, đúng hạn", 20, null, IndicatorBasis.Dossiers, ToConfirm: true),
        new("2.2", "2", "Thời gian giải quyết trung bình (ngày)", 0, null, IndicatorBasis.Shown, ToConfirm: true, Tracked: true),
        new("3.4", "3", "Hồ sơ trực tuyến toàn trình trên hồ sơ của thủ tục đủ điều kiện toàn trình", 12, null, IndicatorBasis.Dossiers),
        new("3.1", "3", "Thủ tục có dịch vụ công trực tuyến", 0, 0.8, IndicatorBasis.Procedures, Tracked: true),
        new("3.2", "3", "Dịch vụ công trực tuyến có phát sinh hồ sơ", 0, null, IndicatorBasis.Procedures, Tracked: true),
        new("3.3", "3", "Hồ sơ nộp trực tuyến (nhân tỷ lệ đồng bộ)", 0, 0.5, IndicatorBasis.Dossiers, Tracked: true),
        new("4.1", "4", "Thủ tục có phí, lệ phí có hồ sơ thu phí được đồng bộ", 2, 0.8, IndicatorBasis.Procedures),
        new("4.2", "4", "Thủ tục có phát sinh thanh toán trực tuyến", 2, null, IndicatorBasis.Procedures, ToConfirm: true),
        new("4.3", "4", "Hồ sơ được thanh toán trực tuyến", 6, null, IndicatorBasis.Dossiers),
        new("5.1", "5", "Phản ánh, kiến nghị theo nhóm", 0, null, IndicatorBasis.Feedback, Tracked: true),
        new("5.2", "5", "Phản ánh, kiến nghị được xử lý đúng hạn", 6, null, IndicatorBasis.Feedback),
        new("5.3", "5", "Hài lòng về việc xử lý phản ánh, kiến nghị", 6, null, IndicatorBasis.Feedback),
        new("5.4", "5", "Hài lòng về giải quyết thủ tục hành chính", 6, 0.9, IndicatorBasis.Dossiers),
        new("6.1", "6", "Hồ sơ có kết quả điện tử (thủ tục có kết quả là giấy tờ)", 6, null, IndicatorBasis.Dossiers),
        new("6.2", "6", "Hồ sơ được số hóa thành phần và kết quả", 4, 0.8, IndicatorBasis.Dossiers),
        new("6.3", "6", "Cung cấp bản sao điện tử có chứng thực", 2, null, IndicatorBasis.Dossiers, ToConfirm: true),
        new("6.4", "6", "Hồ sơ tái sử dụng dữ liệu số hóa", 2, 0.8, IndicatorBasis.Dossiers, ToConfirm: true),
        new("6.5", "6", "Hồ sơ kết nối kho dữ liệu của người dân trên Cổng Dịch vụ công quốc gia", 4, null, IndicatorBasis.Dossiers),
        new("6.6", "6", "Hồ sơ sử dụng dữ liệu dân cư", 2, null, IndicatorBasis.Dossiers, ToConfirm: true),
        new("6.7", "6", "Thủ tục có kết nối, sử dụng dữ liệu dân cư", 2, null, IndicatorBasis.Procedures),
    ];

    public static IndicatorDefinition? Find(string? id) => All.FirstOrDefault(i => i.Id == id?.Trim());

    /// <summary>The brief's rule: with a threshold T, max × min(1, ratio / T); without, max × ratio [to confirm].
    /// An empty denominator scores by <see cref="ScorecardOptions.EmptyDenominatorScoresFull"/>.</summary>
    public static double Score(double max, double? threshold, double numerator, double denominator, bool emptyScoresFull)
    {
        if (denominator <= 0) return emptyScoresFull ? max : 0;
        var ratio = Math.Clamp(numerator / denominator, 0, 1);
        return threshold is { } t and > 0 ? max * Math.Min(1, ratio / t) : max * ratio;
    }
}
