using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Hồ sơ đang soạn: what a citizen (or a community digital team member helping one) has filled in and
/// uploaded so far for an online submission. Its id becomes the dossier's submission key, so submitting a draft
/// twice makes one dossier.</summary>
public sealed class DossierDraft
{
    private readonly List<DossierDraftFile> _files = [];

    private DossierDraft() { ProcedureCode = null!; ApplicantName = null!; ApplicantIdNumber = null!; FormData = null!; }

    public DossierDraft(Guid id, Guid accountId, string procedureCode, Guid procedureVersionId, bool assisted,
        string applicantName, string applicantIdNumber, string? applicantPhone, string? applicantEmail, string? applicantAddress, DateTime nowUtc)
    {
        Id = id;
        AccountId = accountId;
        ProcedureCode = procedureCode;
        ProcedureVersionId = procedureVersionId;
        Assisted = assisted;
        ApplicantName = applicantName;
        ApplicantIdNumber = applicantIdNumber;
        ApplicantPhone = applicantPhone;
        ApplicantEmail = applicantEmail;
        ApplicantAddress = applicantAddress;
        FormData = "{}";
        CreatedAtUtc = UpdatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    /// <summary>The signed-in account that writes the draft: the applicant, or the team member when <see cref="Assisted"/>.</summary>
    public Guid AccountId { get; private set; }
    public string ProcedureCode { get; private set; }
    /// <summary>The version whose e-form and components the draft was started on.</summary>
    public Guid ProcedureVersionId { get; private set; }
    public Guid? ReceivingUnitId { get; set; }
    /// <summary>Submitted by a community digital team member on behalf of the applicant below.</summary>
    public bool Assisted { get; private set; }
    public string ApplicantName { get; set; }
    public string ApplicantIdNumber { get; set; }
    public string? ApplicantPhone { get; set; }
    public string? ApplicantEmail { get; set; }
    public string? ApplicantAddress { get; set; }
    /// <summary>The exemption group the applicant declares (a code of <c>ExemptionGroups</c>), priced in the draft's fee
    /// and recorded with <see cref="ExemptionReason"/> on the dossier; the desk checks the evidence at reception.</summary>
    public string? ExemptionGroup { get; set; }
    /// <summary>What shows the applicant belongs to the group (the paper and its number).</summary>
    public string? ExemptionReason { get; set; }
    /// <summary>The citizen's own record confirmed by the national population database for this draft (a
    /// PopulationVerification's id, docs/adr/0034d): the applicant's name and residence come from it and the components it
    /// replaces need no file. Null for a draft on someone's behalf, an account not verified with VNeID, or when the
    /// database did not confirm.</summary>
    public Guid? PopulationVerificationId { get; set; }
    /// <summary>The e-form's values as a JSON object, field key → text.</summary>
    public string FormData { get; set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Set when the draft became a dossier; the draft is kept so a retried submit finds it.</summary>
    public Guid? SubmittedDossierId { get; set; }

    public IReadOnlyList<DossierDraftFile> Files => _files;

    public void AddFile(DossierDraftFile file) => _files.Add(file);

    public bool RemoveFile(Guid fileId) => _files.RemoveAll(f => f.Id == fileId) > 0;

    /// <summary>The procedure was published again while the draft waited: its e-form and components are now the
    /// new version's, so the citizen checks them before submitting.</summary>
    public void MoveToVersion(Guid procedureVersionId, DateTime nowUtc)
    {
        ProcedureVersionId = procedureVersionId;
        UpdatedAtUtc = nowUtc;
    }
}

/// <summary>A file given for one component of a draft: uploaded now, or taken from the applicant's data store.</summary>
public sealed class DossierDraftFile
{
    private DossierDraftFile() { ComponentCode = null!; FileName = null!; }

    public DossierDraftFile(string componentCode, Guid storedFileId, string fileName, Guid? fromDocumentId, DateTime addedAtUtc)
    {
        Id = Guid.CreateVersion7();
        ComponentCode = componentCode;
        StoredFileId = storedFileId;
        FileName = fileName;
        FromDocumentId = fromDocumentId;
        AddedAtUtc = addedAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid DraftId { get; private set; }
    /// <summary>The requirement's code in the procedure version (e.g. "giay-to-tuy-than").</summary>
    public string ComponentCode { get; private set; }
    public Guid StoredFileId { get; private set; }
    public string FileName { get; private set; }
    /// <summary>The data-store document it was taken from (re-use), or null for an upload.</summary>
    public Guid? FromDocumentId { get; private set; }
    public DateTime AddedAtUtc { get; private set; }
}

internal sealed class DossierDraftConfiguration : IEntityTypeConfiguration<DossierDraft>
{
    public void Configure(EntityTypeBuilder<DossierDraft> b)
    {
        b.Property(d => d.ProcedureCode).HasMaxLength(40);
        b.Property(d => d.ApplicantName).HasMaxLength(200);
        b.Property(d => d.ApplicantIdNumber).HasMaxLength(20);
        b.Property(d => d.ApplicantPhone).HasMaxLength(15);
        b.Property(d => d.ApplicantEmail).HasMaxLength(200);
        b.Property(d => d.ApplicantAddress).HasMaxLength(500);
        b.Property(d => d.ExemptionGroup).HasMaxLength(60);
        b.Property(d => d.ExemptionReason).HasMaxLength(500);
        b.HasOne<AppUser>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.AccountId, d.UpdatedAtUtc });
        b.HasMany(d => d.Files).WithOne().HasForeignKey(f => f.DraftId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DossierDraftFileConfiguration : IEntityTypeConfiguration<DossierDraftFile>
{
    public void Configure(EntityTypeBuilder<DossierDraftFile> b)
    {
        b.Property(f => f.ComponentCode).HasMaxLength(60);
        b.Property(f => f.FileName).HasMaxLength(260);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(f => f.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
