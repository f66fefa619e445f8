using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Chỉ tiêu: the share (per cent) a unit must reach on one metric in one year, as a plan's Phụ lục 2 assigns
/// it. One per unit, year and metric; setting it again replaces the value and says who did it and when.</summary>
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
