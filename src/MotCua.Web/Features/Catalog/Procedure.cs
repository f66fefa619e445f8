using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>Thủ tục hành chính: its identity (the national procedure code) and its published versions.
/// Everything that a decision can change lives in <see cref="ProcedureVersion"/>.</summary>
public sealed class Procedure
{
    private readonly List<ProcedureVersion> _versions = [];

    private Procedure() { Code = null!; Name = null!; SearchKey = null!; }

    public Procedure(Guid id, string code)
    {
        Id = id;
        Code = ProcedureCode.Parse(code);
        Name = "";
        SearchKey = "";
    }

    public Guid Id { get; private set; }
    /// <summary>Mã TTHC from the national procedure database, e.g. "1.001193" (or a local code where none exists).</summary>
    public string Code { get; private set; }
    /// <summary>Name of the latest version, kept here for lists and search.</summary>
    public string Name { get; private set; }
    /// <summary>Code + name folded for diacritic-insensitive search.</summary>
    public string SearchKey { get; private set; }
    public Guid? CurrentVersionId { get; private set; }
    public IReadOnlyList<ProcedureVersion> Versions => _versions;

    /// <summary>Publishes a new version. Versions are immutable: a dossier stays pinned to the version it was
    /// received under, so fees, components and time rules of old dossiers never change under them.</summary>
    public ProcedureVersion Publish(ProcedureContent content, DateTime effectiveFromUtc, string? decision)
    {
        content.Validate();
        var number = _versions.Count == 0 ? 1 : _versions.Max(v => v.Number) + 1;
        var version = new ProcedureVersion(Guid.CreateVersion7(), Id, number, effectiveFromUtc, decision, content);
        _versions.Add(version);
        CurrentVersionId = version.Id;
        Name = content.Name;
        SearchKey = Text.SearchKey($"{Code} {content.Name}");
        return version;
    }
}

public static class ProcedureCode
{
    public static string Parse(string code)
    {
        var trimmed = code?.Trim() ?? "";
        if (trimmed.Length is 0 or > 60 || trimmed.Any(char.IsWhiteSpace))
            throw new DomainException($"Mã thủ tục \"{code}\" không hợp lệ (ví dụ hợp lệ: 1.001193).");
        return trimmed;
    }
}

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> b)
    {
        b.Property(p => p.Code).HasMaxLength(60);
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Name).HasMaxLength(500);
        b.Property(p => p.SearchKey).HasMaxLength(600);
        b.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.ProcedureId);
        b.Navigation(p => p.Versions).HasField("_versions");
    }
}
