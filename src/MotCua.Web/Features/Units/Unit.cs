using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>Administrative levels and the bodies inside them. Since 1/7/2025 there are two levels of local
/// government (province → commune/ward/special zone); <see cref="District"/> stays for the optional middle
/// level of older data and of deployments that still have one.</summary>
public enum UnitKind
{
    Province,
    District,
    Commune,
    Ward,
    SpecialZone,
    /// <summary>A specialised office or department inside a unit (phòng, ban, văn phòng).</summary>
    Department,
    /// <summary>Bộ phận Một cửa / Bộ phận tiếp nhận và trả kết quả.</summary>
    OneStopDesk,
    /// <summary>Trung tâm Phục vụ hành chính công.</summary>
    PublicServiceCenter,
}

/// <summary>Cơ quan, đơn vị: a node of the hierarchy with its electronic agency code (QCVN 102).</summary>
public sealed class Unit
{
    private readonly List<AgencyCodeAssignment> _codeHistory = [];

    private Unit() { Name = null!; AgencyCode = null!; }

    public Unit(Guid id, string name, UnitKind kind, Guid? parentId, string agencyCode, DateTime codeValidFromUtc, string? codeDecision = null)
    {
        Id = id;
        Name = Text.Normalize(name);
        Kind = kind;
        ParentId = parentId;
        AgencyCode = Features.Units.AgencyCode.Parse(agencyCode);
        _codeHistory.Add(new AgencyCodeAssignment(id, AgencyCode, codeValidFromUtc, codeDecision));
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public UnitKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }
    /// <summary>The code in force; its history is in <see cref="CodeHistory"/>.</summary>
    public string AgencyCode { get; private set; }
    public bool IsActive { get; private set; } = true;
    public IReadOnlyList<AgencyCodeAssignment> CodeHistory => _codeHistory;

    /// <summary>Level-1 to level-4 administrative units issue dossier codes; bodies inside them use their parent's.</summary>
    public bool IsAdministrativeLevel => Kind is UnitKind.Province or UnitKind.District or UnitKind.Commune or UnitKind.Ward or UnitKind.SpecialZone;

    public void Rename(string name) => Name = Text.Normalize(name);

    /// <summary>Codes were re-issued after the 2025 mergers: the old code stays in the history so that old
    /// dossier codes still resolve to their unit.</summary>
    public void ReissueAgencyCode(string newCode, DateTime validFromUtc, string? decision)
    {
        var code = Features.Units.AgencyCode.Parse(newCode);
        if (code == AgencyCode) throw new DomainException($"Đơn vị đã mang mã định danh {code}.");
        var current = _codeHistory.Single(a => a.ValidToUtc is null);
        if (validFromUtc <= current.ValidFromUtc)
            throw new DomainException("Ngày hiệu lực của mã mới phải sau ngày hiệu lực của mã đang dùng.");
        current.Close(validFromUtc);
        _codeHistory.Add(new AgencyCodeAssignment(Id, code, validFromUtc, decision));
        AgencyCode = code;
    }

    public void Deactivate() => IsActive = false;
}

/// <summary>One agency code a unit held over a period.</summary>
public sealed class AgencyCodeAssignment
{
    private AgencyCodeAssignment() { Code = null!; }

    internal AgencyCodeAssignment(Guid unitId, string code, DateTime validFromUtc, string? decision)
    {
        Id = Guid.CreateVersion7();
        UnitId = unitId;
        Code = code;
        ValidFromUtc = validFromUtc;
        Decision = decision;
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string Code { get; private set; }
    public DateTime ValidFromUtc { get; private set; }
    public DateTime? ValidToUtc { get; private set; }
    /// <summary>The decision that issued the code, e.g. "Quyết định số 1234/QĐ-UBND".</summary>
    public string? Decision { get; private set; }

    internal void Close(DateTime validToUtc) => ValidToUtc = validToUtc;
}

/// <summary>Mã định danh điện tử của cơ quan (QCVN 102:2016/BTTTT): <c>NNN.NN.NN.XNN</c>, level 1 at the right
/// (<c>Hnn</c> a province, <c>Gnn</c> a ministry), levels 2–4 to the left with zeros where unused.</summary>
public static partial class AgencyCode
{
    [GeneratedRegex(@"^[0-9A-Z]\d{2}\.[0-9A-Z]\d\.[0-9A-Z]\d\.[A-Z]\d{2}$")]
    private static partial Regex Format();

    public static bool IsValid(string? code) => code is not null && Format().IsMatch(code);

    public static string Parse(string code)
    {
        var trimmed = code?.Trim().ToUpperInvariant() ?? "";
        return IsValid(trimmed)
            ? trimmed
            : throw new DomainException($"Mã định danh \"{code}\" không đúng định dạng QCVN 102 (NNN.NN.NN.XNN, ví dụ 000.00.00.H61).");
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.AgencyCode).HasMaxLength(20);
        // One unit per code in force: the code numbers the unit's dossiers.
        b.HasIndex(u => u.AgencyCode).IsUnique();
        b.HasIndex(u => u.ParentId);
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.CodeHistory).WithOne().HasForeignKey(a => a.UnitId);
        b.Navigation(u => u.CodeHistory).HasField("_codeHistory").AutoInclude();
    }
}

internal sealed class AgencyCodeAssignmentConfiguration : IEntityTypeConfiguration<AgencyCodeAssignment>
{
    public void Configure(EntityTypeBuilder<AgencyCodeAssignment> b)
    {
        b.Property(a => a.Code).HasMaxLength(20);
        b.Property(a => a.Decision).HasMaxLength(200);
        b.HasIndex(a => a.Code);
    }
}
