using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Population;

/// <summary>A lookup the population database confirmed (found, with matching details): the verification a reception or a
/// draft names by its id. Bound to who looked up (the official and their unit, or the citizen) and to the ID number, and
/// short-lived at the desk (one sitting). It keeps only what a dossier takes from it — name, birth date, residence — not
/// the household, which the official sees once on the screen.</summary>
public sealed class PopulationVerification
{
    private PopulationVerification() { IdNumber = FullName = RequestId = null!; }

    public PopulationVerification(string requestId, PersonRecord person, Guid accountId, Guid? unitId, DateTime nowUtc, DateTime expiresAtUtc)
    {
        ArgumentNullException.ThrowIfNull(person);
        Id = Guid.CreateVersion7();
        RequestId = requestId;
        IdNumber = person.IdNumber;
        FullName = person.FullName;
        BirthDate = person.BirthDate;
        Residence = person.Residence.Length <= 500 ? person.Residence : person.Residence[..500];
        AccountId = accountId;
        UnitId = unitId;
        VerifiedAtUtc = nowUtc;
        ExpiresAtUtc = expiresAtUtc;
    }

    public Guid Id { get; private set; }
    /// <summary>The request id sent to the service (its log and ours name the same query).</summary>
    public string RequestId { get; private set; }
    public string IdNumber { get; private set; }
    public string FullName { get; private set; }
    public DateOnly BirthDate { get; private set; }
    public string? Residence { get; private set; }
    /// <summary>The official's or the citizen's account that looked up.</summary>
    public Guid AccountId { get; private set; }
    /// <summary>The official's unit at the time (none for a citizen).</summary>
    public Guid? UnitId { get; private set; }
    public DateTime VerifiedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }

    public PopulationFacts Facts => new(IdNumber, FullName, BirthDate, Residence);
}

internal sealed class PopulationVerificationConfiguration : IEntityTypeConfiguration<PopulationVerification>
{
    public void Configure(EntityTypeBuilder<PopulationVerification> b)
    {
        b.ToTable("PopulationVerifications");
        b.HasKey(v => v.Id);
        b.Property(v => v.RequestId).HasMaxLength(64).IsRequired();
        b.Property(v => v.IdNumber).HasMaxLength(20).IsRequired();
        b.Property(v => v.FullName).HasMaxLength(200).IsRequired();
        b.Property(v => v.Residence).HasMaxLength(500);
        b.HasIndex(v => v.ExpiresAtUtc);
    }
}
