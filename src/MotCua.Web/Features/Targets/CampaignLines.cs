using System.Globalization;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>The campaign form's lists typed one item a line, fields separated by ';' (dates dd/MM/yyyy), e.g.
/// "1; 25/07/2025; 31/07/2025; Xây dựng kế hoạch" for a week, or "1; so-hoa; 80" for a milestone (no week: the
/// campaign's overall target).</summary>
public static class CampaignLines
{
    private static readonly string[] DateFormats = ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd"];

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static IEnumerable<(int Line, string[] Fields)> Lines(string? text) =>
        (text ?? "").Split('\n').Select((l, i) => (Line: i + 1, Text: l.Trim())).Where(l => l.Text.Length > 0)
            .Select(l => (l.Line, l.Text.Split(';').Select(f => f.Trim()).ToArray()));

    public static List<CampaignPhase> Phases(string? text)
    {
        var phases = new List<CampaignPhase>();
        foreach (var (line, f) in Lines(text))
        {
            if (f.Length < 3 || !TryDate(f[1], out var start) || !TryDate(f[2], out var end))
                throw new DomainException($"Giai đoạn, dòng {line}: hãy ghi \"tên; ngày bắt đầu; ngày kết thúc\" (ngày dạng dd/MM/yyyy).");
            phases.Add(new CampaignPhase(f[0], start, end));
        }
        return phases;
    }

    public static List<CampaignWeek> Weeks(string? text)
    {
        var weeks = new List<CampaignWeek>();
        foreach (var (line, f) in Lines(text))
        {
            if (f.Length < 3 || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || !TryDate(f[1], out var start) || !TryDate(f[2], out var end))
                throw new DomainException($"Tuần, dòng {line}: hãy ghi \"số tuần; ngày bắt đầu; ngày kết thúc; nội dung\" (ngày dạng dd/MM/yyyy).");
            weeks.Add(new CampaignWeek(number, start, end, f.Length > 3 ? string.Join("; ", f[3..]) : null));
        }
        return weeks;
    }

    public static List<CreateCampaign.Milestone> Milestones(string? text)
    {
        var milestones = new List<CreateCampaign.Milestone>();
        foreach (var (line, f) in Lines(text))
        {
            int? week = null;
            if (f.Length == 3 && f[0].Length > 0)
            {
                if (!int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w))
                    throw new DomainException($"Mốc chỉ tiêu, dòng {line}: số tuần \"{f[0]}\" không hợp lệ.");
                week = w;
            }
            if (f.Length is < 2 or > 3 || !ImportTargets.TryPercent(f[^1], out var value))
                throw new DomainException($"Mốc chỉ tiêu, dòng {line}: hãy ghi \"số tuần; mã chỉ tiêu; tỷ lệ %\" (bỏ trống số tuần cho mốc cả chiến dịch).");
            milestones.Add(new CreateCampaign.Milestone(week, f[^2], value));
        }
        return milestones;
    }

    // The inverse of the readers above: a campaign written back as the form's lines, to correct it.
    private static string D(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Format(IEnumerable<CampaignPhase> phases) => string.Join("\n", phases.Select(p => $"{p.Name}; {D(p.Start)}; {D(p.End)}"));

    public static string Format(IEnumerable<CampaignWeek> weeks) =>
        string.Join("\n", weeks.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Number}; {D(w.Start)}; {D(w.End)}{(w.Work is null ? "" : "; " + w.Work)}")));

    public static string Format(IEnumerable<CampaignMilestone> milestones) =>
        string.Join("\n", milestones.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Week}; {m.Metric.Code()}; {m.Value:0.##}")));
}
