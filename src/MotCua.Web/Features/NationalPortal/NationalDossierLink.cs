using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>A dossier submitted on the national public-service portal (Cổng Dịch vụ công quốc gia): its id there.
/// The national id is unique, so a dossier the portal delivers twice — a retry after a lost answer, two deliveries at
/// the same instant — is one dossier here (docs/adr/0031d-national-portal.md).</summary>
public sealed class NationalDossierLink
{
    private NationalDossierLink() { NationalId = null!; }

    public NationalDossierLink(Guid dossierId, string nationalId, DateTime receivedAtUtc)
    {
        DossierId = dossierId;
        NationalId = nationalId;
        ReceivedAtUtc = receivedAtUtc;
    }

    public Guid DossierId { get; private set; }
    /// <summary>The national portal's own dossier id, as it sent it.</summary>
    public string NationalId { get; private set; }
    public DateTime ReceivedAtUtc { get; private set; }

    public const int NationalIdMax = 60;
}

internal sealed class NationalDossierLinkConfiguration : IEntityTypeConfiguration<NationalDossierLink>
{
    public void Configure(EntityTypeBuilder<NationalDossierLink> b)
    {
        b.ToTable("NationalDossierLinks");
        b.HasKey(l => l.DossierId);
        b.Property(l => l.NationalId).HasMaxLength(NationalDossierLink.NationalIdMax);
        b.HasIndex(l => l.NationalId).IsUnique();
        b.HasOne<Dossier>().WithOne().HasForeignKey<NationalDossierLink>(l => l.DossierId).OnDelete(DeleteBehavior.Cascade);
    }
}
