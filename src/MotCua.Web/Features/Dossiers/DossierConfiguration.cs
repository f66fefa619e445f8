using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Catalog;

namespace MotCua.Web.Features.Dossiers;

internal sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> b)
    {
        b.Property(d => d.Code).HasMaxLength(40);
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.LookupCode).HasMaxLength(12);
        b.Property(d => d.Summary).HasMaxLength(1000);
        b.Property(d => d.Revision).IsConcurrencyToken();
        b.Property(d => d.AssistedByName).HasMaxLength(200);
        b.Property(d => d.ImportDigest).HasMaxLength(64);
        // Two submits of one draft racing each other: the second insert fails here and finds the first dossier.
        b.HasIndex(d => d.SubmissionKey).IsUnique();
        // Partial: desk dossiers have no account, and SQLite's statistics count all those NULLs as one value, which
        // made "my dossiers" look unselective and scan the table (docs/benchmarks.md, the portal's reads).
        b.HasIndex(d => new { d.CitizenAccountId, d.SubmittedAtUtc }).HasFilter("\"CitizenAccountId\" IS NOT NULL");
        b.HasOne<ProcedureVersion>().WithMany().HasForeignKey(d => d.ProcedureVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Procedure>().WithMany().HasForeignKey(d => d.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(d => d.ReceivingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(d => d.CompetentUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(d => d.CurrentUnitId).OnDelete(DeleteBehavior.Restrict);

        b.OwnsOne(d => d.Applicant, a =>
        {
            a.Property(x => x.FullName).HasMaxLength(200);
            a.Property(x => x.SearchName).HasMaxLength(200);
            a.Property(x => x.IdNumber).HasMaxLength(20);
            a.Property(x => x.Phone).HasMaxLength(15);
            a.Property(x => x.Email).HasMaxLength(200);
            a.Property(x => x.Address).HasMaxLength(500);
            a.HasIndex(x => x.IdNumber);
            a.HasIndex(x => x.Phone);
            a.HasIndex(x => x.SearchName);
        });
        b.Navigation(d => d.Applicant).IsRequired();
        b.PrimitiveCollection(d => d.ConnectedDatabases);
        b.OwnsOne(d => d.Apology, a =>
        {
            a.Property(x => x.Reason).HasMaxLength(2000);
            a.Property(x => x.IssuedBy).HasMaxLength(200);
        });

        // The office's lists: by unit and status, by due date, by reception date (reports, the 766 period).
        b.HasIndex(d => new { d.CurrentUnitId, d.Status, d.DueAtUtc });
        b.HasIndex(d => new { d.ReceivingUnitId, d.ReceivedAtUtc });
        b.HasIndex(d => new { d.CompetentUnitId, d.ReceivedAtUtc });
        b.HasIndex(d => new { d.Status, d.SubmittedAtUtc });
        b.HasIndex(d => new { d.SyncState, d.Id });
        // The office lists at a province's scale (measured in bench/, docs/benchmarks.md): each list's filter
        // and order, ending with the id that makes paging stable, so a page reads 20 index entries, not the table.
        b.HasIndex(d => new { d.SubmittedAtUtc, d.Id });
        b.HasIndex(d => new { d.Status, d.DueAtUtc, d.Id });
        b.HasIndex(d => new { d.AssigneeId, d.Status, d.DueAtUtc, d.Id });
        b.HasIndex(d => new { d.Status, d.ProcessingEndedAtUtc, d.Id });
        b.HasIndex(d => new { d.DueAtUtc, d.Id }, "IX_Dossiers_Open_DueAtUtc_Id")
            .HasFilter("\"Status\" IN ('Received', 'InProgress', 'SupplementRequested', 'AwaitingFinancialObligation')");
        b.HasIndex(d => new { d.DueAtUtc, d.Id }, "IX_Dossiers_DeskActions_DueAtUtc_Id")
            .HasFilter("\"Status\" IN ('Submitted', 'Received', 'Decided')");
        b.HasIndex(d => new { d.SubmittedAtUtc, d.Id }, "IX_Dossiers_Submitted_SubmittedAtUtc_Id")
            .HasFilter("\"Status\" = 'Submitted'");

        b.HasMany(d => d.History).WithOne().HasForeignKey(e => e.DossierId);
        b.HasMany(d => d.Components).WithOne().HasForeignKey(c => c.DossierId);
        b.HasMany(d => d.Files).WithOne().HasForeignKey(f => f.DossierId);
        b.HasMany(d => d.Supplements).WithOne().HasForeignKey(s => s.DossierId);
        b.HasMany(d => d.Results).WithOne().HasForeignKey(r => r.DossierId);
        b.HasMany(d => d.Steps).WithOne().HasForeignKey(s => s.DossierId);
        b.HasMany(d => d.Coordinations).WithOne().HasForeignKey(c => c.DossierId);
        b.OwnsMany(d => d.Fees, f =>
        {
            f.ToTable("DossierFees");
            f.HasKey(x => x.Id);
            f.Property(x => x.Code).HasMaxLength(60);
            f.Property(x => x.Name).HasMaxLength(300);
            f.Property(x => x.Explanation).HasMaxLength(300);
        });
        b.OwnsMany(d => d.Payments, p =>
        {
            p.ToTable("DossierPayments");
            p.HasKey(x => x.Id);
            p.Property(x => x.Reference).HasMaxLength(100);
            p.Property(x => x.RecordedBy).HasMaxLength(200);
            p.HasIndex(x => x.PaymentOrderId).IsUnique();
        });
    }
}

internal sealed class DossierEventConfiguration : IEntityTypeConfiguration<DossierEvent>
{
    public void Configure(EntityTypeBuilder<DossierEvent> b)
    {
        // Not unique on purpose: the dossier's Revision token already orders concurrent writers, and a unique
        // index here would fail the losing writer's insert before EF could report the conflict as such.
        b.HasIndex(e => new { e.DossierId, e.Sequence });
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.ActorRole).HasMaxLength(100);
        b.Property(e => e.UnitName).HasMaxLength(200);
        // The kind's name, as the column held when kinds were strings: no migration, and old rows read back.
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(e => e.Description).HasMaxLength(2000);
        b.Property(e => e.Reason).HasMaxLength(2000);
    }
}

internal sealed class DossierComponentConfiguration : IEntityTypeConfiguration<DossierComponent>
{
    public void Configure(EntityTypeBuilder<DossierComponent> b)
    {
        b.ToTable("DossierComponents");
        b.Property(c => c.RequirementCode).HasMaxLength(60);
        b.Property(c => c.Name).HasMaxLength(500);
        b.Property(c => c.ReplacedByResultCode).HasMaxLength(100);
    }
}

internal sealed class DossierFileConfiguration : IEntityTypeConfiguration<DossierFile>
{
    public void Configure(EntityTypeBuilder<DossierFile> b)
    {
        b.ToTable("DossierFiles");
        b.Property(f => f.FileName).HasMaxLength(260);
        b.Property(f => f.ExternalAddress).HasMaxLength(2000);
        b.HasOne<Infrastructure.StoredFile>().WithMany().HasForeignKey(f => f.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        b.Property(f => f.Form).HasConversion<string>().HasMaxLength(40);
        // One produced document per history entry, whichever node's job files it first. Not filtered, so it also serves
        // the dossier's foreign key: other files have no form, and nulls never collide in a unique index (both databases).
        b.HasIndex("DossierId", nameof(DossierFile.Form), nameof(DossierFile.EventSequence)).IsUnique();
    }
}

internal sealed class SupplementRequestConfiguration : IEntityTypeConfiguration<SupplementRequest>
{
    public void Configure(EntityTypeBuilder<SupplementRequest> b)
    {
        b.ToTable("SupplementRequests");
        b.Property(s => s.Reason).HasMaxLength(2000);
        b.Property(s => s.RequestedBy).HasMaxLength(200);
        b.PrimitiveCollection(s => s.MissingItems);
    }
}

internal sealed class ResultDocumentConfiguration : IEntityTypeConfiguration<ResultDocument>
{
    public void Configure(EntityTypeBuilder<ResultDocument> b)
    {
        b.ToTable("ResultDocuments");
        b.Property(r => r.Name).HasMaxLength(500);
        b.Property(r => r.Number).HasMaxLength(100);
        b.Property(r => r.ResultCode).HasMaxLength(100);
        b.Property(r => r.IssuedBy).HasMaxLength(200);
        b.HasIndex(r => r.ResultCode);
    }
}

internal sealed class DossierStepConfiguration : IEntityTypeConfiguration<DossierStep>
{
    public void Configure(EntityTypeBuilder<DossierStep> b)
    {
        b.ToTable("DossierSteps");
        b.Property(s => s.Name).HasMaxLength(300);
        b.Property(s => s.AssigneeName).HasMaxLength(200);
        b.Property(s => s.CompletedBy).HasMaxLength(200);
        b.HasIndex(s => new { s.AssigneeId, s.CompletedAtUtc });
    }
}

internal sealed class CoordinationConfiguration : IEntityTypeConfiguration<Coordination>
{
    public void Configure(EntityTypeBuilder<Coordination> b)
    {
        b.ToTable("Coordinations");
        b.Property(c => c.UnitName).HasMaxLength(200);
        b.Property(c => c.Question).HasMaxLength(2000);
        b.Property(c => c.AnswerText).HasMaxLength(4000);
        b.Property(c => c.RequestedBy).HasMaxLength(200);
        b.Property(c => c.AnsweredBy).HasMaxLength(200);
        b.HasIndex(c => new { c.UnitId, c.AnsweredAtUtc });
    }
}
