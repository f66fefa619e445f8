using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Units;

namespace MotCua.Web.Features.Identity;

/// <summary>An account. Officials and citizens are separate kinds (one table, a discriminator): they sign in
/// at different doors, and only officials have roles and a unit.</summary>
public abstract class AppUser : IdentityUser<Guid>
{
    public string FullName { get; set; } = "";
}

/// <summary>Cán bộ, công chức: bound to one unit; roles are Identity roles named after <see cref="OfficialRole"/>.</summary>
public sealed class Official : AppUser
{
    public Guid UnitId { get; set; }
    /// <summary>Chức danh as printed on forms (e.g. "Phó Chủ tịch UBND phường").</summary>
    public string? Title { get; set; }
}

/// <summary>A citizen's or an organisation's account on the portal, keyed by the personal identification
/// number (also the key of the citizen's data store).</summary>
public sealed class Citizen : AppUser
{
    public string PersonalIdNumber { get; set; } = "";
    public string? Address { get; set; }
    /// <summary>The account was verified with the national e-ID (VNeID): scored by the 766 index.</summary>
    public bool VerifiedWithElectronicIdentity { get; set; }
    /// <summary>Ngày sinh as the national e-ID (VNeID) gave it at a verified sign-in or a linking; null until then, as
    /// registration on the portal does not ask it. With the ID number and the name, what the population database needs to
    /// find the citizen's own record for their drafts (docs/adr/0034d).</summary>
    public DateOnly? BirthDate { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.FullName).HasMaxLength(200);
        b.HasDiscriminator<string>("Kind").HasValue<Official>("Official").HasValue<Citizen>("Citizen");
        b.Property("Kind").HasMaxLength(20);
        // A citizen signs in with a phone number or an e-mail address, so each opens one citizen account only. The
        // registration checks this first and says which is taken; these indexes hold when two registrations race.
        b.HasIndex(u => u.PhoneNumber, "IX_Citizens_PhoneNumber").IsUnique()
            .HasFilter("\"Kind\" = 'Citizen' AND \"PhoneNumber\" IS NOT NULL");
        b.HasIndex(u => u.NormalizedEmail, "IX_Citizens_NormalizedEmail").IsUnique()
            .HasFilter("\"Kind\" = 'Citizen' AND \"NormalizedEmail\" IS NOT NULL");
    }
}

internal sealed class OfficialConfiguration : IEntityTypeConfiguration<Official>
{
    public void Configure(EntityTypeBuilder<Official> b)
    {
        b.Property(o => o.Title).HasMaxLength(200);
        b.HasOne<Unit>().WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.UnitId);
    }
}

internal sealed class CitizenConfiguration : IEntityTypeConfiguration<Citizen>
{
    public void Configure(EntityTypeBuilder<Citizen> b)
    {
        b.Property(c => c.PersonalIdNumber).HasMaxLength(20);
        b.Property(c => c.Address).HasMaxLength(500);
        b.HasIndex(c => c.PersonalIdNumber);
    }
}
