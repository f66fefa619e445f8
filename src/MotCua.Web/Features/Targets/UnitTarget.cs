using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Chỉ tiêu: the share (per cent) a unit must reach on one metric in one year, as a plan's Phụ lục 2 assigns
/// it. One per unit, year and metric; setting it again replaces the value, and every change (set, changed, removed) is
/// kept as a <see cref="UnitTargetChange"/>.</summary>
public sealed class UnitTarget
{
    public const int MinYear = 2020;
    public const int MaxYear = 2100;
    public const int MaxSourceLength = 200;

    private UnitTarget() { SetBy = null!; SetByRole = null!; }

    public UnitTarget(Guid unitId, int year, TargetMetric metric)
    {
        Id = Guid.CreateVersion7();
        UnitId = unitId;
        Year = year;
        Metric = metric;
        SetBy = "";
        SetByRole = "";
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public int Year { get; private set; }
    public TargetMetric Metric { get; private set; }
    /// <summary>In per cent, 0 to 100.</summary>
    public decimal Value { get; private set; }
    /// <summary>The plan that assigns it, e.g. "Kế hoạch số 175/KH-UBND ngày 17/02/2025".</summary>
    public string? Source { get; private set; }
    public DateTime SetAtUtc { get; private set; }
    public string SetBy { get; private set; }
    public string SetByRole { get; private set; }

    public static void CheckYear(int year)
    {
        if (year is < MinYear or > MaxYear) throw new DomainException($"Năm phải từ {MinYear} đến {MaxYear}.");
    }

    public static string? ValueProblem(decimal value) =>
        value is < 0 or > 100 ? "Chỉ tiêu là tỷ lệ phần trăm, từ 0 đến 100." : null;

    public void Set(decimal value, string? source, Actor actor, DateTime nowUtc)
    {
        if (ValueProblem(value) is { } problem) throw new DomainException(problem);
        var text = Text.NormalizeOrNull(source);
        if (text?.Length > MaxSourceLength) throw new DomainException($"Căn cứ giao chỉ tiêu tối đa {MaxSourceLength} ký tự.");
        Value = Math.Round(value, 2);
        Source = text;
        SetAtUtc = nowUtc;
        SetBy = actor.Name;
        SetByRole = actor.Role;
    }
}

/// <summary>One change of a target: who (name, role, unit), when, from which value to which (null: none, i.e. first set or
/// removed) and on what basis. Keyed by unit, year and metric rather than by the target row, so the history outlives a
/// removed target.</summary>
public sealed class UnitTargetChange
{
    private UnitTargetChange() { ActorName = null!; ActorRole = null!; }

    public UnitTargetChange(Guid unitId, int year, TargetMetric metric, decimal? from, decimal? to, string? source, Actor actor, DateTime atUtc)
    {
        Id = Guid.CreateVersion7();
        UnitId = unitId;
        Year = year;
        Metric = metric;
        FromValue = from;
        ToValue = to;
        Source = source;
        AtUtc = atUtc;
        ActorId = actor.Id;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        UnitName = actor.UnitName;
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public int Year { get; private set; }
    public TargetMetric Metric { get; private set; }
    public decimal? FromValue { get; private set; }
    public decimal? ToValue { get; private set; }
    public string? Source { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string ActorRole { get; private set; }
    public string? UnitName { get; private set; }
}

internal sealed class UnitTargetChangeConfiguration : IEntityTypeConfiguration<UnitTargetChange>
{
    public void Configure(EntityTypeBuilder<UnitTargetChange> b)
    {
        b.ToTable("UnitTargetChanges");
        b.Property(c => c.FromValue).HasPrecision(5, 2);
        b.Property(c => c.ToValue).HasPrecision(5, 2);
        b.Property(c => c.Source).HasMaxLength(UnitTarget.MaxSourceLength);
        b.Property(c => c.ActorName).HasMaxLength(200);
        b.Property(c => c.ActorRole).HasMaxLength(200);
        b.Property(c => c.UnitName).HasMaxLength(200);
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.UnitId, c.Year, c.Metric });
    }
}

internal sealed class UnitTargetConfiguration : IEntityTypeConfiguration<UnitTarget>
{
    public void Configure(EntityTypeBuilder<UnitTarget> b)
    {
        b.ToTable("UnitTargets");
        b.Property(t => t.Value).HasPrecision(5, 2);
        b.Property(t => t.Source).HasMaxLength(UnitTarget.MaxSourceLength);
        b.Property(t => t.SetBy).HasMaxLength(200);
        b.Property(t => t.SetByRole).HasMaxLength(200);
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.UnitId, t.Year, t.Metric }).IsUnique();
    }
}
