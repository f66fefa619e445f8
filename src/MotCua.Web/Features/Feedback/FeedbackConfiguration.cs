using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

internal sealed class FeedbackItemConfiguration : IEntityTypeConfiguration<FeedbackItem>
{
    public void Configure(EntityTypeBuilder<FeedbackItem> b)
    {
        b.ToTable("Feedback");
        b.Property(f => f.Code).HasMaxLength(20);
        b.HasIndex(f => f.Code).IsUnique();
        b.Property(f => f.AccessKeyHash).HasMaxLength(64);
        b.Property(f => f.Title).HasMaxLength(FeedbackItem.MaxTitleLength);
        b.Property(f => f.Content).HasMaxLength(FeedbackItem.MaxContentLength);
        b.Property(f => f.SenderName).HasMaxLength(FeedbackItem.MaxNameLength);
        b.Property(f => f.SenderPhone).HasMaxLength(20);
        b.Property(f => f.SenderEmail).HasMaxLength(FeedbackItem.MaxContactLength);
        b.Property(f => f.SenderAddress).HasMaxLength(FeedbackItem.MaxContactLength);
        b.Property(f => f.SenderIdNumber).HasMaxLength(20);
        b.Property(f => f.DossierCode).HasMaxLength(40);
        b.Property(f => f.UnitName).HasMaxLength(300);
        b.Property(f => f.RefusalReason).HasMaxLength(FeedbackItem.MaxReasonLength);
        b.Property(f => f.InfoRequest).HasMaxLength(FeedbackItem.MaxReasonLength);
        b.Property(f => f.Answer).HasMaxLength(FeedbackItem.MaxContentLength);
        b.Property(f => f.PublishedTitle).HasMaxLength(FeedbackItem.MaxTitleLength * 2);
        b.Property(f => f.PublishedQuestion).HasMaxLength(FeedbackItem.MaxContentLength * 2);
        b.Property(f => f.PublishedAnswer).HasMaxLength(FeedbackItem.MaxContentLength * 2);
        b.Property(f => f.SearchKey).HasMaxLength(20000);
        // Two officials answering at once: the second save finds the revision moved and is refused (409).
        b.Property(f => f.Revision).IsConcurrencyToken();
        b.HasOne<Unit>().WithMany().HasForeignKey(f => f.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Dossier>().WithMany().HasForeignKey(f => f.DossierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Procedure>().WithMany().HasForeignKey(f => f.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FeedbackItem>().WithMany().HasForeignKey(f => f.RaisedAgainOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(f => f.Events).WithOne().HasForeignKey(e => e.FeedbackId);
        b.HasMany(f => f.Attachments).WithOne().HasForeignKey(a => a.FeedbackId);
        // The office's list (a unit's items by reception), the scorecard (by unit and period), the sender's list, the
        // reminders (open items by deadline) and the portal's published list.
        b.HasIndex(f => new { f.UnitId, f.ReceivedAtUtc });
        b.HasIndex(f => f.CitizenAccountId);
        b.HasIndex(f => new { f.Status, f.AnswerDueUtc });
        b.HasIndex(f => f.PublishedAtUtc);
        b.HasIndex(f => f.DossierId);
        b.HasIndex(f => f.RaisedAgainOfId);
    }
}

internal sealed class FeedbackEventConfiguration : IEntityTypeConfiguration<FeedbackEvent>
{
    public void Configure(EntityTypeBuilder<FeedbackEvent> b)
    {
        b.ToTable("FeedbackEvents");
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.ActorRole).HasMaxLength(100);
        b.Property(e => e.UnitName).HasMaxLength(300);
        b.Property(e => e.Description).HasMaxLength(500);
        b.Property(e => e.Reason).HasMaxLength(FeedbackItem.MaxContentLength);
        b.HasIndex(e => new { e.FeedbackId, e.Sequence }).IsUnique();
    }
}

internal sealed class FeedbackAttachmentConfiguration : IEntityTypeConfiguration<FeedbackAttachment>
{
    public void Configure(EntityTypeBuilder<FeedbackAttachment> b)
    {
        b.ToTable("FeedbackAttachments");
        b.Property(a => a.FileName).HasMaxLength(260);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(a => a.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.FeedbackId);
    }
}
