using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>The status an official records. "Quá hạn" is not recorded: it is shown when the deadline has passed and the
/// task is neither done nor cancelled (<see cref="PlanTask.IsOverdue"/>), so it can never be stale. Cancelled (hủy, with
/// a reason) is how a task with history leaves the plan: it is kept, never erased.</summary>
public enum PlanTaskStatus { NotStarted, InProgress, Done, Cancelled }

public static class PlanTaskStatusText
{
    public static string DisplayName(this PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.NotStarted => "Chưa thực hiện",
        PlanTaskStatus.InProgress => "Đang thực hiện",
        PlanTaskStatus.Done => "Đã hoàn thành",
        PlanTaskStatus.Cancelled => "Đã hủy",
        _ => status.ToString(),
    };
}

/// <summary>Nhiệm vụ của kế hoạch (Phụ lục 1): what must be done, who leads it (chủ trì), who coordinates (phối hợp), by
/// when, and what it must produce (sản phẩm); its status and evidence, with the history of every update. The lead and
/// coordinating bodies are written as the plan names them: many (the Front, the mass organisations) are not units
/// of the system. <see cref="UnitId"/> is the unit whose plan it is: who may read and update it follows from it.</summary>
public sealed class PlanTask
{
    public const int MaxTitleLength = 2000;
    public const int MaxTextLength = 500;
    public const int MaxEvidenceLength = 4000;
    public const int MaxReasonLength = 1000;

    private readonly List<PlanTaskUpdate> _history = [];

    private PlanTask() { Title = null!; LeadUnits = null!; }

    public PlanTask(Guid unitId, string? plan, string? number, string title, string leadUnits, string? coordinatingUnits, DateOnly dueDate,
        string? deadlineText, string? expectedProduct, Actor actor, DateTime nowUtc)
    {
        var problems = Problems(plan, number, title, leadUnits, coordinatingUnits, deadlineText, expectedProduct);
        if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
        Id = Guid.CreateVersion7();
        UnitId = unitId;
        Plan = Text.NormalizeOrNull(plan);
        Number = Text.NormalizeOrNull(number);
        Title = Text.Normalize(title);
        LeadUnits = Text.Normalize(leadUnits);
        CoordinatingUnits = Text.NormalizeOrNull(coordinatingUnits);
        DueDate = dueDate;
        DeadlineText = Text.NormalizeOrNull(deadlineText);
        ExpectedProduct = Text.NormalizeOrNull(expectedProduct);
        Status = PlanTaskStatus.NotStarted;
        UpdatedAtUtc = nowUtc;
        UpdatedBy = actor.Name;
        _history.Add(new PlanTaskUpdate(Id, actor, nowUtc, null, Status, "Giao nhiệm vụ", null, null));
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    /// <summary>The plan, e.g. "Kế hoạch số 175/KH-UBND ngày 17/02/2025".</summary>
    public string? Plan { get; private set; }
    /// <summary>TT in the appendix, e.g. "I.2".</summary>
    public string? Number { get; private set; }
    public string Title { get; private set; }
    /// <summary>Chủ trì.</summary>
    public string LeadUnits { get; private set; }
    /// <summary>Phối hợp.</summary>
    public string? CoordinatingUnits { get; private set; }
    /// <summary>The last day (Vietnam date) it may be done on; "Năm 2025" is 31/12/2025.</summary>
    public DateOnly DueDate { get; private set; }
    /// <summary>Thời gian thực hiện as the plan words it ("Trước ngày 28/3/2025", "Năm 2025").</summary>
    public string? DeadlineText { get; private set; }
    /// <summary>Sản phẩm.</summary>
    public string? ExpectedProduct { get; private set; }
    public PlanTaskStatus Status { get; private set; }
    public string? Evidence { get; private set; }
    public Guid? EvidenceFileId { get; private set; }
    public string? EvidenceFileName { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public string? UpdatedBy { get; private set; }
    public DateTime? DoneAtUtc { get; private set; }
    /// <summary>Optimistic concurrency: two officials updating at once cannot overwrite each other silently.</summary>
    public int Revision { get; private set; }
    public IReadOnlyList<PlanTaskUpdate> History => _history;

    /// <summary>Quá hạn: past its last day, neither done nor cancelled.</summary>
    public bool IsOverdue(DateOnly today) => Status is not (PlanTaskStatus.Done or PlanTaskStatus.Cancelled) && today > DueDate;

    /// <summary>Only a task nobody has worked on (its one history entry is the assignment, no evidence) may be erased, e.g.
    /// one entered by mistake; any other leaves the plan by <see cref="Cancel"/>, keeping its history.</summary>
    public bool CanDelete => _history.Count <= 1 && Evidence is null && EvidenceFileId is null;

    public static List<string> Problems(string? plan, string? number, string? title, string? leadUnits, string? coordinatingUnits,
        string? deadlineText, string? expectedProduct)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(title)) problems.Add("Hãy nhập nội dung nhiệm vụ.");
        else if (title.Trim().Length > MaxTitleLength) problems.Add($"Nội dung nhiệm vụ tối đa {MaxTitleLength} ký tự.");
        if (string.IsNullOrWhiteSpace(leadUnits)) problems.Add("Hãy nhập đơn vị chủ trì.");
        foreach (var (text, what) in new[] { (plan, "Kế hoạch"), (leadUnits, "Đơn vị chủ trì"), (coordinatingUnits, "Đơn vị phối hợp"),
                     (deadlineText, "Thời gian thực hiện"), (expectedProduct, "Sản phẩm") })
            if (text?.Trim().Length > MaxTextLength) problems.Add($"{what} tối đa {MaxTextLength} ký tự.");
        if (number?.Trim().Length > 20) problems.Add("Số thứ tự tối đa 20 ký tự.");
        return problems;
    }

    /// <summary>Records the status and the evidence (text, a file or both); done needs evidence.</summary>
    public void Update(PlanTaskStatus status, string? evidence, Guid? fileId, string? fileName, Actor actor, DateTime nowUtc)
    {
        if (!Enum.IsDefined(status)) throw new DomainException("Trạng thái không hợp lệ.");
        RefuseIfCancelled();
        if (status == PlanTaskStatus.Cancelled) throw new DomainException("Để hủy nhiệm vụ, hãy dùng chức năng Hủy nhiệm vụ và ghi lý do.");
        var text = Text.NormalizeOrNull(evidence);
        if (text?.Length > MaxEvidenceLength) throw new DomainException($"Kết quả, minh chứng tối đa {MaxEvidenceLength} ký tự.");
        if (status == Status && text is null && fileId is null) throw new DomainException("Không có gì thay đổi: hãy chọn trạng thái khác hoặc nhập minh chứng.");
        if (status == PlanTaskStatus.Done && text is null && fileId is null && Evidence is null && EvidenceFileId is null)
            throw new DomainException("Nhiệm vụ hoàn thành cần có kết quả, minh chứng (nội dung hoặc tệp đính kèm).");
        var from = Status;
        Status = status;
        if (text is not null) Evidence = text;
        if (fileId is not null) (EvidenceFileId, EvidenceFileName) = (fileId, fileName);
        DoneAtUtc = status == PlanTaskStatus.Done ? DoneAtUtc ?? nowUtc : null;
        UpdatedAtUtc = nowUtc;
        UpdatedBy = actor.Name;
        Revision++;
        _history.Add(new PlanTaskUpdate(Id, actor, nowUtc, from, status, text, fileId, fileName));
    }

    /// <summary>Corrects what the plan says of the task; the history records each field's old and new value.</summary>
    public void Edit(string? plan, string? number, string? title, string? leadUnits, string? coordinatingUnits, DateOnly? dueDate,
        string? deadlineText, string? expectedProduct, Actor actor, DateTime nowUtc)
    {
        RefuseIfCancelled();
        var problems = Problems(plan, number, title, leadUnits, coordinatingUnits, deadlineText, expectedProduct);
        if (dueDate is null) problems.Add("Hãy nhập hạn hoàn thành (ngày cuối cùng của thời gian thực hiện).");
        if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
        var changes = new List<string>();
        string? Change(string what, string? old, string? value)
        {
            if (old != value) changes.Add($"{what}: \"{old ?? ""}\" → \"{value ?? ""}\"");
            return value;
        }
        Plan = Change("kế hoạch", Plan, Text.NormalizeOrNull(plan));
        Number = Change("số thứ tự", Number, Text.NormalizeOrNull(number));
        Title = Change("nội dung", Title, Text.Normalize(title!))!;
        LeadUnits = Change("chủ trì", LeadUnits, Text.Normalize(leadUnits!))!;
        CoordinatingUnits = Change("phối hợp", CoordinatingUnits, Text.NormalizeOrNull(coordinatingUnits));
        if (dueDate!.Value != DueDate)
        {
            changes.Add($"hạn hoàn thành: {DueDate:dd/MM/yyyy} → {dueDate.Value:dd/MM/yyyy}");
            DueDate = dueDate.Value;
        }
        DeadlineText = Change("thời gian thực hiện", DeadlineText, Text.NormalizeOrNull(deadlineText));
        ExpectedProduct = Change("sản phẩm", ExpectedProduct, Text.NormalizeOrNull(expectedProduct));
        if (changes.Count == 0) throw new DomainException("Không có gì thay đổi.");
        UpdatedAtUtc = nowUtc;
        UpdatedBy = actor.Name;
        Revision++;
        _history.Add(new PlanTaskUpdate(Id, actor, nowUtc, Status, Status, Clip("Sửa nhiệm vụ: " + string.Join("; ", changes)), null, null));
    }

    /// <summary>Hủy nhiệm vụ: the task stays with its history, marked cancelled with why; it is no longer overdue.</summary>
    public void Cancel(string? reason, Actor actor, DateTime nowUtc)
    {
        RefuseIfCancelled();
        var text = Text.NormalizeOrNull(reason) ?? throw new DomainException("Hãy ghi lý do hủy nhiệm vụ.");
        if (text.Length > MaxReasonLength) throw new DomainException($"Lý do hủy tối đa {MaxReasonLength} ký tự.");
        var from = Status;
        Status = PlanTaskStatus.Cancelled;
        DoneAtUtc = null;
        UpdatedAtUtc = nowUtc;
        UpdatedBy = actor.Name;
        Revision++;
        _history.Add(new PlanTaskUpdate(Id, actor, nowUtc, from, Status, "Hủy nhiệm vụ. Lý do: " + text, null, null));
    }

    private void RefuseIfCancelled()
    {
        if (Status == PlanTaskStatus.Cancelled) throw new DomainException("Nhiệm vụ đã bị hủy: không sửa, cập nhật được nữa.");
    }

    private static string Clip(string text) => text.Length <= MaxEvidenceLength ? text : text[..(MaxEvidenceLength - 1)] + "…";
}

/// <summary>One update of a plan task: who (name, role, unit), when, the status before and after, the evidence given.</summary>
public sealed class PlanTaskUpdate
{
    private PlanTaskUpdate() { ActorName = null!; ActorRole = null!; }

    internal PlanTaskUpdate(Guid taskId, Actor actor, DateTime atUtc, PlanTaskStatus? from, PlanTaskStatus to, string? evidence, Guid? fileId, string? fileName)
    {
        Id = Guid.CreateVersion7();
        PlanTaskId = taskId;
        AtUtc = atUtc;
        ActorId = actor.Id;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        UnitName = actor.UnitName;
        FromStatus = from;
        ToStatus = to;
        Evidence = evidence;
        FileId = fileId;
        FileName = fileName;
    }

    public Guid Id { get; private set; }
    public Guid PlanTaskId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string ActorRole { get; private set; }
    public string? UnitName { get; private set; }
    public PlanTaskStatus? FromStatus { get; private set; }
    public PlanTaskStatus ToStatus { get; private set; }
    public string? Evidence { get; private set; }
    public Guid? FileId { get; private set; }
    public string? FileName { get; private set; }
}

internal sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> b)
    {
        b.ToTable("PlanTasks");
        b.Property(t => t.Plan).HasMaxLength(PlanTask.MaxTextLength);
        b.Property(t => t.Number).HasMaxLength(20);
        b.Property(t => t.Title).HasMaxLength(PlanTask.MaxTitleLength);
        b.Property(t => t.LeadUnits).HasMaxLength(PlanTask.MaxTextLength);
        b.Property(t => t.CoordinatingUnits).HasMaxLength(PlanTask.MaxTextLength);
        b.Property(t => t.DeadlineText).HasMaxLength(PlanTask.MaxTextLength);
        b.Property(t => t.ExpectedProduct).HasMaxLength(PlanTask.MaxTextLength);
        b.Property(t => t.Evidence).HasMaxLength(PlanTask.MaxEvidenceLength);
        b.Property(t => t.EvidenceFileName).HasMaxLength(260);
        b.Property(t => t.UpdatedBy).HasMaxLength(200);
        b.Property(t => t.Revision).IsConcurrencyToken();
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(t => t.EvidenceFileId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.UnitId, t.DueDate });
        b.HasMany(t => t.History).WithOne().HasForeignKey(u => u.PlanTaskId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.History).HasField("_history");
    }
}

internal sealed class PlanTaskUpdateConfiguration : IEntityTypeConfiguration<PlanTaskUpdate>
{
    public void Configure(EntityTypeBuilder<PlanTaskUpdate> b)
    {
        b.ToTable("PlanTaskUpdates");
        b.Property(u => u.ActorName).HasMaxLength(200);
        b.Property(u => u.ActorRole).HasMaxLength(200);
        b.Property(u => u.UnitName).HasMaxLength(200);
        b.Property(u => u.Evidence).HasMaxLength(PlanTask.MaxEvidenceLength);
        b.Property(u => u.FileName).HasMaxLength(260);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(u => u.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.PlanTaskId);
    }
}
