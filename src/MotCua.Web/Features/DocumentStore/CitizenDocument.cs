using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DocumentStore;

public enum CitizenDocumentKind
{
    /// <summary>A component of a dossier, uploaded online or digitized at the desk.</summary>
    Component,
    /// <summary>A result of a settled procedure (kết quả giải quyết TTHC).</summary>
    Result,
    /// <summary>An electronic copy certified from its original (bản sao điện tử có chứng thực, docs/adr/0033e): offered for
    /// any component asked as a certified copy.</summary>
    CertifiedCopy,
}

/// <summary>One document in the data store of a person or organisation (kho dữ liệu điện tử của tổ chức, cá
/// nhân), keyed by the personal ID number (or the organisation's code): filled by the dossiers that digitize
/// components and issue results, and offered again at later submissions so the same paper is not asked twice.</summary>
public sealed class CitizenDocument
{
    private CitizenDocument() { OwnerIdNumber = null!; Name = null!; FileName = null!; }

    public CitizenDocument(string ownerIdNumber, CitizenDocumentKind kind, string name, string? componentCode, Guid storedFileId, string fileName,
        Guid? sourceDossierId, string? sourceDossierCode, string? documentNumber, DateTime? issuedAtUtc, DateTime? validUntilUtc, DateTime addedAtUtc)
    {
        Id = Guid.CreateVersion7();
        OwnerIdNumber = ownerIdNumber;
        Kind = kind;
        Name = name.Length > 300 ? name[..300] : name;
        ComponentCode = componentCode;
        StoredFileId = storedFileId;
        FileName = fileName;
        SourceDossierId = sourceDossierId;
        SourceDossierCode = sourceDossierCode;
        DocumentNumber = documentNumber;
        IssuedAtUtc = issuedAtUtc;
        ValidUntilUtc = validUntilUtc;
        AddedAtUtc = addedAtUtc;
    }

    public Guid Id { get; private set; }
    public string OwnerIdNumber { get; private set; }
    public CitizenDocumentKind Kind { get; private set; }
    public string Name { get; private set; }
    /// <summary>The component code it can stand for in a procedure (codes are shared across the catalog, e.g.
    /// "giay-to-tuy-than"), so a later submission can offer it for that component.</summary>
    public string? ComponentCode { get; private set; }
    public Guid StoredFileId { get; private set; }
    public string FileName { get; private set; }
    public Guid? SourceDossierId { get; private set; }
    public string? SourceDossierCode { get; private set; }
    /// <summary>Số, ký hiệu of a result.</summary>
    public string? DocumentNumber { get; private set; }
    public DateTime? IssuedAtUtc { get; private set; }
    /// <summary>Null: valid without a time limit, or the limit is not known.</summary>
    public DateTime? ValidUntilUtc { get; private set; }
    public DateTime AddedAtUtc { get; private set; }

    public bool IsValidAt(DateTime nowUtc) => ValidUntilUtc is null || ValidUntilUtc > nowUtc;
}

internal sealed class CitizenDocumentConfiguration : IEntityTypeConfiguration<CitizenDocument>
{
    public void Configure(EntityTypeBuilder<CitizenDocument> b)
    {
        b.Property(d => d.OwnerIdNumber).HasMaxLength(20);
        b.Property(d => d.Name).HasMaxLength(300);
        b.Property(d => d.ComponentCode).HasMaxLength(60);
        b.Property(d => d.FileName).HasMaxLength(260);
        b.Property(d => d.SourceDossierCode).HasMaxLength(40);
        b.Property(d => d.DocumentNumber).HasMaxLength(100);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(d => d.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        // A file is in an owner's store once, however many dossiers re-use it.
        b.HasIndex(d => new { d.OwnerIdNumber, d.StoredFileId }).IsUnique();
        b.HasIndex(d => new { d.OwnerIdNumber, d.ComponentCode });
        // The store page: one owner's documents, newest first, a page at a time.
        b.HasIndex(d => new { d.OwnerIdNumber, d.AddedAtUtc, d.Id });
    }
}
