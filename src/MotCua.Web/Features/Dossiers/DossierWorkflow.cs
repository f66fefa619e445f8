using System.Linq.Expressions;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Everything that can be done to a dossier. Those that change the national status are also a
/// <see cref="DossierAction"/> (<see cref="DossierWorkflow.StatusAction"/>).</summary>
public enum DossierOperation
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
    /// <summary>A file for a component: scanned at the desk (digitizing), or uploaded by the applicant.</summary>
    AttachComponentFile,
    /// <summary>A paper sent on the open supplement request that is none of the components.</summary>
    AttachSupplementFile,
    AttachResultFile,
    ReuseComponent,
    RecordPayment,
    /// <summary>Chứng thực bản sao điện tử từ bản chính at the desk in one sitting: the desk official who compared the copy
    /// with the original certifies it, and the result (the certified copy) is issued at once (docs/adr/0033e).</summary>
    CertifyCopy,
}

/// <summary>Who the workflow lets act: the officials' roles, a unit asked for its opinion, the applicant and the
/// system (an integration such as a payment gateway).</summary>
public enum WorkflowRole
{
    DeskOfficial,
    Specialist,
    Leader,
    Clerk,
    StatisticsOffice,
    /// <summary>A specialist or leader of a unit asked for its opinion (liên thông): answers its own request only.</summary>
    ConsultedUnit,
    /// <summary>The applicant, or whoever submits for them (community digital team).</summary>
    Applicant,
    /// <summary>An integration acting on its own: payment gateway, national portal, scheduler.</summary>
    System,
}

/// <summary>Who asks "what may I do now": the workflow roles the person holds for this dossier (an official's roles
/// count only in the dossier's own units), and their id and unit for the rules that name a person or a unit.</summary>
public sealed record WorkflowActor(IReadOnlySet<WorkflowRole> Roles, Guid? OfficialId = null, Guid? UnitId = null)
{
    /// <summary>The person behind an operation, as the aggregate sees them: it checks the rows' guards, not the
    /// roles (those are checked where the person is authorized).</summary>
    public static WorkflowActor Of(Actor actor) => new(new HashSet<WorkflowRole>(), actor.Id, actor.UnitId);

    /// <summary>An official: <paramref name="rolesInDossierUnits"/> are the roles they hold, when the dossier is one
    /// of their units' (else none); a specialist or leader may still answer their own unit's coordination request.</summary>
    public static WorkflowActor Official(IEnumerable<OfficialRole> rolesHeld, bool dossierIsOurs, Guid? officialId, Guid? unitId)
    {
        var held = rolesHeld.ToList();
        var roles = new HashSet<WorkflowRole>();
        if (dossierIsOurs) roles.UnionWith(held.Select(DossierWorkflow.RoleOf).OfType<WorkflowRole>());
        if (held.Contains(OfficialRole.Specialist) || held.Contains(OfficialRole.Leader)) roles.Add(WorkflowRole.ConsultedUnit);
        return new WorkflowActor(roles, officialId, unitId);
    }
}

/// <summary>A condition of a row beyond status, stage and role, written once as an expression: compiled for the
/// aggregate and the office page, translated by EF for the lists. <see cref="Message"/> is what the aggregate
/// answers when it does not hold.</summary>
public sealed class WorkflowGuard
{
    private readonly Func<Dossier, WorkflowActor, bool> _compiled;

    private WorkflowGuard(string name, Expression<Func<Dossier, WorkflowActor, bool>> condition, Func<Dossier, string> message)
    {
        Name = name;
        Condition = condition;
        Message = message;
        _compiled = condition.Compile();
    }

    public string Name { get; }
    public Expression<Func<Dossier, WorkflowActor, bool>> Condition { get; }
    public Func<Dossier, string> Message { get; }

    public bool Holds(Dossier dossier, WorkflowActor who) => _compiled(dossier, who);

    public override string ToString() => Name;

    internal static WorkflowGuard Of(string name, Expression<Func<Dossier, WorkflowActor, bool>> condition, Func<Dossier, string> message) =>
        new(name, condition, message);
}

/// <summary>One row of the workflow: in this status and stage, this role may perform this operation, which leaves
/// the dossier in the target status and stage, provided every guard holds. <see cref="Status"/> null is a dossier
/// not created yet. <see cref="OnWorkList"/>: the operation is the step the dossier waits for from that role, so the
/// dossier is on the role's "my actions" list (the exceptional ones — withdraw, stop, transfer, payment — are not).</summary>
public sealed record WorkflowRow(
    DossierOperation Operation,
    DossierStatus? Status,
    ProcessingStage? Stage,
    WorkflowRole Role,
    DossierStatus ToStatus,
    ProcessingStage? ToStage,
    IReadOnlyList<WorkflowGuard> Guards,
    bool OnWorkList)
{
    public override string ToString() =>
        $"{Status?.ToString() ?? "∅"}/{Stage?.ToString() ?? "-"} {Role} {Operation} → {ToStatus}/{ToStage?.ToString() ?? "-"}"
        + (Guards.Count == 0 ? "" : $" [{string.Join(", ", Guards)}]");
}

/// <summary>The one workflow table of the dossier: the national statuses and the processing stages inside status 4
/// (and kept while the dossier waits in status 5 or 6), by role. The aggregate checks it, the office page offers what
/// it allows (<see cref="Dossier.AvailableOperations"/>), the "my actions" list is a query built from its rows, and
/// <see cref="DossierTransitions"/> is its projection on the national statuses.</summary>
public static class DossierWorkflow
{
    private static readonly ProcessingStage[] AllStages = Enum.GetValues<ProcessingStage>();

    // ---------------------------------------------------------------- guards

    public static readonly WorkflowGuard NoSupplementYet = WorkflowGuard.Of(nameof(NoSupplementYet),
        (d, _) => d.SupplementCount == 0,
        d => d.Supplements.MinBy(s => s.Number) is { } first
            ? $"Hồ sơ đã được yêu cầu bổ sung ngày {VietnamTime.FormatDate(first.RequestedAtUtc)} ({first.RequestedBy}); theo quy định chỉ yêu cầu bổ sung một lần, "
              + "đầy đủ mọi nội dung, và Bộ chỉ số 766 tính hồ sơ bị yêu cầu bổ sung lần thứ hai là trễ hạn. "
              + "Nếu hồ sơ không đủ điều kiện giải quyết, hãy trả lời bằng văn bản kết quả hoặc dừng xử lý."
            : "Hồ sơ đã được yêu cầu bổ sung; theo quy định chỉ yêu cầu bổ sung một lần.");

    public static readonly WorkflowGuard BeforeValidReception = WorkflowGuard.Of(nameof(BeforeValidReception),
        (d, _) => d.ReceivedAtUtc == null,
        _ => "Hồ sơ đã được tiếp nhận nên không thể từ chối tiếp nhận; nếu không đủ điều kiện giải quyết, hãy trả lời bằng văn bản kết quả.");

    private static WorkflowGuard SupplementAskedWhen(DossierStatus before) => WorkflowGuard.Of($"SupplementAskedWhen{before}",
        (d, _) => d.Supplements.Any(s => s.State == SupplementState.Open && s.StatusBefore == before),
        _ => $"Không thể {DossierAction.AnswerSupplement.DisplayName()}: không có yêu cầu bổ sung đang chờ.");

    public static readonly WorkflowGuard SupplementAskedBeforeReception = SupplementAskedWhen(DossierStatus.Submitted);
    public static readonly WorkflowGuard SupplementAskedAtReception = SupplementAskedWhen(DossierStatus.Received);

    public static readonly WorkflowGuard AskedOfActorUnit = WorkflowGuard.Of(nameof(AskedOfActorUnit),
        (d, who) => d.Coordinations.Any(c => c.AnsweredAtUtc == null && c.UnitId == who.UnitId),
        _ => "Không có đề nghị phối hợp đang chờ trả lời.");

    private static WorkflowGuard AssignedToActor(string what) => WorkflowGuard.Of(nameof(AssignedToActor),
        (d, who) => d.AssigneeId == null || d.AssigneeId == who.OfficialId,
        d => $"Chỉ {d.AssigneeName} (được phân công) mới được {what} hồ sơ này.");

    public static readonly WorkflowGuard AssignedToDraft = AssignedToActor("tải lên dự thảo kết quả");
    public static readonly WorkflowGuard AssignedToSubmit = AssignedToActor("trình ký");

    public static readonly WorkflowGuard FeesOutstanding = WorkflowGuard.Of(nameof(FeesOutstanding),
        (d, _) => d.Fees.Sum(f => f.Amount) > d.Payments.Sum(p => p.Amount),
        d => $"Số tiền vượt quá số phí, lệ phí còn phải nộp ({FeeCalculator.Money(d.FeesOwed - d.AmountPaid)}).");

    public static readonly WorkflowGuard HasComponents = WorkflowGuard.Of(nameof(HasComponents),
        (d, _) => d.Components.Any(),
        _ => "Không tìm thấy thành phần hồ sơ.");

    public static readonly WorkflowGuard HasDueDate = WorkflowGuard.Of(nameof(HasDueDate),
        (d, _) => d.DueAtUtc != null,
        d => ApologyRefusal(d));

    public static readonly WorkflowGuard NoApologyYet = WorkflowGuard.Of(nameof(NoApologyYet),
        (d, _) => d.Apology == null,
        d => $"Hồ sơ đã được xin lỗi và hẹn lại ngày trả một lần (ngày {Dossier.Vn(d.Apology!.NewDueUtc)}); theo quy định chỉ được hẹn lại một lần.");

    // ---------------------------------------------------------------- the table

    /// <summary>Every row, one per (status, stage, role, operation, target).</summary>
    public static readonly IReadOnlyList<WorkflowRow> Rows = Build();

    private static List<WorkflowRow> Build()
    {
        const WorkflowRole desk = WorkflowRole.DeskOfficial, specialist = WorkflowRole.Specialist, leader = WorkflowRole.Leader,
            clerk = WorkflowRole.Clerk, statistics = WorkflowRole.StatisticsOffice, consulted = WorkflowRole.ConsultedUnit,
            applicant = WorkflowRole.Applicant, system = WorkflowRole.System;
        const DossierStatus submitted = DossierStatus.Submitted, received = DossierStatus.Received, inProgress = DossierStatus.InProgress,
            supplement = DossierStatus.SupplementRequested, financial = DossierStatus.AwaitingFinancialObligation, decided = DossierStatus.Decided;
        var rows = new List<WorkflowRow>();

        void Add(DossierOperation op, WorkflowRole[] roles, IEnumerable<(DossierStatus?, ProcessingStage?)> from,
            Func<ProcessingStage?, (DossierStatus, ProcessingStage?)> to, WorkflowGuard[]? guards = null, bool work = false)
        {
            foreach (var (status, stage) in from)
                foreach (var role in roles)
                {
                    var (toStatus, toStage) = to(stage);
                    rows.Add(new WorkflowRow(op, status, stage, role, toStatus, toStage, guards ?? [], work));
                }
        }

        // Creation: online submission, valid reception or refusal at the desk or by post.
        Add(DossierOperation.Submit, [applicant], [(null, null)], _ => (submitted, null));
        Add(DossierOperation.Receive, [desk], [(null, null)], _ => (received, null));
        Add(DossierOperation.Refuse, [desk], [(null, null)], _ => (DossierStatus.Refused, null));

        // Reception of online dossiers. Refusal happens at reception only; later a negative answer is a result.
        Add(DossierOperation.Receive, [desk], At(submitted), _ => (received, null), work: true);
        Add(DossierOperation.Refuse, [desk], At(submitted), _ => (DossierStatus.Refused, null));
        Add(DossierOperation.Refuse, [desk], At(supplement), _ => (DossierStatus.Refused, null), [BeforeValidReception]);

        // One supplement request per dossier; the dossier keeps its stage while it waits, and goes back to it.
        Add(DossierOperation.RequestSupplement, [desk], At(submitted, received), _ => (supplement, null), [NoSupplementYet]);
        Add(DossierOperation.RequestSupplement, [specialist], Any(inProgress), s => (supplement, s), [NoSupplementYet]);
        Add(DossierOperation.AnswerSupplement, [desk, applicant], At(supplement), _ => (submitted, null), [SupplementAskedBeforeReception]);
        Add(DossierOperation.AnswerSupplement, [desk, applicant], At(supplement), _ => (received, null), [SupplementAskedAtReception]);
        Add(DossierOperation.AnswerSupplement, [desk, applicant], Staged(supplement), s => (inProgress, s));

        // Processing (status 4): awaiting assignment → appraisal ⇄ coordinating → awaiting approval → awaiting issuance.
        Add(DossierOperation.StartProcessing, [desk], At(received), _ => (inProgress, ProcessingStage.AwaitingAssignment), work: true);
        // Not while another unit's opinion is awaited (the coordinating stage): the answer would find nobody.
        Add(DossierOperation.Transfer, [desk, leader, specialist], At(received), _ => (received, null));
        Add(DossierOperation.Transfer, [desk, leader, specialist],
            In(ProcessingStage.AwaitingAssignment, ProcessingStage.Appraisal, ProcessingStage.AwaitingApproval, ProcessingStage.AwaitingIssuance),
            _ => (inProgress, ProcessingStage.AwaitingAssignment));
        Add(DossierOperation.Assign, [leader], In(ProcessingStage.AwaitingAssignment), _ => (inProgress, ProcessingStage.Appraisal), work: true);
        Add(DossierOperation.Assign, [leader], In(ProcessingStage.Appraisal, ProcessingStage.Coordinating), s => (inProgress, s));
        Add(DossierOperation.RequestCoordination, [specialist], In(ProcessingStage.Appraisal), _ => (inProgress, ProcessingStage.Coordinating));
        // A request is made only at the appraisal and moves it on, so one is open at a time: its answer ends the wait.
        Add(DossierOperation.AnswerCoordination, [consulted], In(ProcessingStage.Coordinating), _ => (inProgress, ProcessingStage.Appraisal),
            [AskedOfActorUnit]);
        Add(DossierOperation.AttachDraft, [specialist], In(ProcessingStage.Appraisal), s => (inProgress, s), [AssignedToDraft], work: true);
        Add(DossierOperation.SubmitForApproval, [specialist], In(ProcessingStage.Appraisal), _ => (inProgress, ProcessingStage.AwaitingApproval),
            [AssignedToSubmit], work: true);
        Add(DossierOperation.Approve, [leader], In(ProcessingStage.AwaitingApproval), _ => (inProgress, ProcessingStage.AwaitingIssuance), work: true);
        Add(DossierOperation.SendBack, [leader], In(ProcessingStage.AwaitingApproval), _ => (inProgress, ProcessingStage.Appraisal), work: true);
        Add(DossierOperation.Decide, [clerk], In(ProcessingStage.AwaitingIssuance), _ => (decided, null), work: true);
        // A copy certified at the desk in one sitting (docs/adr/0033e): handed to the commune and issued by the certifying
        // desk official at once; the use case checks that the procedure is a certification of copies.
        Add(DossierOperation.CertifyCopy, [desk], In(ProcessingStage.AwaitingAssignment), _ => (decided, null));

        // The financial obligation: the specialist asks, the desk, the specialist or a payment gateway confirms.
        Add(DossierOperation.RequestFinancialObligation, [specialist], Any(inProgress), s => (financial, s));
        Add(DossierOperation.FulfilFinancialObligation, [desk, specialist, system], Any(financial), s => (inProgress, s));

        Add(DossierOperation.ReturnResult, [desk], At(decided), _ => (DossierStatus.Returned, null), work: true);

        // At the applicant's request, while no result has been issued; a stop as the law requires.
        Add(DossierOperation.Withdraw, [desk, leader, applicant], [.. At(submitted, received), .. Any(inProgress), .. Any(supplement), .. Any(financial)],
            _ => (DossierStatus.Withdrawn, null));
        Add(DossierOperation.Stop, [leader], [.. At(received), .. Any(inProgress), .. Any(supplement), .. Any(financial)], _ => (DossierStatus.Stopped, null));
        Add(DossierOperation.Apologize, [leader, statistics], [.. At(received), .. Any(inProgress), .. Any(supplement), .. Any(financial)], s => (default, s),
            [HasDueDate, NoApologyYet]);

        // Files, reuse and fees: on any dossier not yet ended, without changing where it is.
        var open = Enum.GetValues<DossierStatus>().Where(s => !s.IsTerminal()).SelectMany(Any).ToList();
        Add(DossierOperation.AttachComponentFile, [desk], open, s => (default, s), [HasComponents]);
        Add(DossierOperation.AttachComponentFile, [applicant], [.. At(submitted), .. Any(supplement)], s => (default, s));
        Add(DossierOperation.AttachSupplementFile, [applicant], Any(supplement), s => (supplement, s));
        Add(DossierOperation.ReuseComponent, [desk], open, s => (default, s));
        Add(DossierOperation.ReuseComponent, [applicant], At(submitted), _ => (submitted, null));
        Add(DossierOperation.RecordPayment, [desk, system], open, s => (default, s), [FeesOutstanding]);
        // An electronic copy of a paper result may be digitized after the return too (Circular 01/2023).
        Add(DossierOperation.AttachResultFile, [clerk, desk], At(decided, DossierStatus.Returned), _ => (default, null));

        // "default" above stands for "the status it is in": operations that record without moving the dossier.
        return [.. rows.Select(r => r.ToStatus == default ? r with { ToStatus = r.Status!.Value } : r)];
    }

    /// <summary>The stages a dossier can be in while in <paramref name="status"/>: status 4 is always at a stage,
    /// 5 and 6 keep the stage they were asked at (none for a supplement asked before processing).</summary>
    public static IReadOnlyList<ProcessingStage?> StagesOf(DossierStatus status) => status switch
    {
        DossierStatus.InProgress or DossierStatus.AwaitingFinancialObligation => [.. AllStages.Select(s => (ProcessingStage?)s)],
        DossierStatus.SupplementRequested => [null, .. AllStages.Select(s => (ProcessingStage?)s)],
        _ => [null],
    };

    private static IEnumerable<(DossierStatus?, ProcessingStage?)> At(params DossierStatus[] statuses) =>
        statuses.Select(s => ((DossierStatus?)s, (ProcessingStage?)null));

    private static IEnumerable<(DossierStatus?, ProcessingStage?)> Any(DossierStatus status) =>
        StagesOf(status).Select(s => ((DossierStatus?)status, s));

    private static IEnumerable<(DossierStatus?, ProcessingStage?)> Staged(DossierStatus status) =>
        Any(status).Where(x => x.Item2 is not null);

    private static IEnumerable<(DossierStatus?, ProcessingStage?)> In(params ProcessingStage[] stages) =>
        stages.Select(s => ((DossierStatus?)DossierStatus.InProgress, (ProcessingStage?)s));

    // ---------------------------------------------------------------- reading the table

    public static WorkflowRole? RoleOf(OfficialRole role) => role switch
    {
        OfficialRole.DeskOfficial => WorkflowRole.DeskOfficial,
        OfficialRole.Specialist => WorkflowRole.Specialist,
        OfficialRole.Leader => WorkflowRole.Leader,
        OfficialRole.Clerk => WorkflowRole.Clerk,
        OfficialRole.StatisticsOffice => WorkflowRole.StatisticsOffice,
        _ => null,
    };

    /// <summary>The national-status action an operation is, if it changes the status (<see cref="DossierTransitions"/>).</summary>
    public static DossierAction? StatusAction(DossierOperation op) => op switch
    {
        DossierOperation.Submit => DossierAction.Submit,
        DossierOperation.Receive => DossierAction.Receive,
        DossierOperation.Refuse => DossierAction.Refuse,
        DossierOperation.RequestSupplement => DossierAction.RequestSupplement,
        DossierOperation.AnswerSupplement => DossierAction.AnswerSupplement,
        DossierOperation.StartProcessing => DossierAction.StartProcessing,
        DossierOperation.RequestFinancialObligation => DossierAction.RequestFinancialObligation,
        DossierOperation.FulfilFinancialObligation => DossierAction.FulfilFinancialObligation,
        DossierOperation.Decide or DossierOperation.CertifyCopy => DossierAction.Decide,
        DossierOperation.ReturnResult => DossierAction.ReturnResult,
        DossierOperation.Withdraw => DossierAction.Withdraw,
        DossierOperation.Stop => DossierAction.Stop,
        _ => null,
    };

    /// <summary>What the history records for an operation.</summary>
    public static DossierEventKind EventKindOf(DossierOperation op) => op switch
    {
        DossierOperation.AttachComponentFile or DossierOperation.AttachSupplementFile => DossierEventKind.AttachFile,
        DossierOperation.AttachResultFile => DossierEventKind.AttachResult,
        DossierOperation.RecordPayment => DossierEventKind.Payment,
        // The national status change it is: the result issued.
        DossierOperation.CertifyCopy => DossierEventKind.Decide,
        _ => Enum.Parse<DossierEventKind>(op.ToString()),
    };

    /// <summary>The rows of an operation from where the dossier is, whatever the role.</summary>
    public static IReadOnlyList<WorkflowRow> RowsAt(DossierOperation op, DossierStatus? status, ProcessingStage? stage) =>
        [.. Rows.Where(r => r.Operation == op && r.Status == status && r.Stage == stage)];

    /// <summary>The rows of an operation that starts a dossier.</summary>
    public static WorkflowRow Creation(DossierOperation op) => Rows.First(r => r.Operation == op && r.Status is null);

    /// <summary>Whether a row's guards all hold (in memory).</summary>
    public static bool Holds(WorkflowRow row, Dossier dossier, WorkflowActor who) => row.Guards.All(g => g.Holds(dossier, who));

    /// <summary>"Is the dossier waiting for this person": the rows on the work list for the person's roles, as one
    /// expression EF translates (status, stage and each row's guard, with the person's id and unit as parameters).</summary>
    public static Expression<Func<Dossier, bool>> AwaitingAction(WorkflowActor who) =>
        Matching(who, Rows.Where(r => r.OnWorkList));

    /// <summary>"Can this person do anything on the dossier", as one expression.</summary>
    public static Expression<Func<Dossier, bool>> AnyAvailable(WorkflowActor who) => Matching(who, Rows);

    private static Expression<Func<Dossier, bool>> Matching(WorkflowActor who, IEnumerable<WorkflowRow> rows)
    {
        ArgumentNullException.ThrowIfNull(who);
        var d = Expression.Parameter(typeof(Dossier), "d");
        // A closure rather than a constant, so that EF sends the person's id and unit as parameters.
        var person = Expression.Property(Expression.Constant(new Holder(who)), nameof(Holder.Who));
        Expression? any = null;
        var statuses = new HashSet<DossierStatus>();
        foreach (var row in rows.Where(r => r.Status is not null && who.Roles.Contains(r.Role)))
        {
            statuses.Add(row.Status!.Value);
            Expression match = Expression.AndAlso(
                Expression.Equal(Expression.Property(d, nameof(Dossier.Status)), Expression.Constant(row.Status!.Value)),
                Expression.Equal(Expression.Property(d, nameof(Dossier.Stage)), Expression.Constant(row.Stage, typeof(ProcessingStage?))));
            foreach (var guard in row.Guards)
                match = Expression.AndAlso(match, new Substitute(guard.Condition.Parameters[0], d, guard.Condition.Parameters[1], person).Visit(guard.Condition.Body));
            any = any is null ? match : Expression.OrElse(any, match);
        }
        if (any is null) return Expression.Lambda<Func<Dossier, bool>>(Expression.Constant(false), d);
        // The statuses first, as a plain list of equalities: the status indexes (and the desk list's partial index)
        // still serve the query.
        var inStatus = statuses.Order()
            .Select(s => (Expression)Expression.Equal(Expression.Property(d, nameof(Dossier.Status)), Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Dossier, bool>>(Expression.AndAlso(inStatus, any), d);
    }

    private sealed class Holder(WorkflowActor who)
    {
        public WorkflowActor Who { get; } = who;
    }

    private sealed class Substitute(ParameterExpression dossier, Expression forDossier, ParameterExpression person, Expression forPerson) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == dossier ? forDossier : node == person ? forPerson : base.VisitParameter(node);
    }

    // ---------------------------------------------------------------- refusals

    /// <summary>What the aggregate answers when no row of the operation starts where the dossier is: the words the
    /// office has always read for each operation.</summary>
    public static string Refusal(DossierOperation op, Dossier d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return op switch
        {
            DossierOperation.Transfer when d.Status == DossierStatus.InProgress => "Hồ sơ đang chờ ý kiến phối hợp; hãy nhận ý kiến trước khi chuyển.",
            DossierOperation.Transfer => $"Chỉ chuyển được hồ sơ đã tiếp nhận hoặc đang xử lý (trạng thái hiện tại: {d.Status.DisplayName()}).",
            DossierOperation.Assign => NotInProgress(d, "phân công xử lý") ?? "Hồ sơ đã trình ký; chỉ phân công lại khi lãnh đạo trả lại hồ sơ.",
            DossierOperation.RequestCoordination => AtStage(d, "lấy ý kiến phối hợp", ProcessingStage.Appraisal),
            DossierOperation.AnswerCoordination => NotInProgress(d, "trả lời phối hợp") ?? "Không có đề nghị phối hợp đang chờ trả lời.",
            DossierOperation.AttachDraft => AtStage(d, "tải lên dự thảo kết quả", ProcessingStage.Appraisal),
            DossierOperation.SubmitForApproval => AtStage(d, "trình ký", ProcessingStage.Appraisal),
            DossierOperation.Approve => AtStage(d, "phê duyệt", ProcessingStage.AwaitingApproval),
            DossierOperation.SendBack => AtStage(d, "trả lại hồ sơ", ProcessingStage.AwaitingApproval),
            // A supplement asked during processing: the dossier was received long ago.
            DossierOperation.Refuse when d.Status == DossierStatus.SupplementRequested => BeforeValidReception.Message(d),
            DossierOperation.Decide when d.Status == DossierStatus.InProgress => "Kết quả chỉ được phát hành sau khi lãnh đạo phê duyệt.",
            DossierOperation.Apologize => ApologyRefusal(d),
            DossierOperation.AttachComponentFile or DossierOperation.ReuseComponent or DossierOperation.RecordPayment =>
                $"Hồ sơ đã kết thúc ({d.Status.DisplayName()}); không thể thay đổi.",
            DossierOperation.AttachSupplementFile => "Hồ sơ không có yêu cầu bổ sung đang chờ trả lời; hãy đính kèm tệp vào thành phần hồ sơ tương ứng.",
            DossierOperation.AttachResultFile => "Không tìm thấy kết quả giải quyết.",
            _ when StatusAction(op) is { } action => $"Không thể {action.DisplayName()} khi hồ sơ ở trạng thái \"{d.Status.DisplayName()}\".",
            _ => $"Không thể thực hiện thao tác khi hồ sơ ở trạng thái \"{d.Status.DisplayName()}\".",
        };
    }

    private static string ApologyRefusal(Dossier d) =>
        $"Chỉ gửi thư xin lỗi, hẹn lại ngày trả cho hồ sơ đang giải quyết (trạng thái hiện tại: {d.Status.DisplayName()}).";

    private static string? NotInProgress(Dossier d, string what) =>
        d.Status != DossierStatus.InProgress ? $"Chỉ {what} khi hồ sơ đang xử lý (trạng thái hiện tại: {d.Status.DisplayName()})." : null;

    private static string AtStage(Dossier d, string what, ProcessingStage stage) =>
        NotInProgress(d, what)
        ?? $"Không thể {what}: hồ sơ đang ở bước \"{d.Stage?.DisplayName() ?? "chưa bắt đầu"}\", cần ở bước \"{stage.DisplayName()}\".";
}
