using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Giai đoạn of a campaign, e.g. "Giai đoạn 1: 25/7/2025 – 30/8/2025".</summary>
public sealed record CampaignPhase(string Name, DateOnly Start, DateOnly End);

/// <summary>A week of a campaign as its plan lists it (seed 004's week 4 runs 11 days): its dates and its work.</summary>
public sealed record CampaignWeek(int Number, DateOnly Start, DateOnly End, string? Work);

/// <summary>A milestone: the value a metric must reach in a week (or, without a week, by the campaign's end).</summary>
public sealed record CampaignMilestone(int? Week, TargetMetric Metric, decimal Value);

/// <summary>Chiến dịch: a campaign of a unit over a period, in phases and weeks, with its target metrics and the
/// milestones of each week. Its weekly table (<see cref="GetCampaign"/>) measures each week's dossiers.</summary>
public sealed class Campaign
{
    public const int MaxNameLength = 300;
    public const int MaxWeeks = 60;

    private Campaign() { Name = null!; Phases = null!; Weeks = null!; Milestones = null!; CreatedBy = null!; }

    public Campaign(Guid unitId, string name, string? decision, DateOnly start, DateOnly end, IReadOnlyList<CampaignPhase> phases,
        IReadOnlyList<CampaignWeek> weeks, IReadOnlyList<CampaignMilestone> milestones, Actor actor, DateTime nowUtc)
    {
        var problems = Problems(name, decision, start, end, phases, weeks, milestones);
        if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
        Id = Guid.CreateVersion7();
        UnitId = unitId;
        Name = Text.Normalize(name);
        Decision = Text.NormalizeOrNull(decision);
        StartDate = start;
        EndDate = end;
        Phases = [.. phases.Select(p => p with { Name = Text.Normalize(p.Name) })];
        Weeks = [.. weeks.OrderBy(w => w.Number).Select(w => w with { Work = Text.NormalizeOrNull(w.Work) })];
        Milestones = [.. milestones];
        CreatedAtUtc = nowUtc;
        CreatedBy = actor.Name;
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string Name { get; private set; }
    /// <summary>The plan that launches it, e.g. "Kế hoạch số 07/KH-UBND ngày 02/8/2025".</summary>
    public string? Decision { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public List<CampaignPhase> Phases { get; private set; }
    public List<CampaignWeek> Weeks { get; private set; }
    public List<CampaignMilestone> Milestones { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedBy { get; private set; }
    /// <summary>The last correction: who and when (null until edited).</summary>
    public DateTime? UpdatedAtUtc { get; private set; }
    public string? UpdatedBy { get; private set; }
    /// <summary>Optimistic concurrency: two officials correcting the campaign at once cannot overwrite each other silently.</summary>
    public int Revision { get; private set; }

    /// <summary>Corrects the campaign as a whole (the form shows all of it), by the same rules as when it was created.</summary>
    public void Edit(string name, string? decision, DateOnly start, DateOnly end, IReadOnlyList<CampaignPhase> phases,
        IReadOnlyList<CampaignWeek> weeks, IReadOnlyList<CampaignMilestone> milestones, Actor actor, DateTime nowUtc)
    {
        var problems = Problems(name, decision, start, end, phases, weeks, milestones);
        if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
        Name = Text.Normalize(name);
        Decision = Text.NormalizeOrNull(decision);
        StartDate = start;
        EndDate = end;
        Phases = [.. phases.Select(p => p with { Name = Text.Normalize(p.Name) })];
        Weeks = [.. weeks.OrderBy(w => w.Number).Select(w => w with { Work = Text.NormalizeOrNull(w.Work) })];
        Milestones = [.. milestones];
        UpdatedAtUtc = nowUtc;
        UpdatedBy = actor.Name;
        Revision++;
    }

    /// <summary>Every broken rule, in Vietnamese, so that the form shows them all at once.</summary>
    public static List<string> Problems(string? name, string? decision, DateOnly start, DateOnly end, IReadOnlyList<CampaignPhase> phases,
        IReadOnlyList<CampaignWeek> weeks, IReadOnlyList<CampaignMilestone> milestones)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name)) problems.Add("Hãy nhập tên chiến dịch.");
        else if (name.Trim().Length > MaxNameLength) problems.Add($"Tên chiến dịch tối đa {MaxNameLength} ký tự.");
        if (decision?.Trim().Length > UnitTarget.MaxSourceLength) problems.Add($"Số, ngày kế hoạch tối đa {UnitTarget.MaxSourceLength} ký tự.");
        if (end < start) problems.Add("Ngày kết thúc phải từ ngày bắt đầu trở đi.");
        if (end.DayNumber - start.DayNumber > 3 * 366) problems.Add("Chiến dịch dài tối đa 3 năm.");
        foreach (var p in phases)
        {
            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Trim().Length > 200) problems.Add("Mỗi giai đoạn cần tên (tối đa 200 ký tự).");
            if (p.End < p.Start || p.Start < start || p.End > end) problems.Add($"Giai đoạn \"{p.Name}\" phải nằm trong thời gian của chiến dịch.");
        }
        if (weeks.Count > MaxWeeks) problems.Add($"Chiến dịch có tối đa {MaxWeeks} tuần.");
        if (weeks.Select(w => w.Number).Distinct().Count() != weeks.Count) problems.Add("Số thứ tự tuần bị trùng.");
        var ordered = weeks.OrderBy(w => w.Number).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var w = ordered[i];
            if (w.Number < 1) problems.Add("Số thứ tự tuần bắt đầu từ 1.");
            if (w.End < w.Start || w.Start < start || w.End > end) problems.Add($"Tuần {w.Number} phải nằm trong thời gian của chiến dịch.");
            if (i > 0 && w.Start <= ordered[i - 1].End) problems.Add($"Tuần {w.Number} bắt đầu trước khi tuần {ordered[i - 1].Number} kết thúc.");
            if (w.Work?.Trim().Length > 1000) problems.Add($"Nội dung tuần {w.Number} tối đa 1000 ký tự.");
        }
        foreach (var m in milestones)
        {
            if (!Enum.IsDefined(m.Metric)) problems.Add("Chỉ tiêu không có trong danh mục.");
            if (UnitTarget.ValueProblem(m.Value) is { } p) problems.Add(p);
            if (m.Week is { } week && weeks.All(w => w.Number != week)) problems.Add($"Mốc của tuần {week}: chiến dịch không có tuần này.");
        }
        if (milestones.GroupBy(m => (m.Week, m.Metric)).Any(g => g.Count() > 1)) problems.Add("Một chỉ tiêu chỉ có một mốc trong mỗi tuần.");
        return [.. problems.Distinct()];
    }

    /// <summary>The metrics the campaign follows: those with a milestone.</summary>
    public IReadOnlyList<TargetMetric> Metrics => [.. Milestones.Select(m => m.Metric).Distinct().Order()];
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("Campaigns");
        b.Property(c => c.Name).HasMaxLength(Campaign.MaxNameLength);
        b.Property(c => c.Decision).HasMaxLength(UnitTarget.MaxSourceLength);
        b.Property(c => c.CreatedBy).HasMaxLength(200);
        b.Property(c => c.UpdatedBy).HasMaxLength(200);
        b.Property(c => c.Revision).IsConcurrencyToken();
        // Phases, weeks and milestones belong to the campaign and are read with it: JSON text on both providers.
        JsonList(b.Property(c => c.Phases));
        JsonList(b.Property(c => c.Weeks));
        JsonList(b.Property(c => c.Milestones));
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.UnitId);
    }

    private static void JsonList<T>(PropertyBuilder<List<T>> property) => property.HasConversion(
        v => JsonSerializer.Serialize(v, Json),
        s => JsonSerializer.Deserialize<List<T>>(s, Json) ?? new List<T>(),
        new ValueComparer<List<T>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
}
