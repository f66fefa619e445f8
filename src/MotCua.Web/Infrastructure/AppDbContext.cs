using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;

namespace MotCua.Web.Infrastructure;

public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring every node shares (docs/adr/0035b).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<AgencyCodeAssignment> AgencyCodeAssignments => Set<AgencyCodeAssignment>();
    public DbSet<Official> Officials => Set<Official>();
    public DbSet<Citizen> Citizens => Set<Citizen>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<ProcedureVersion> ProcedureVersions => Set<ProcedureVersion>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierEvent> DossierEvents => Set<DossierEvent>();
    public DbSet<DossierCodeCounter> DossierCodeCounters => Set<DossierCodeCounter>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<Features.Calendar.CalendarDay> CalendarDays => Set<Features.Calendar.CalendarDay>();
    public DbSet<Features.Calendar.CalendarYear> CalendarYears => Set<Features.Calendar.CalendarYear>();
    public DbSet<Features.Calendar.CalendarPositionSet> CalendarPositionSets => Set<Features.Calendar.CalendarPositionSet>();
    public DbSet<Features.Calendar.CalendarPosition> CalendarPositions => Set<Features.Calendar.CalendarPosition>();
    public DbSet<Infrastructure.Jobs.Job> Jobs => Set<Infrastructure.Jobs.Job>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.OnlineSubmission.DossierDraft> DossierDrafts => Set<Features.OnlineSubmission.DossierDraft>();
    public DbSet<Features.DocumentStore.CitizenDocument> CitizenDocuments => Set<Features.DocumentStore.CitizenDocument>();
    public DbSet<Features.Ratings.SatisfactionRating> SatisfactionRatings => Set<Features.Ratings.SatisfactionRating>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Our entities get their Guid keys when they are created (Guid.CreateVersion7), so a child added to a
        // loaded aggregate (a history entry, a file) must be inserted, not mistaken for an existing row.
        // Identity's users and roles keep EF's generation for the accounts that do not set one.
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(IdentityUser<Guid>).IsAssignableFrom(entity.ClrType) || entity.ClrType == typeof(IdentityRole<Guid>)) continue;
            foreach (var key in entity.FindPrimaryKey()?.Properties ?? [])
                if (key.ClrType == typeof(Guid)) key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
