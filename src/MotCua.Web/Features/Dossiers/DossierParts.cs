using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Dossiers;

/// <summary>One history entry: rõ người (actor), rõ việc (action, description), rõ thời gian (at),
/// rõ kết quả (status after), rõ trách nhiệm / thẩm quyền (role, unit), and why (reason).</summary>
public sealed class DossierEvent
{
    private DossierEvent() { ActorName = null!; ActorRole = null!; Description = null!; }

    internal DossierEvent(Guid dossierId, int sequence, DateTime atUtc, Actor actor, DossierEventKind kind, DossierStatus? from, DossierStatus to, string description, string? reason)
    {
        Id = Guid.CreateVersion7();
        DossierId = dossierId;
        Sequence = sequence;
        AtUtc = atUtc;
        ActorId = actor.Id;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        UnitId = actor.UnitId;
        UnitName = actor.UnitName;
        Kind = kind;
        FromStatus = from;
        ToStatus = to;
        Description = description;
        Reason = reason;
    }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    public int Sequence { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string ActorRole { get; private set; }
    public Guid? UnitId { get; private set; }
    public string? UnitName { get; private set; }
    /// <summary>What happened; stored as its name (see <see cref="DossierEventKind"/>).</summary>
    public DossierEventKind Kind { get; private set; }
    public DossierStatus? FromStatus { get; private set; }
    public DossierStatus ToStatus { get; private set; }
    public string Description { get; private set; }
    public string? Reason { get; private set; }
}

/// <summary>The kinds of history entries. The names are what the history table stores (and has always stored), so a
/// member is never renamed; the status changes share their names with <see cref="DossierAction"/>.</summary>
public enum DossierEventKind
{
    Submit,
    Receive,
    Refuse,
    RequestSupplement,
    AnswerSupplement,
    StartProcessing,
    RequestFinancialObligation,
    FulfilFinancialObligation,
    Decide,
    ReturnResult,
    Withdraw,
    Stop,
    Transfer,
    Assign,
    RequestCoordination,
    AnswerCoordination,
    AttachDraft,
    SubmitForApproval,
    Approve,
    SendBack,
    Apologize,
    /// <summary>A component file (scanned or uploaded) or a paper sent on a supplement request.</summary>
    AttachFile,
    AttachResult,
    ReuseComponent,
    Payment,
    /// <summary>The dossier came in, or was brought up to date, from another system's sync record (by the official named).</summary>
    Import,
    /// <summary>A step of the other system's processing history (QuaTrinhXuLy), as that system recorded it.</summary>
    ExternalStep,
    /// <summary>Money the dossier owed back was given back (Features/Payments): who, how, with what reference.</summary>
    Refund,
    /// <summary>A file of the dossier was digitally signed on its own (a desk official signs a digitized component,
    /// Features/Signatures); signatures made within an approval or an issuance are told in that entry.</summary>
    Sign,
}

/// <summary>A file signed for the dossier (Features/Signatures): the signed bytes' stored file, and what the history says
/// (who signed with which certificate, from which source).</summary>
public sealed record SignedDossierFile(Guid StoredFileId, string FileName, string Description);

/// <summary>A component of the dossier as received, with the flags the 766 index and the sync record use.</summary>
public sealed partial class DossierComponent
{
    private DossierComponent() { RequirementCode = null!; Name = null!; }

    public DossierComponent(string requirementCode, string name, ComponentForm form, int count)
    {
        Id = Guid.CreateVersion7();
        RequirementCode = requirementCode;
        Name = name;
        Form = form;
        Count = count;
    }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    public string RequirementCode { get; private set; }
    public string Name { get; private set; }
    public ComponentForm Form { get; private set; }
    public int Count { get; private set; }
    /// <summary>DuocSoHoa: the paper was scanned into files at reception.</summary>
    public bool Digitized { get; private set; }
    /// <summary>DuocTaiSuDung: taken from already digitized data instead of asking the applicant again.</summary>
    public bool Reused { get; private set; }
    /// <summary>DuocLayTuKhoDMQG: taken from the citizen's data store.</summary>
    public bool FromCitizenStore { get; private set; }
    /// <summary>MaKetQuaThayThe: the code of an earlier result that replaces this component.</summary>
    public string? ReplacedByResultCode { get; private set; }
    /// <summary>Supplied from the national population database (the applicant's registry record, looked up at the desk or
    /// for the citizen's draft) instead of a paper or a file; also <see cref="Reused"/> (DuocTaiSuDung).</summary>
    public bool FromPopulationDatabase { get; private set; }

    /// <summary>Before the dossier is created: the component is the population database's data (docs/adr/0033c).</summary>
    internal void MarkFromPopulationDatabase()
    {
        Reused = true;
        FromPopulationDatabase = true;
    }

    internal void MarkDigitized() => Digitized = true;

    internal void MarkReused(bool fromCitizenStore, string? resultCode)
    {
        Reused = true;
        FromCitizenStore |= fromCitizenStore;
        ReplacedByResultCode = resultCode ?? ReplacedByResultCode;
    }
}

public enum DossierFilePurpose
{
    Component,
    Draft,
    Result,
    Form,
    /// <summary>A paper sent in answer to a supplement request that is none of the dossier's components (an
    /// authorisation letter, the landlord's consent): it has no component, and belongs to the request it answered.</summary>
    Supplement,
}

/// <summary>Which document a file of purpose <see cref="DossierFilePurpose.Form"/> is: a form of Circular 03/2025
/// produced at its event, or the applicant's request to withdraw (signed on paper at the desk, or produced from the
/// citizen's action online). Stored as text, so a member is never renamed.</summary>
public enum DossierForm
{
    /// <summary>Mẫu số 01, at valid reception.</summary>
    Receipt,
    /// <summary>Mẫu số 02, at a supplement request.</summary>
    Supplement,
    /// <summary>Mẫu số 03, at a refusal.</summary>
    Refusal,
    /// <summary>Mẫu số 04, at the apology.</summary>
    Apology,
    /// <summary>Mẫu số 05, at a stop.</summary>
    Stop,
    /// <summary>Đơn đề nghị rút hồ sơ: the applicant's request, at a withdrawal.</summary>
    WithdrawalRequest,
}

/// <summary>A file attached to the dossier: a scanned or uploaded component, a paper sent on a supplement request,
/// a result, or a produced form.</summary>
public sealed partial class DossierFile
{
    private DossierFile() { FileName = null!; }

    internal DossierFile(Guid storedFileId, string fileName, DossierFilePurpose purpose, Guid? componentId, Guid? resultId, DateTime addedAtUtc)
    {
        Id = Guid.CreateVersion7();
        StoredFileId = storedFileId;
        FileName = fileName;
        Purpose = purpose;
        ComponentId = componentId;
        ResultId = resultId;
        AddedAtUtc = addedAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    /// <summary>The bytes in this system's file store; null for a file that stays at <see cref="ExternalAddress"/>.</summary>
    public Guid? StoredFileId { get; private set; }
    /// <summary>Where another system keeps the file (DuongDanTaiTepTin, DuongDanTepTinKetQua of an imported sync record):
    /// the office opens that address instead of the file store.</summary>
    public string? ExternalAddress { get; private set; }
    public string FileName { get; private set; }
    public DossierFilePurpose Purpose { get; private set; }
    public Guid? ComponentId { get; private set; }
    public Guid? ResultId { get; private set; }
    public DateTime AddedAtUtc { get; private set; }
    /// <summary>For a <see cref="DossierFilePurpose.Form"/> file: which document it is.</summary>
    public DossierForm? Form { get; private set; }
    /// <summary>For a form: the history entry (its sequence) the document belongs to; one document per entry.</summary>
    public int? EventSequence { get; private set; }

    internal static DossierFile OfForm(Guid storedFileId, string fileName, DossierForm form, int eventSequence, DateTime addedAtUtc) =>
        new(storedFileId, fileName, DossierFilePurpose.Form, null, null, addedAtUtc) { Form = form, EventSequence = eventSequence };

    /// <summary>The file now points to its signed version (the original's bytes are the signed file's first revision).</summary>
    internal void ReplaceWithSigned(SignedDossierFile signedFile)
    {
        StoredFileId = signedFile.StoredFileId;
        FileName = signedFile.FileName;
    }
}

public enum SupplementState { Open, Answered, Closed }

/// <summary>Yêu cầu bổ sung: asked once with every reason; the clock stops until it is answered.</summary>
public sealed partial class SupplementRequest
{
    private SupplementRequest() { Reason = null!; MissingItems = null!; RequestedBy = null!; }

    internal SupplementRequest(int number, DateTime requestedAtUtc, Actor by, string reason, IReadOnlyList<string> missingItems, DateTime? dueBeforeUtc, DossierStatus statusBefore)
    {
        Id = Guid.CreateVersion7();
        Number = number;
        RequestedAtUtc = requestedAtUtc;
        RequestedBy = by.Name;
        Reason = reason;
        MissingItems = [.. missingItems];
        DueBeforeUtc = dueBeforeUtc;
        StatusBefore = statusBefore;
    }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    public int Number { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public string RequestedBy { get; private set; }
    public string Reason { get; private set; }
    public List<string> MissingItems { get; private set; }
    public DossierStatus StatusBefore { get; private set; }
    public SupplementState State { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    /// <summary>NgayHenTraTruoc / NgayHenTraMoi: the due date before the pause and after it.</summary>
    public DateTime? DueBeforeUtc { get; private set; }
    public DateTime? DueAfterUtc { get; private set; }

    internal void Answer(DateTime atUtc, DateTime? newDueUtc)
    {
        State = SupplementState.Answered;
        AnsweredAtUtc = atUtc;
        DueAfterUtc = newDueUtc;
    }

    internal void Close(DateTime atUtc)
    {
        State = SupplementState.Closed;
        AnsweredAtUtc ??= atUtc;
    }
}

/// <summary>Kết quả giải quyết: a document issued for the dossier (numbered by the clerk).</summary>
public sealed class ResultDocument
{
    private ResultDocument() { Name = null!; }

    internal ResultDocument(string name, string? number, string? resultCode, bool isElectronic, DateTime issuedAtUtc, string issuedBy)
    {
        Id = Guid.CreateVersion7();
        Name = name;
        Number = number;
        ResultCode = resultCode;
        IsElectronic = isElectronic;
        IssuedAtUtc = issuedAtUtc;
        IssuedBy = issuedBy;
    }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    public string Name { get; private set; }
    /// <summary>Số, ký hiệu given by the clerk.</summary>
    public string? Number { get; private set; }
    /// <summary>MaGiayToKetQua, for reuse of the result later.</summary>
    public string? ResultCode { get; private set; }
    public bool IsElectronic { get; private set; }
    public DateTime IssuedAtUtc { get; private set; }
    public string IssuedBy { get; private set; } = "";
}

/// <summary>One step of the procedure's internal workflow as planned and carried out for this dossier.</summary>
public sealed class DossierStep
{
    private DossierStep() { Name = null!; }

    internal DossierStep(WorkflowStep step, DateTime dueAtUtc)
    {
        Id = Guid.CreateVersion7();
        Order = step.Order;
        Name = step.Name;
        Role = step.Role;
        Place = step.Place;
        OriginalDueAtUtc = dueAtUtc;
        DueAtUtc = dueAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    public int Order { get; private set; }
    public string Name { get; private set; }
    public OfficialRole Role { get; private set; }
    public WorkflowStepPlace Place { get; private set; }
    public Guid? UnitId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public DateTime OriginalDueAtUtc { get; private set; }
    public DateTime DueAtUtc { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }
    public string? CompletedBy { get; private set; }

    internal void Start(DateTime atUtc, Guid? unitId) { StartedAtUtc ??= atUtc; UnitId = unitId ?? UnitId; }
    internal void AssignTo(Guid officialId, string name) { AssigneeId = officialId; AssigneeName = name; }
    internal void Complete(DateTime atUtc, string by) { CompletedAtUtc = atUtc; CompletedBy = by; }
    internal void Reopen() { CompletedAtUtc = null; CompletedBy = null; }
    internal void MoveDue(DateTime dueUtc) => DueAtUtc = dueUtc;
}

/// <summary>A charge or fee owed, as computed from the pinned procedure version at reception.</summary>
public sealed class DossierFee
{
    private DossierFee() { Code = null!; Name = null!; Explanation = null!; }

    internal DossierFee(FeeLine line)
    {
        Id = Guid.CreateVersion7();
        Code = line.Code;
        Name = line.Name;
        Kind = line.Kind;
        Amount = line.Amount;
        Exempted = line.Exempted;
        Explanation = line.Explanation;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public FeeKind Kind { get; private set; }
    /// <summary>In đồng.</summary>
    public long Amount { get; private set; }
    public bool Exempted { get; private set; }
    public string Explanation { get; private set; }
}

/// <summary>How a payment reached us. The two online ones are the sync record's DuocThanhToanTrucTuyen 1 and 2.</summary>
public enum PaymentMethod
{
    /// <summary>Cash or card at the desk.</summary>
    Desk,
    /// <summary>Paid on the national portal's payment platform (DuocThanhToanTrucTuyen = 1).</summary>
    NationalPortal,
    /// <summary>Paid through the unit's own online gateway (DuocThanhToanTrucTuyen = 2).</summary>
    LocalGateway,
    /// <summary>Bank transfer confirmed by the unit.</summary>
    BankTransfer,
}

public sealed class DossierPayment
{
    private DossierPayment() { Reference = null!; RecordedBy = null!; }

    internal DossierPayment(long amount, PaymentMethod method, string reference, DateTime paidAtUtc, string recordedBy, Guid? paymentOrderId)
    {
        Id = Guid.CreateVersion7();
        PaymentOrderId = paymentOrderId;
        Amount = amount;
        Method = method;
        Reference = reference;
        PaidAtUtc = paidAtUtc;
        RecordedBy = recordedBy;
    }

    public Guid Id { get; private set; }
    public long Amount { get; private set; }
    public PaymentMethod Method { get; private set; }
    /// <summary>Receipt number or the gateway's transaction id: a repeated id is the same payment.</summary>
    public string Reference { get; private set; }
    public DateTime PaidAtUtc { get; private set; }
    public string RecordedBy { get; private set; }
    /// <summary>The payment order this entry credits (Features/Payments), unique: however many notices a gateway sends,
    /// even two at once, an order is credited once. Empty for entries older than the orders.</summary>
    public Guid? PaymentOrderId { get; private set; }
}

/// <summary>Thư xin lỗi và hẹn lại ngày trả (Form 04): at most one per dossier.</summary>
public sealed class Apology
{
    private Apology() { Reason = null!; IssuedBy = null!; }

    internal Apology(DateTime issuedAtUtc, string issuedBy, string reason, DateTime previousDueUtc, DateTime newDueUtc)
    {
        IssuedAtUtc = issuedAtUtc;
        IssuedBy = issuedBy;
        Reason = reason;
        PreviousDueUtc = previousDueUtc;
        NewDueUtc = newDueUtc;
    }

    public DateTime IssuedAtUtc { get; private set; }
    public string IssuedBy { get; private set; }
    public string Reason { get; private set; }
    public DateTime PreviousDueUtc { get; private set; }
    public DateTime NewDueUtc { get; private set; }
}

public enum ReturnMethod { Desk, Postal, Electronic }

/// <summary>Where the dossier stands with the national portal: every change makes it pending again; the sync
/// (to be built with the national-portal integration) must send it within 10 minutes of the change.</summary>
public enum SyncState { Pending, Synced, Failed }

/// <summary>Where a dossier in processing waits.</summary>
public enum ProcessingStage
{
    /// <summary>Handed to the unit; its head must assign a specialist.</summary>
    AwaitingAssignment,
    /// <summary>The specialist appraises and drafts the result.</summary>
    Appraisal,
    /// <summary>Waiting for another unit's opinion (liên thông).</summary>
    Coordinating,
    /// <summary>Trình ký: waiting for the leader.</summary>
    AwaitingApproval,
    /// <summary>Signed: waiting for the clerk to number and issue it.</summary>
    AwaitingIssuance,
}

public static class ProcessingStageText
{
    public static string DisplayName(this ProcessingStage stage) => stage switch
    {
        ProcessingStage.AwaitingAssignment => "Chờ phân công",
        ProcessingStage.Appraisal => "Thẩm định, dự thảo",
        ProcessingStage.Coordinating => "Chờ ý kiến phối hợp",
        ProcessingStage.AwaitingApproval => "Chờ lãnh đạo ký",
        ProcessingStage.AwaitingIssuance => "Chờ văn thư phát hành",
        _ => stage.ToString(),
    };
}

/// <summary>Lấy ý kiến phối hợp (liên thông): another unit's opinion, with its own deadline.</summary>
public sealed class Coordination
{
    private Coordination() { UnitName = null!; Question = null!; RequestedBy = null!; }

    internal Coordination(Guid unitId, string unitName, string question, DateTime requestedAtUtc, DateTime dueAtUtc, string requestedBy)
    {
        Id = Guid.CreateVersion7();
        UnitId = unitId;
        UnitName = unitName;
        Question = question;
        RequestedAtUtc = requestedAtUtc;
        DueAtUtc = dueAtUtc;
        RequestedBy = requestedBy;
    }

    public Guid Id { get; private set; }
    public Guid DossierId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitName { get; private set; }
    public string Question { get; private set; }
    public string RequestedBy { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public DateTime DueAtUtc { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public string? AnswerText { get; private set; }
    public string? AnsweredBy { get; private set; }

    internal void Answer(string text, string by, DateTime atUtc)
    {
        AnswerText = text;
        AnsweredBy = by;
        AnsweredAtUtc = atUtc;
    }

    internal void Cancel(DateTime atUtc) => Answer("Không cần trả lời: hồ sơ đã kết thúc.", "Hệ thống", atUtc);
}
