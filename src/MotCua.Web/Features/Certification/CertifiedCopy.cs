using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Certification;

/// <summary>One entry of the certification book (sổ chứng thực bản sao điện tử từ bản chính) of an administrative unit for
/// a year: the number, given from 1 without a gap (the next after the highest; the unique index on unit, year and number
/// makes two certifications at once take two numbers), what was certified, for whom, by whom, the fee, and the files — the
/// scan of the original, and the certified copy stamped with the certification text and, once signed, signed
/// (docs/adr/0033e).</summary>
public sealed class CertifiedCopy
{
    private CertifiedCopy() { DocumentName = ApplicantName = ApplicantIdNumber = CertifierName = UnitName = null!; }

    public CertifiedCopy(Guid dossierId, Guid unitId, string unitName, int year, int number, string documentName, int pages, long fee,
        string applicantName, string applicantIdNumber, Guid? certifierId, string certifierName, Guid scanFileId, DateTime certifiedAtUtc)
    {
        Id = Guid.CreateVersion7();
        DossierId = dossierId;
        UnitId = unitId;
        UnitName = unitName;
        Year = year;
        Number = number;
        DocumentName = documentName;
        Pages = pages;
        Fee = fee;
        ApplicantName = applicantName;
        ApplicantIdNumber = applicantIdNumber;
        CertifierId = certifierId;
        CertifierName = certifierName;
        ScanFileId = scanFileId;
        CertifiedAtUtc = certifiedAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    /// <summary>The administrative unit whose book it is (the commune that certifies).</summary>
    public Guid UnitId { get; private set; }
    public string UnitName { get; private set; }
    /// <summary>The book's year (Vietnam time).</summary>
    public int Year { get; private set; }
    public int Number { get; private set; }
    public string DocumentName { get; private set; }
    /// <summary>Pages of the copy, read from the PDF of the original's scan (the page added for the certification text
    /// is not a page of the copy).</summary>
    public int Pages { get; private set; }
    public long Fee { get; private set; }
    public string ApplicantName { get; private set; }
    public string ApplicantIdNumber { get; private set; }
    public Guid? CertifierId { get; private set; }
    public string CertifierName { get; private set; }
    public DateTime CertifiedAtUtc { get; private set; }
    /// <summary>The scan of the original as uploaded (a component of the dossier).</summary>
    public Guid ScanFileId { get; private set; }
    /// <summary>The certified copy: the scan with the certification text, as filed in the dossier's result and the
    /// applicant's data store.</summary>
    public Guid? CopyFileId { get; private set; }
    /// <summary>When the certified copy was signed digitally by the certifier; null: stamped but not signed (no signer
    /// configured), which is not an electronic certified copy and does not count for indicator 6.3.</summary>
    public DateTime? SignedAtUtc { get; private set; }

    /// <summary>"Số chứng thực" as printed on the copy and in the book: the number, the year and the book's symbol.</summary>
    public string BookNumber => Format(Number, Year);

    public static string Format(int number, int year) => $"{number}/{year}/SCT/BS";

    public void FileCopy(Guid copyFileId, DateTime? signedAtUtc)
    {
        CopyFileId = copyFileId;
        SignedAtUtc = signedAtUtc;
    }
}

internal sealed class CertifiedCopyConfiguration : IEntityTypeConfiguration<CertifiedCopy>
{
    public void Configure(EntityTypeBuilder<CertifiedCopy> b)
    {
        b.ToTable("CertifiedCopies");
        b.HasKey(c => c.Id);
        b.Property(c => c.UnitName).HasMaxLength(300);
        b.Property(c => c.DocumentName).HasMaxLength(300);
        b.Property(c => c.ApplicantName).HasMaxLength(200);
        b.Property(c => c.ApplicantIdNumber).HasMaxLength(20);
        b.Property(c => c.CertifierName).HasMaxLength(200);
        b.Ignore(c => c.BookNumber);
        // The book has no gap and no number twice: two certifications at once cannot both take the next number.
        b.HasIndex(c => new { c.UnitId, c.Year, c.Number }).IsUnique();
        // One certified copy per dossier.
        b.HasIndex(c => c.DossierId).IsUnique();
        b.HasOne<Dossier>().WithMany().HasForeignKey(c => c.DossierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(c => c.ScanFileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(c => c.CopyFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
