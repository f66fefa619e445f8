using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Features.Audit;

/// <summary>What an entry of the administration audit log records. Stored by name, so members can be added anywhere.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditKind>))]
public enum AuditKind
{
    UnitCreated,
    UnitRenamed,
    UnitCodeReissued,
    OfficialCreated,
    OfficialUpdated,
    OfficialLocked,
    OfficialUnlocked,
    OfficialPasswordReset,
    ProcedureVersionPublished,
    CatalogImported,
    OnlineOnlyPilotChanged,
    DayOffAdded,
    SwappedWorkdayAdded,
    CalendarDayRemoved,
    DigitalTeamGranted,
    DigitalTeamRevoked,
    /// <summary>A file of a dossier (a scan, an upload, a draft or a result) sent to an official or to the citizen.</summary>
    DossierFileDownloaded,
    /// <summary>A document of a citizen's data store sent to them.</summary>
    CitizenDocumentDownloaded,
    /// <summary>The register of dossiers (Form 07) exported as a spreadsheet: applicants' names, addresses, phones.</summary>
    RegisterExported,
    /// <summary>An applicant rated a returned dossier on the desk's screen, opened by the official named.</summary>
    DeskRatingRecorded,
    /// <summary>A person looked up in the national population database (who looked up whom, when, and the answer):
    /// personal data read from a national system (docs/adr/0033c).</summary>
    PopulationLookup,
    /// <summary>A unit's organisation certificate (its seal) installed or replaced (docs/adr/0034a).</summary>
    UnitSealInstalled,
    UnitSealRemoved,
}

public static class AuditKinds
{
    /// <summary>A change made under the administrator's role, as opposed to a download.</summary>
    public static bool IsAdministration(this AuditKind kind) =>
        kind is not (AuditKind.DossierFileDownloaded or AuditKind.CitizenDocumentDownloaded or AuditKind.RegisterExported
            or AuditKind.DeskRatingRecorded or AuditKind.PopulationLookup);

    public static string DisplayName(this AuditKind kind) => kind switch
    {
        AuditKind.UnitCreated => "Tạo đơn vị",
        AuditKind.UnitRenamed => "Đổi tên đơn vị",
        AuditKind.UnitCodeReissued => "Cấp lại mã định danh",
        AuditKind.OfficialCreated => "Tạo tài khoản cán bộ",
        AuditKind.OfficialUpdated => "Sửa tài khoản, vai trò cán bộ",
        AuditKind.OfficialLocked => "Khóa tài khoản cán bộ",
        AuditKind.OfficialUnlocked => "Mở khóa tài khoản cán bộ",
        AuditKind.OfficialPasswordReset => "Đặt lại mật khẩu cán bộ",
        AuditKind.ProcedureVersionPublished => "Công bố phiên bản thủ tục",
        AuditKind.CatalogImported => "Nhập danh mục thủ tục",
        AuditKind.OnlineOnlyPilotChanged => "Sửa danh sách chỉ tiếp nhận trực tuyến",
        AuditKind.DayOffAdded => "Thêm ngày nghỉ",
        AuditKind.SwappedWorkdayAdded => "Thêm ngày làm bù",
        AuditKind.CalendarDayRemoved => "Xóa ngày khỏi lịch",
        AuditKind.DigitalTeamGranted => "Thêm thành viên Tổ công nghệ số",
        AuditKind.DigitalTeamRevoked => "Thu hồi quyền Tổ công nghệ số",
        AuditKind.DossierFileDownloaded => "Tải tệp của hồ sơ",
        AuditKind.CitizenDocumentDownloaded => "Tải giấy tờ trong kho dữ liệu",
        AuditKind.RegisterExported => "Xuất sổ theo dõi hồ sơ (Mẫu 07)",
        AuditKind.DeskRatingRecorded => "Đánh giá mức độ hài lòng tại quầy",
        AuditKind.PopulationLookup => "Tra cứu Cơ sở dữ liệu quốc gia về dân cư",
        AuditKind.UnitSealInstalled => "Cài đặt chứng thư số của cơ quan",
        AuditKind.UnitSealRemoved => "Gỡ chứng thư số của cơ quan",
        _ => kind.ToString(),
    };
}

/// <summary>Nhật ký quản trị: one administration change or one download of personal data — who (copied, so that a
/// rename does not rewrite it), when, what, about which subject, and the values before and after as JSON. Written
/// in the same transaction as the change it records and never changed afterwards.</summary>
public sealed class AuditEntry
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxSubjectIdLength = 100;

    private AuditEntry() { ActorName = ActorRole = SubjectType = Description = null!; }

    internal AuditEntry(DateTime atUtc, Dossiers.Actor actor, AuditKind kind, string subjectType, string? subjectId, string description,
        string? beforeJson, string? afterJson)
    {
        Id = Guid.CreateVersion7();
        AtUtc = atUtc;
        ActorId = actor.Id;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        ActorUnitId = actor.UnitId;
        ActorUnitName = actor.UnitName;
        Kind = kind;
        SubjectType = subjectType;
        SubjectId = subjectId;
        Description = description.Length > MaxDescriptionLength ? description[..(MaxDescriptionLength - 1)] + "…" : description;
        BeforeJson = beforeJson;
        AfterJson = afterJson;
    }

    public Guid Id { get; private set; }
    /// <summary>UTC.</summary>
    public DateTime AtUtc { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string ActorRole { get; private set; }
    public Guid? ActorUnitId { get; private set; }
    public string? ActorUnitName { get; private set; }
    public AuditKind Kind { get; private set; }
    /// <summary>Unit, Official, Procedure, Catalog, CalendarDay, CitizenAccount, DossierFile, CitizenDocument, Register.</summary>
    public string SubjectType { get; private set; }
    /// <summary>The subject's id, or its natural key where it has one people read (a procedure code, a date).</summary>
    public string? SubjectId { get; private set; }
    /// <summary>A Vietnamese sentence for the reader of the log.</summary>
    public string Description { get; private set; }
    public string? BeforeJson { get; private set; }
    public string? AfterJson { get; private set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.ActorName).HasMaxLength(300).IsRequired();
        b.Property(e => e.ActorRole).HasMaxLength(200).IsRequired();
        b.Property(e => e.ActorUnitName).HasMaxLength(300);
        b.Property(e => e.SubjectType).HasMaxLength(40).IsRequired();
        b.Property(e => e.SubjectId).HasMaxLength(AuditEntry.MaxSubjectIdLength);
        b.Property(e => e.Description).HasMaxLength(AuditEntry.MaxDescriptionLength).IsRequired();
        // The log is read newest first, all of it or one kind, and "what happened to this subject".
        b.HasIndex(e => e.AtUtc);
        b.HasIndex(e => new { e.Kind, e.AtUtc });
        b.HasIndex(e => e.SubjectId);
    }
}
