using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Hồ sơ: one application, owning its lifecycle. Every change goes through a method here that checks
/// <see cref="DossierWorkflow"/> (status, stage, the row's guards) and the business rules, moves the dossier where the
/// row says, and writes one <see cref="DossierEvent"/>.</summary>
public sealed partial class Dossier
{
    private readonly List<DossierEvent> _history = [];
    private readonly List<DossierComponent> _components = [];
    private readonly List<DossierFile> _files = [];
    private readonly List<SupplementRequest> _supplements = [];
    private readonly List<ResultDocument> _results = [];
    private readonly List<DossierStep> _steps = [];
    private readonly List<DossierFee> _fees = [];
    private readonly List<DossierPayment> _payments = [];
    private readonly List<Coordination> _coordinations = [];

    private Dossier() { LookupCode = null!; Applicant = null!; Summary = null!; }

    public Guid Id { get; private set; }
    /// <summary>Mã hồ sơ: agency code + YYMMDD + daily sequence. Given at valid reception, or at submission
    /// for online dossiers (the citizen needs it to follow the dossier).</summary>
    public string? Code { get; private set; }
    /// <summary>Printed on the receipt beside the code: code + lookup code open the public tracking page.</summary>
    public string LookupCode { get; private set; }
    public Guid ProcedureId { get; private set; }
    /// <summary>The procedure version the dossier was received under: its fees, components and time rules.</summary>
    public Guid ProcedureVersionId { get; private set; }
    /// <summary>Where the applicant handed it in (may differ from the competent unit: cross-boundary reception).</summary>
    public Guid ReceivingUnitId { get; private set; }
    public Guid CompetentUnitId { get; private set; }
    /// <summary>The unit that holds the dossier now.</summary>
    public Guid CurrentUnitId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public Channel Channel { get; private set; }
    /// <summary>Level of the online service the dossier was submitted through (None for desk and post).</summary>
    public OnlineLevel SubmissionLevel { get; private set; }
    public DossierStatus Status { get; private set; }
    public Applicant Applicant { get; private set; }
    /// <summary>Trích yếu: what is asked for, in a line.</summary>
    public string Summary { get; private set; }
    /// <summary>The e-form as submitted (JSON object of field key → value).</summary>
    public string? FormData { get; private set; }
    /// <summary>The applicant's identity was checked (<see cref="IdentityCheck"/> says how); 766 indicator 6.6 counts it.</summary>
    public bool IdentityVerified { get; private set; }
    /// <summary>How the identity was checked: only <see cref="Dossiers.IdentityCheck.ElectronicIdentity"/> is sent as
    /// TaiKhoanDuocXacThucVoiVNeID (docs/adr/0033c).</summary>
    public IdentityCheck IdentityCheck { get; private set; }
    public int Sets { get; private set; } = 1;

    /// <summary>The portal account the dossier belongs to ("hồ sơ của tôi"); null for desk and postal dossiers of
    /// applicants without an account.</summary>
    public Guid? CitizenAccountId { get; private set; }
    /// <summary>A member of the community digital team (Tổ công nghệ số cộng đồng) who submitted on the applicant's behalf.</summary>
    public Guid? AssistedById { get; private set; }
    public string? AssistedByName { get; private set; }
    /// <summary>The key of the online submission (the draft's id), or of the desk reception (<see cref="ReceptionKey"/>):
    /// a repeated submit of the same draft, or a repeated reception, finds this dossier instead of making a second one.</summary>
    public Guid? SubmissionKey { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }
    /// <summary>Postmark of a postal submission.</summary>
    public DateTime? PostmarkAtUtc { get; private set; }
    /// <summary>Valid reception: the legal clock starts here.</summary>
    public DateTime? ReceivedAtUtc { get; private set; }
    /// <summary>The due date given at reception; never moves.</summary>
    public DateTime? OriginalDueAtUtc { get; private set; }
    /// <summary>NgayHenTra, the legal due date lateness is judged against (<see cref="Timeliness"/>): moved only by the
    /// time the applicant took to answer a supplement request. An apology does not move it; its new date is kept on
    /// the <see cref="Apology"/> and is what the applicant is told (<see cref="PromisedDueAtUtc"/>).</summary>
    public DateTime? DueAtUtc { get; private set; }
    /// <summary>NgayKetThucXuLy: when a terminal processing status was reached.</summary>
    public DateTime? ProcessingEndedAtUtc { get; private set; }
    public DateTime? ReturnedAtUtc { get; private set; }
    public DateTime? RefusedAtUtc { get; private set; }
    public ReturnMethod? ReturnMethod { get; private set; }
    /// <summary>Who took the result at the desk (the register's signature column).</summary>
    public string? ReceivedResultBy { get; private set; }
    public Apology? Apology { get; private set; }
    public int SupplementCount { get; private set; }

    /// <summary>The date the applicant is told: the apology's new date, or the legal due date.</summary>
    public DateTime? PromisedDueAtUtc => Timeliness.PromisedDue(DueAtUtc, Apology?.NewDueUtc);

    /// <summary>When the open supplement request was made, while the dossier waits for the applicant.</summary>
    public DateTime? PausedAtUtc => Status == DossierStatus.SupplementRequested
        ? _supplements.Where(s => s.State == SupplementState.Open).Select(s => (DateTime?)s.RequestedAtUtc).FirstOrDefault()
        : null;

    public SyncState SyncState { get; private set; }
    public DateTime? SyncedAtUtc { get; private set; }
    /// <summary>DSKetNoiCSDL: the national databases (their MaCSDL codes) the dossier's data was checked against or
    /// taken from, such as the population database; 766 indicators 6.6 and 6.7 count them.</summary>
    public List<string> ConnectedDatabases { get; private set; } = [];
    /// <summary>When the dossier came in from another system's sync records rather than being handled here; null for
    /// dossiers handled here. Imported dossiers count in every list, report and score like the others.</summary>
    public DateTime? ImportedAtUtc { get; private set; }
    /// <summary>Incremented by every change: the optimistic concurrency token, so two officials acting at once
    /// cannot silently overwrite each other.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<DossierEvent> History => _history;
    public IReadOnlyList<DossierComponent> Components => _components;
    public IReadOnlyList<DossierFile> Files => _files;
    public IReadOnlyList<SupplementRequest> Supplements => _supplements;
    public IReadOnlyList<ResultDocument> Results => _results;
    public IReadOnlyList<DossierStep> Steps => _steps;
    public IReadOnlyList<DossierFee> Fees => _fees;
    public IReadOnlyList<DossierPayment> Payments => _payments;

    public long FeesOwed => _fees.Sum(f => f.Amount);
    public long AmountPaid => _payments.Sum(p => p.Amount);

    /// <summary>DuocThanhToanTrucTuyen: 1 paid on the national portal, 2 through the local gateway, 0 otherwise.</summary>
    public int OnlinePaymentKind =>
        _payments.Any(p => p.Method == PaymentMethod.NationalPortal) ? 1
        : _payments.Any(p => p.Method == PaymentMethod.LocalGateway) ? 2
        : 0;

    /// <summary>Time was lost waiting for the applicant; the national score counts more than one request as late.</summary>
    public bool HasOpenSupplement => _supplements.Any(s => s.State == SupplementState.Open);

    // ---------------------------------------------------------------- creation

    /// <summary>What every new dossier needs, whatever the channel.</summary>
    public sealed record Intake(
        Guid Id,
        ProcedureVersion Version,
        Guid ReceivingUnitId,
        Guid CompetentUnitId,
        Applicant Applicant,
        string Summary,
        IReadOnlyList<DossierComponent> Components,
        IReadOnlyList<FeeLine> Fees,
        string LookupCode,
        string? FormData = null,
        int Sets = 1,
        IdentityCheck Identity = IdentityCheck.None,
        string? FeeExemption = null,
        /// <summary>The national databases the intake's data was checked against or taken from (MaCSDL codes).</summary>
        IReadOnlyList<string>? ConnectedDatabases = null);

    /// <summary>Who is behind an online submission: the key that makes it idempotent, the applicant's account, and
    /// whether the actor is a community digital team member submitting on the applicant's behalf (both are recorded).</summary>
    public sealed record OnlineSubmission(Guid Key, Guid? CitizenAccountId, bool Assisted = false);

    /// <summary>Online submission (status 1): waits for an official to check and receive it.</summary>
    public static Dossier Submit(Intake intake, string code, OnlineLevel level, Actor actor, DateTime nowUtc, OnlineSubmission? submission = null)
    {
        if (intake.Version.OnlineLevel == OnlineLevel.None)
            throw new DomainException("Thủ tục này chưa cung cấp dịch vụ công trực tuyến; vui lòng nộp hồ sơ trực tiếp hoặc qua bưu chính.");
        if (level == OnlineLevel.None || level > intake.Version.OnlineLevel)
            throw new DomainException("Mức độ trực tuyến của hồ sơ không phù hợp với thủ tục.");
        var dossier = Create(intake, Channel.Online, level);
        dossier.Code = code;
        dossier.SubmittedAtUtc = nowUtc;
        dossier.SubmissionKey = submission?.Key;
        dossier.CitizenAccountId = submission?.CitizenAccountId;
        var what = $"Nộp hồ sơ trực tuyến ({level.DisplayName()})";
        if (submission is { Assisted: true })
        {
            dossier.AssistedById = actor.Id;
            dossier.AssistedByName = actor.Name;
            what += $", {actor.Name} (Tổ công nghệ số cộng đồng) nộp thay cho {intake.Applicant.FullName}";
        }
        what += PopulationDataNote(intake);
        // An exemption declared by the applicant is kept with its evidence, in the applicant's name, for the desk to check.
        dossier.Apply(DossierWorkflow.Creation(DossierOperation.Submit), actor, nowUtc, what, intake.FeeExemption);
        return dossier;
    }

    /// <summary>Valid reception at the desk or by post (status 2): code, due date and workflow plan at once.</summary>
    /// <param name="receptionKey">The request's idempotency key (<see cref="ReceptionKey"/>), kept where the portal keeps its own.</param>
    /// <param name="reason">Why the reception departs from a rule (a paper not scanned where the rule asks for it).</param>
    public static Dossier ReceiveInPerson(Intake intake, Channel channel, string code, DateTime? postmarkUtc, WorkingCalendar calendar, Actor actor, DateTime nowUtc,
        Guid? receptionKey = null, string? reason = null)
    {
        if (channel == Channel.Online) throw new ArgumentException("Online dossiers are submitted, then received.", nameof(channel));
        if (intake.Version.OnlineOnlyPilot)
            throw new DomainException("Thủ tục này thuộc danh mục chỉ tiếp nhận trực tuyến; hãy hướng dẫn người dân nộp trực tuyến (có thể nhờ Tổ công nghệ số cộng đồng hỗ trợ).");
        if (channel == Channel.Postal && postmarkUtc is null)
            throw new DomainException("Hồ sơ qua bưu chính phải có ngày trên dấu bưu điện.");
        if (postmarkUtc > nowUtc) throw new DomainException("Ngày trên dấu bưu điện không thể sau thời điểm tiếp nhận.");
        var dossier = Create(intake, channel, OnlineLevel.None);
        dossier.Code = code;
        dossier.SubmittedAtUtc = postmarkUtc ?? nowUtc;
        dossier.PostmarkAtUtc = postmarkUtc;
        dossier.SubmissionKey = receptionKey;
        dossier.StartClock(calendar, intake.Version, nowUtc);
        dossier.Apply(DossierWorkflow.Creation(DossierOperation.Receive), actor, nowUtc,
            $"Tiếp nhận hồ sơ {(channel == Channel.Desk ? "trực tiếp" : "qua bưu chính")}, hẹn trả {Vn(dossier.DueAtUtc!.Value)}{IdentityNote(intake)}",
            Joined(reason, intake.FeeExemption));
        return dossier;
    }

    /// <summary>What the desk's check of identity and the population data gave, in the reception's description.</summary>
    private static string IdentityNote(Intake intake)
    {
        if (intake.Identity != IdentityCheck.PopulationDatabase) return "";
        return "; đã xác thực danh tính qua Cơ sở dữ liệu quốc gia về dân cư" + PopulationDataNote(intake);
    }

    /// <summary>The components the population data supplied (the desk's lookup, or the citizen's own record for a draft).</summary>
    private static string PopulationDataNote(Intake intake)
    {
        var supplied = intake.Components.Where(c => c.FromPopulationDatabase).Select(c => c.Name).ToList();
        return supplied.Count == 0 ? "" : $"; lấy từ Cơ sở dữ liệu quốc gia về dân cư: {string.Join("; ", supplied)}";
    }

    /// <summary>A reception's reasons (a paper not scanned, a fee exempted) in the one reason column of its history entry.</summary>
    private static string? Joined(params string?[] reasons)
    {
        var text = string.Join(" ", reasons.Where(r => !string.IsNullOrEmpty(r)));
        if (text.Length == 0) return null;
        return text.Length <= InputLimits.Reason ? text : text[..InputLimits.Reason];
    }

    /// <summary>Refusal at the desk (Form 03): recorded so the applicant gets a refusal slip with a reason.</summary>
    public static Dossier RefuseInPerson(Intake intake, Channel channel, string code, string reason, Actor actor, DateTime nowUtc, DateTime? postmarkUtc = null)
    {
        if (channel == Channel.Online) throw new ArgumentException("Online dossiers are submitted, then refused.", nameof(channel));
        if (postmarkUtc > nowUtc) throw new DomainException("Ngày trên dấu bưu điện không thể sau thời điểm tiếp nhận.");
        var dossier = Create(intake, channel, OnlineLevel.None);
        dossier.Code = code;
        dossier.SubmittedAtUtc = channel == Channel.Postal && postmarkUtc is { } posted ? posted : nowUtc;
        dossier.PostmarkAtUtc = channel == Channel.Postal ? postmarkUtc : null;
        dossier.RefusedAtUtc = nowUtc;
        dossier.ProcessingEndedAtUtc = nowUtc;
        dossier.Apply(DossierWorkflow.Creation(DossierOperation.Refuse), actor, nowUtc, "Từ chối tiếp nhận hồ sơ", Required(reason, "lý do từ chối"));
        return dossier;
    }

    private static Dossier Create(Intake intake, Channel channel, OnlineLevel level)
    {
        var summary = Text.NormalizeOrNull(intake.Summary) ?? intake.Version.Content.Name;
        if (summary.Length > 1000) throw new DomainException("Trích yếu hồ sơ quá dài (tối đa 1000 ký tự).");
        if (intake.Sets is < 1 or > 100) throw new DomainException("Số bộ hồ sơ phải từ 1 đến 100.");
        var dossier = new Dossier
        {
            Id = intake.Id,
            LookupCode = intake.LookupCode,
            ProcedureId = intake.Version.ProcedureId,
            ProcedureVersionId = intake.Version.Id,
            ReceivingUnitId = intake.ReceivingUnitId,
            CompetentUnitId = intake.CompetentUnitId,
            CurrentUnitId = intake.ReceivingUnitId,
            Channel = channel,
            SubmissionLevel = level,
            Applicant = intake.Applicant,
            Summary = summary,
            FormData = intake.FormData,
            Sets = intake.Sets,
            IdentityVerified = intake.Identity != IdentityCheck.None,
            IdentityCheck = intake.Identity,
            ConnectedDatabases = [.. (intake.ConnectedDatabases ?? []).Distinct(StringComparer.Ordinal)],
        };
        dossier._components.AddRange(intake.Components);
        dossier._fees.AddRange(intake.Fees.Select(f => new DossierFee(f)));
        return dossier;
    }

    // ---------------------------------------------------------------- reception of online dossiers

    public void Receive(ProcedureVersion version, WorkingCalendar calendar, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.Receive, actor);
        if (version.Id != ProcedureVersionId) throw new ArgumentException("Wrong procedure version for this dossier.", nameof(version));
        StartClock(calendar, version, nowUtc);
        Apply(row, actor, nowUtc, $"Tiếp nhận hồ sơ trực tuyến, hẹn trả {Vn(DueAtUtc!.Value)}", null);
    }

    public void Refuse(string reason, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.Refuse, actor);
        RefusedAtUtc = nowUtc;
        ProcessingEndedAtUtc = nowUtc;
        CloseOpenSupplement(nowUtc);
        Apply(row, actor, nowUtc, "Từ chối tiếp nhận hồ sơ", Required(reason, "lý do từ chối"));
    }

    private void StartClock(WorkingCalendar calendar, ProcedureVersion version, DateTime nowUtc)
    {
        ReceivedAtUtc = nowUtc;
        var content = version.Content;
        DueAtUtc = OriginalDueAtUtc = calendar.DueAt(nowUtc, content.LegalTime, content.Cutoff);
        // Per-step due dates chain from the clock start; they guide the handlers, the overall date binds,
        // so no step is due after the dossier itself.
        var at = calendar.ClockStart(nowUtc, content.Cutoff);
        foreach (var step in content.Workflow.OrderBy(s => s.Order))
        {
            at = calendar.DueAt(at, step.Budget, null);
            _steps.Add(new DossierStep(step, at < DueAtUtc ? at : DueAtUtc.Value));
        }
        _steps.FirstOrDefault()?.Start(nowUtc, ReceivingUnitId);
    }

    // ---------------------------------------------------------------- supplements

    /// <summary>Asks the applicant for everything missing at once (Form 02). The clock stops until answered. Once per
    /// dossier: the law asks for one complete request, and the 766 index counts a dossier asked twice as late, so a
    /// second request (at reception or in processing alike) is refused rather than used to stop the clock again.</summary>
    public void RequestSupplement(string reason, IReadOnlyList<string> missingItems, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.RequestSupplement, actor);
        var items = missingItems.Select(Text.NormalizeOrNull).OfType<string>().ToList();
        if (items.Count == 0) throw new DomainException("Phải liệt kê đầy đủ các giấy tờ, nội dung cần bổ sung (hướng dẫn một lần).");
        var why = Required(reason, "lý do yêu cầu bổ sung");
        SupplementCount++;
        _supplements.Add(new SupplementRequest(SupplementCount, nowUtc, actor, why, items, DueAtUtc, Status));
        // The clock stops at the request, so a dossier already overdue stays late while it waits.
        var overdue = DueAtUtc is { } due && nowUtc > due ? $" (hồ sơ đã quá hạn giải quyết {Vn(due)}: vẫn tính là trễ hạn)" : "";
        Apply(row, actor, nowUtc,
            $"Yêu cầu bổ sung: {string.Join("; ", items)}{overdue}", why);
    }

    /// <summary>The applicant supplied what was asked. The clock resumes with the working time that was left.</summary>
    public void AnswerSupplement(string? note, WorkingCalendar calendar, Actor actor, DateTime nowUtc)
    {
        // The row the open request's status picks: the dossier goes back to where it was when asked.
        var row = Require(DossierOperation.AnswerSupplement, actor);
        var open = _supplements.Single(s => s.State == SupplementState.Open);
        var what = "Đã bổ sung hồ sơ";
        if (DueAtUtc is { } due)
        {
            // A dossier already overdue when asked gets no time back: the pause does not hide the delay (766, 2.1).
            if (open.RequestedAtUtc < due)
            {
                var left = calendar.WorkingTimeBetween(open.RequestedAtUtc, due, []);
                DueAtUtc = calendar.AddWorkingTime(nowUtc, left);
                foreach (var step in _steps.Where(s => s.CompletedAtUtc is null))
                    step.MoveDue(calendar.AddWorkingTime(nowUtc, calendar.WorkingTimeBetween(open.RequestedAtUtc, step.DueAtUtc, [])));
                what += $", hẹn trả mới {Vn(PromisedDueAtUtc!.Value)}";
            }
            else
            {
                what += $"; hồ sơ đã quá hạn giải quyết {Vn(due)} khi yêu cầu bổ sung nên không được tính thêm thời gian";
            }
        }
        open.Answer(nowUtc, DueAtUtc);
        Apply(row, actor, nowUtc, what, Text.NormalizeOrNull(note));
    }

    /// <summary>A paper the request asked for that is none of the dossier's components (the landlord's consent, an
    /// authorisation letter): filed against the open request rather than under a component it is not. Only while a
    /// request is open, so every such file answers a request the applicant was actually sent.</summary>
    public DossierFile AttachSupplementFile(Guid storedFileId, string fileName, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.AttachSupplementFile, actor);
        var open = _supplements.Single(s => s.State == SupplementState.Open);
        var file = new DossierFile(storedFileId, fileName, DossierFilePurpose.Supplement, null, null, nowUtc);
        _files.Add(file);
        Record(row, actor, nowUtc, $"Bổ sung tệp \"{fileName}\" theo yêu cầu bổ sung lần {open.Number}", null);
        return file;
    }

    /// <summary>The request a supplement file was sent for. The file needs no link of its own: it can only be attached
    /// while a request is open and one request is open at a time, so it is the request open when the file was added
    /// (the earliest, should an answer and the next request share the file's instant).</summary>
    public SupplementRequest? SupplementRequestOf(DossierFile file) =>
        file.Purpose != DossierFilePurpose.Supplement
            ? null
            : _supplements.Where(s => s.RequestedAtUtc <= file.AddedAtUtc && (s.AnsweredAtUtc is not { } end || file.AddedAtUtc <= end))
                .MinBy(s => s.Number);

    /// <summary>A dossier that ends (refused, withdrawn, stopped) leaves nobody waiting: open supplement and
    /// coordination requests are closed with it.</summary>
    private void CloseOpenSupplement(DateTime nowUtc)
    {
        foreach (var s in _supplements.Where(s => s.State == SupplementState.Open)) s.Close(nowUtc);
        foreach (var c in _coordinations.Where(c => c.AnsweredAtUtc is null)) c.Cancel(nowUtc);
    }

    /// <summary>Pauses (request → answer) for working-time arithmetic; an open one runs until now.</summary>
    public IEnumerable<(DateTime StartUtc, DateTime? EndUtc)> Pauses =>
        _supplements.Where(s => s.StatusBefore != DossierStatus.Submitted).Select(s => (s.RequestedAtUtc, s.AnsweredAtUtc));

    // ---------------------------------------------------------------- processing

    /// <summary>Where a dossier in processing (status 4) waits, and so who must act next.</summary>
    public ProcessingStage? Stage { get; private set; }

    public IReadOnlyList<Coordination> Coordinations => _coordinations;

    public DossierStep? CurrentStep => _steps.Where(s => s.CompletedAtUtc is null).MinBy(s => s.Order);

    /// <summary>The desk hands the dossier to the unit (or department) that processes it; its head assigns it.</summary>
    public void StartProcessing(Guid unitId, string unitName, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.StartProcessing, actor);
        CompleteSteps(actor, nowUtc, WorkflowStepPlace.OneStopDesk);
        CurrentUnitId = unitId;
        CurrentStep?.Start(nowUtc, unitId);
        Apply(row, actor, nowUtc, $"Chuyển hồ sơ đến {unitName} để xử lý", null);
    }

    /// <summary>The administrative unit (commune, ward, …) a transfer hands the dossier to, with its kind so that its
    /// competence for the procedure can be checked.</summary>
    public sealed record TransferTarget(Guid UnitId, string UnitName, Guid AdministrativeUnitId, string AdministrativeUnitName, UnitKind AdministrativeUnitKind);

    /// <summary>Hands the dossier to another unit without changing its status. Inside the competent unit (to a
    /// department) nothing else changes; to another commune after cross-boundary reception, that commune becomes the
    /// competent unit, so its people's committee decides, apologises and stops (Forms 04, 05) and the register names it
    /// (Form 07). It must be competent for the procedure version the dossier is pinned to. The receiving unit's head
    /// assigns it again.</summary>
    public void Transfer(TransferTarget to, ProcedureVersion version, string? note, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(version);
        if (version.Id != ProcedureVersionId) throw new ArgumentException("Wrong procedure version for this dossier.", nameof(version));
        var rows = RequireState(DossierOperation.Transfer);
        if (to.UnitId == CurrentUnitId) throw new DomainException($"Hồ sơ đang ở {to.UnitName}.");
        var row = RequireGuards(rows, actor);
        var what = $"Chuyển hồ sơ đến {to.UnitName}";
        if (to.AdministrativeUnitId != CompetentUnitId)
        {
            if (!version.Content.CompetentUnitKinds.Contains(to.AdministrativeUnitKind))
                throw new DomainException($"{to.AdministrativeUnitName} không có thẩm quyền giải quyết thủ tục \"{version.Content.Name}\"; chỉ chuyển hồ sơ đến đơn vị có thẩm quyền.");
            CompetentUnitId = to.AdministrativeUnitId;
            what += $"; cơ quan có thẩm quyền giải quyết: {to.AdministrativeUnitName}";
        }
        CurrentUnitId = to.UnitId;
        AssigneeId = null;
        AssigneeName = null;
        Record(row, actor, nowUtc, what, Text.NormalizeOrNull(note));
    }

    /// <summary>The head of the unit assigns a specialist to appraise the dossier.</summary>
    public void Assign(Guid officialId, string officialName, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.Assign, actor);
        AssigneeId = officialId;
        AssigneeName = officialName;
        CurrentStep?.Start(nowUtc, CurrentUnitId);
        CurrentStep?.AssignTo(officialId, officialName);
        Record(row, actor, nowUtc, $"Phân công {officialName} thẩm định, xử lý", null);
    }

    /// <summary>Asks another unit for its opinion (liên thông) with its own deadline; the dossier waits.</summary>
    public Coordination RequestCoordination(Guid unitId, string unitName, string question, DateTime dueAtUtc, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.RequestCoordination, actor);
        if (unitId == CurrentUnitId) throw new DomainException("Đơn vị phối hợp phải khác đơn vị đang xử lý hồ sơ.");
        if (dueAtUtc <= nowUtc) throw new DomainException("Hạn trả lời phối hợp phải sau thời điểm hiện tại.");
        // After an apology the work goes on to the date the applicant was given.
        if (PromisedDueAtUtc is { } due && dueAtUtc > due) throw new DomainException($"Hạn trả lời phối hợp không được sau ngày hẹn trả hồ sơ ({Vn(due)}).");
        var coordination = new Coordination(unitId, unitName, Required(question, "nội dung đề nghị phối hợp"), nowUtc, dueAtUtc, actor.Name);
        _coordinations.Add(coordination);
        Record(row, actor, nowUtc, $"Lấy ý kiến phối hợp của {unitName}, hạn trả lời {Vn(dueAtUtc)}", coordination.Question);
        return coordination;
    }

    /// <summary>The coordinating unit answers; when no request is left open the appraisal goes on.</summary>
    public void AnswerCoordination(Guid coordinationId, string answer, Actor actor, DateTime nowUtc)
    {
        var rows = RequireState(DossierOperation.AnswerCoordination);
        var coordination = _coordinations.SingleOrDefault(c => c.Id == coordinationId && c.AnsweredAtUtc is null)
                           ?? throw new DomainException("Không có đề nghị phối hợp đang chờ trả lời.");
        if (actor.UnitId != coordination.UnitId)
            throw new DomainException($"Chỉ {coordination.UnitName} trả lời đề nghị phối hợp này.");
        var text = Required(answer, "ý kiến phối hợp", InputLimits.Answer);
        var row = RequireGuards(rows, actor);
        coordination.Answer(text, actor.Name, nowUtc);
        var timing = nowUtc > coordination.DueAtUtc ? " (quá hạn phối hợp)" : "";
        Record(row, actor, nowUtc, $"{coordination.UnitName} trả lời ý kiến phối hợp{timing}", coordination.AnswerText);
    }

    public bool HasOpenCoordination => _coordinations.Any(c => c.AnsweredAtUtc is null);

    /// <summary>The specialist uploads the draft result to be signed.</summary>
    public DossierFile AttachDraftResult(Guid storedFileId, string fileName, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.AttachDraft, actor);
        var file = new DossierFile(storedFileId, fileName, DossierFilePurpose.Draft, null, null, nowUtc);
        _files.Add(file);
        Record(row, actor, nowUtc, $"Tải lên dự thảo kết quả \"{fileName}\"", null);
        return file;
    }

    /// <summary>Trình ký: the appraisal is done and the draft goes to the leader.</summary>
    public void SubmitForApproval(string? note, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.SubmitForApproval, actor);
        if (!_files.Any(f => f.Purpose == DossierFilePurpose.Draft))
            throw new DomainException("Chưa có dự thảo kết quả; hãy tải lên dự thảo trước khi trình ký.");
        CompleteSteps(actor, nowUtc, WorkflowStepPlace.OneStopDesk, WorkflowStepPlace.Department, WorkflowStepPlace.CoordinatingUnit);
        CurrentStep?.Start(nowUtc, CurrentUnitId);
        Record(row, actor, nowUtc, "Trình lãnh đạo ký duyệt kết quả", Text.NormalizeOrNull(note));
    }

    /// <summary>The leader signs: the clerk may now number and issue the result. With <paramref name="signedDraft"/>, the draft
    /// <paramref name="draftId"/> was digitally signed and now is its signed version.</summary>
    public void Approve(string? note, Actor actor, DateTime nowUtc, Guid? draftId = null, SignedDossierFile? signedDraft = null)
    {
        var row = Require(DossierOperation.Approve, actor);
        if (signedDraft is not null)
            (_files.SingleOrDefault(f => f.Id == draftId && f.Purpose == DossierFilePurpose.Draft)
             ?? throw new DomainException("Không tìm thấy dự thảo kết quả đã ký.")).ReplaceWithSigned(signedDraft);
        CompleteSteps(actor, nowUtc, WorkflowStepPlace.Leadership);
        CurrentStep?.Start(nowUtc, CurrentUnitId);
        Record(row, actor, nowUtc, "Lãnh đạo phê duyệt, ký kết quả" + (signedDraft is null ? "" : "; " + signedDraft.Description), Text.NormalizeOrNull(note));
    }

    /// <summary>The leader sends the draft back to the specialist with a reason.</summary>
    public void SendBack(string reason, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.SendBack, actor);
        var why = Required(reason, "lý do trả lại");
        // The appraisal step is open again.
        foreach (var step in _steps.Where(s => s.Place is WorkflowStepPlace.Department or WorkflowStepPlace.CoordinatingUnit))
            step.Reopen();
        Record(row, actor, nowUtc, $"Lãnh đạo trả lại dự thảo cho {AssigneeName ?? "chuyên viên"}", why);
    }

    private void CompleteSteps(Actor actor, DateTime nowUtc, params WorkflowStepPlace[] places)
    {
        foreach (var step in _steps.Where(s => s.CompletedAtUtc is null && places.Contains(s.Place)))
            step.Complete(nowUtc, actor.Name);
    }

    public void RequestFinancialObligation(string description, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.RequestFinancialObligation, actor);
        Apply(row, actor, nowUtc,
            "Yêu cầu thực hiện nghĩa vụ tài chính", Required(description, "nội dung nghĩa vụ tài chính"));
    }

    public void FulfilFinancialObligation(Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.FulfilFinancialObligation, actor);
        Apply(row, actor, nowUtc, "Đã hoàn thành nghĩa vụ tài chính", null);
    }

    /// <summary>The clerk has issued the result: processing ends here (NgayKetThucXuLy).</summary>
    public ResultDocument Decide(string resultName, string? number, string? resultCode, bool isElectronic, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.Decide, actor);
        var result = new ResultDocument(Required(resultName, "tên kết quả"), Text.NormalizeOrNull(number), Text.NormalizeOrNull(resultCode), isElectronic, nowUtc, actor.Name);
        _results.Add(result);
        foreach (var step in _steps.Where(s => s.CompletedAtUtc is null && s.Place != WorkflowStepPlace.OneStopDesk))
            step.Complete(nowUtc, actor.Name);
        ProcessingEndedAtUtc = nowUtc;
        var timing = IsLate(nowUtc) ? "trễ hạn" : "đúng hạn";
        Apply(row, actor, nowUtc, $"Phát hành kết quả \"{result.Name}\"{(number is null ? "" : " số " + number)} ({timing})", null);
        return result;
    }

    /// <summary>Chứng thực bản sao điện tử từ bản chính (docs/adr/0033e): the desk official who compared the copy with the
    /// original certifies it with the number of the certification book, and the certified copy is the result, issued now.</summary>
    public ResultDocument CertifyCopy(string resultName, string bookNumber, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.CertifyCopy, actor);
        var number = Required(bookNumber, "số chứng thực", 100);
        var result = new ResultDocument(Required(resultName, "tên kết quả"), number, number, true, nowUtc, actor.Name);
        _results.Add(result);
        foreach (var step in _steps.Where(s => s.CompletedAtUtc is null && s.Place != WorkflowStepPlace.OneStopDesk))
            step.Complete(nowUtc, actor.Name);
        ProcessingEndedAtUtc = nowUtc;
        var timing = IsLate(nowUtc) ? "trễ hạn" : "đúng hạn";
        Apply(row, actor, nowUtc, $"Chứng thực bản sao điện tử \"{result.Name}\", số chứng thực {number} ({timing})", null);
        return result;
    }

    /// <summary>Hands the result over. Being late never blocks the return.</summary>
    public void ReturnResult(ReturnMethod method, string? receivedBy, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.ReturnResult, actor);
        if (FeesOwed > AmountPaid)
            throw new DomainException($"Người nộp còn phải nộp {FeeCalculator.Money(FeesOwed - AmountPaid)} phí, lệ phí trước khi nhận kết quả.");
        if (method == Dossiers.ReturnMethod.Desk && Text.NormalizeOrNull(receivedBy) is null)
            throw new DomainException("Ghi họ tên người nhận kết quả (ký nhận tại Bộ phận Một cửa).");
        ReturnMethod = method;
        ReceivedResultBy = Text.NormalizeOrNull(receivedBy);
        ReturnedAtUtc = nowUtc;
        foreach (var step in _steps.Where(s => s.CompletedAtUtc is null)) step.Complete(nowUtc, actor.Name);
        var how = method switch
        {
            Dossiers.ReturnMethod.Desk => $"tại Bộ phận Một cửa, người nhận: {ReceivedResultBy}",
            Dossiers.ReturnMethod.Postal => "qua bưu chính công ích",
            _ => "bản điện tử vào kho dữ liệu của người nộp",
        };
        Apply(row, actor, nowUtc, $"Trả kết quả {how}", null);
    }

    public void Withdraw(string reason, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.Withdraw, actor);
        ProcessingEndedAtUtc = nowUtc;
        CloseOpenSupplement(nowUtc);
        Apply(row, actor, nowUtc, "Rút hồ sơ theo yêu cầu của người nộp", Required(reason, "lý do rút hồ sơ"));
    }

    /// <summary>Rút hồ sơ with the applicant's signed request (Đơn đề nghị rút hồ sơ, scanned at the desk): the request
    /// is filed with the dossier as the document of this withdrawal (seed 004: a withdrawal without it loses points).</summary>
    public DossierFile Withdraw(string reason, Guid requestStoredFileId, string requestFileName, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.Withdraw, actor);
        var why = Required(reason, "lý do rút hồ sơ");
        ProcessingEndedAtUtc = nowUtc;
        CloseOpenSupplement(nowUtc);
        Apply(row, actor, nowUtc, $"Rút hồ sơ theo yêu cầu của người nộp, kèm đơn đề nghị rút hồ sơ \"{requestFileName}\"", why);
        var file = DossierFile.OfForm(requestStoredFileId, requestFileName, DossierForm.WithdrawalRequest, Revision, nowUtc);
        _files.Add(file);
        return file;
    }

    /// <summary>Files the document the system produced for a history entry (Form 01 at reception, 03 at a refusal...,
    /// Features/Forms). Not an act of anyone: the entry it belongs to already says who did what, so no entry and no
    /// new revision (an official's open page stays current). One document per entry; null when it is already filed.</summary>
    public DossierFile? FileProducedForm(DossierForm form, int eventSequence, Guid storedFileId, string fileName, DateTime nowUtc)
    {
        if (eventSequence < 1 || eventSequence > Revision) throw new ArgumentOutOfRangeException(nameof(eventSequence));
        if (_files.Any(f => f.Form == form && f.EventSequence == eventSequence)) return null;
        var file = DossierFile.OfForm(storedFileId, fileName, form, eventSequence, nowUtc);
        _files.Add(file);
        return file;
    }

    /// <summary>Dừng xử lý (Form 05): at the applicant's request or as the law requires, before a result is issued.</summary>
    public void Stop(string reason, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.Stop, actor);
        ProcessingEndedAtUtc = nowUtc;
        CloseOpenSupplement(nowUtc);
        Apply(row, actor, nowUtc, "Dừng xử lý hồ sơ", Required(reason, "lý do dừng xử lý"));
    }

    // ---------------------------------------------------------------- lateness

    public bool IsLate(DateTime nowUtc) => Timeliness.Of(this).IsLate(nowUtc);

    /// <summary>Form 04: apology with the reason and one new date for the applicant; the date may be moved only once.
    /// The legal due date stays (a late dossier stays late for the 766 index); the letter is owed at the latest one
    /// working day before it: a later letter is still sent, and recorded as sent late.</summary>
    public void Apologize(string reason, DateTime newDueUtc, WorkingCalendar calendar, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var row = Require(DossierOperation.Apologize, actor);
        if (newDueUtc <= DueAtUtc) throw new DomainException("Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.");
        if (newDueUtc <= nowUtc) throw new DomainException("Ngày hẹn trả mới phải sau thời điểm hiện tại.");
        var why = Required(reason, "lý do chậm trễ");
        var due = DueAtUtc!.Value;
        Apology = new Apology(nowUtc, actor.Name, why, due, newDueUtc);
        var late = ApologyIsLate(calendar, due, nowUtc)
            ? $" (gửi muộn: văn bản xin lỗi phải gửi chậm nhất 1 ngày làm việc trước hạn giải quyết{(nowUtc > due ? ", hồ sơ đã quá hạn" : "")})"
            : "";
        Record(row, actor, nowUtc, $"Xin lỗi và hẹn lại ngày trả: hạn giải quyết {Vn(due)}, hẹn trả mới {Vn(newDueUtc)}{late}", why);
    }

    /// <summary>The apology letter is owed at the latest one working day before the due date.</summary>
    public static bool ApologyIsLate(WorkingCalendar calendar, DateTime dueUtc, DateTime sentUtc)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.WorkingTimeBetween(sentUtc, dueUtc, []) < calendar.OfficeHours.DayLength;
    }

    // ---------------------------------------------------------------- components, files, fees

    /// <summary>Adds a scanned or uploaded file to a component; scanning paper makes the component digitized.</summary>
    public DossierFile AttachComponentFile(Guid componentId, Guid storedFileId, string fileName, bool scannedFromPaper, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.AttachComponentFile, actor);
        var component = _components.SingleOrDefault(c => c.Id == componentId) ?? throw new DomainException("Không tìm thấy thành phần hồ sơ.");
        var file = new DossierFile(storedFileId, fileName, DossierFilePurpose.Component, componentId, null, nowUtc);
        _files.Add(file);
        if (scannedFromPaper) component.MarkDigitized();
        Record(row, actor, nowUtc, $"{(scannedFromPaper ? "Số hóa" : "Đính kèm tệp")} \"{fileName}\" cho thành phần \"{component.Name}\"", null);
        return file;
    }

    /// <summary>Allowed after the return too: an electronic copy of a paper result may be digitized later
    /// (Circular 01/2023: every result still in force is digitized).</summary>
    /// <param name="signature">What the issuance stamp was, when the file was signed on attaching (Features/Signatures).</param>
    public DossierFile AttachResultFile(Guid resultId, Guid storedFileId, string fileName, Actor actor, DateTime nowUtc, string? signature = null)
    {
        var row = Require(DossierOperation.AttachResultFile, actor);
        var result = _results.SingleOrDefault(r => r.Id == resultId) ?? throw new DomainException("Không tìm thấy kết quả giải quyết.");
        var file = new DossierFile(storedFileId, fileName, DossierFilePurpose.Result, null, resultId, nowUtc);
        _files.Add(file);
        Record(row, actor, nowUtc, $"Đính kèm tệp kết quả \"{fileName}\" cho \"{result.Name}\"" + (signature is null ? "" : "; " + signature), null);
        return file;
    }

    /// <summary>Ký số thành phần hồ sơ: whoever may digitize a component (the desk) signs one of its files; the file now
    /// is its signed version.</summary>
    public void SignComponentFile(Guid fileId, SignedDossierFile signedFile, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(signedFile);
        _ = Require(DossierOperation.AttachComponentFile, actor);
        var file = _files.SingleOrDefault(f => f.Id == fileId && f.Purpose == DossierFilePurpose.Component)
                   ?? throw new DomainException("Không tìm thấy tệp thành phần hồ sơ.");
        file.ReplaceWithSigned(signedFile);
        Append(DossierEventKind.Sign, Status, actor, nowUtc, signedFile.Description, null);
    }

    /// <summary>Marks a component as taken from already digitized data (the citizen's store, an earlier result,
    /// a national database) instead of asking the applicant again.</summary>
    public void MarkComponentReused(Guid componentId, bool fromCitizenStore, string? resultCode, Actor actor, DateTime nowUtc)
    {
        var row = Require(DossierOperation.ReuseComponent, actor);
        var component = _components.SingleOrDefault(c => c.Id == componentId) ?? throw new DomainException("Không tìm thấy thành phần hồ sơ.");
        component.MarkReused(fromCitizenStore, resultCode);
        Record(row, actor, nowUtc, $"Tái sử dụng dữ liệu số cho thành phần \"{component.Name}\"{(fromCitizenStore ? " (từ kho dữ liệu)" : "")}", null);
    }

    public void RecordPayment(long amount, PaymentMethod method, string reference, DateTime paidAtUtc, Actor actor, DateTime nowUtc, Guid? paymentOrderId = null)
    {
        var rows = RequireState(DossierOperation.RecordPayment);
        if (amount <= 0) throw new DomainException("Số tiền thanh toán phải lớn hơn 0.");
        var receipt = Required(reference, "số biên lai hoặc mã giao dịch");
        if (_payments.Any(p => p.Method == method && p.Reference == receipt)) return; // a gateway retry: same payment
        var row = RequireGuards(rows, actor);
        if (AmountPaid + amount > FeesOwed)
            throw new DomainException($"Số tiền vượt quá số phí, lệ phí còn phải nộp ({FeeCalculator.Money(FeesOwed - AmountPaid)}).");
        _payments.Add(new DossierPayment(amount, method, receipt, paidAtUtc, actor.Name, paymentOrderId));
        Record(row, actor, nowUtc, $"Thu {FeeCalculator.Money(amount)} ({method.DisplayName()}), chứng từ {receipt}", null);
    }

    /// <summary>Money paid for the dossier was given back after it ended (recorded in Features/Payments): not a step of
    /// the workflow, whatever the status, but the history says who gave back what, how and when.</summary>
    public void RecordRefund(long amount, string how, Actor actor, DateTime nowUtc) =>
        Append(DossierEventKind.Refund, Status, actor, nowUtc, $"Hoàn trả {FeeCalculator.Money(amount)} cho người nộp ({how})", null);

    public void MarkSynced(DateTime atUtc, int revision)
    {
        if (revision != Revision) return; // changed again since it was sent: stays pending
        SyncState = SyncState.Synced;
        SyncedAtUtc = atUtc;
    }

    /// <summary>The national portal rejected this revision's record, or it could not be delivered at all: it stays so,
    /// with the reason kept by the sync, until a newer record is acknowledged.</summary>
    public void MarkSyncFailed(int revision)
    {
        if (revision != Revision) return; // changed again since it was sent: the next record is on its way
        SyncState = SyncState.Failed;
    }

    // ---------------------------------------------------------------- mechanics

    /// <summary>What this person can do now: the operations of the rows that start where the dossier is, for a
    /// role they hold, whose guards hold.</summary>
    public IReadOnlySet<DossierOperation> AvailableOperations(WorkflowActor who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return DossierWorkflow.Rows
            .Where(r => r.Status == Status && r.Stage == Stage && who.Roles.Contains(r.Role) && DossierWorkflow.Holds(r, this, who))
            .Select(r => r.Operation).ToHashSet();
    }

    /// <summary>The row the operation follows from here: the table must have one starting at this status and stage
    /// (whatever the role: roles are checked where the person is authorized), and its guards must hold.</summary>
    private WorkflowRow Require(DossierOperation op, Actor actor) => RequireGuards(RequireState(op), actor);

    private IReadOnlyList<WorkflowRow> RequireState(DossierOperation op)
    {
        var rows = DossierWorkflow.RowsAt(op, Status, Stage);
        return rows.Count > 0 ? rows : throw new DomainException(DossierWorkflow.Refusal(op, this));
    }

    /// <summary>The first row whose guards all hold; otherwise the first failing guard's message.</summary>
    private WorkflowRow RequireGuards(IReadOnlyList<WorkflowRow> rows, Actor actor)
    {
        var who = WorkflowActor.Of(actor);
        WorkflowGuard? failed = null;
        foreach (var row in rows)
        {
            var broken = row.Guards.FirstOrDefault(g => !g.Holds(this, who));
            if (broken is null) return row;
            failed ??= broken;
        }
        throw new DomainException(failed!.Message(this));
    }

    /// <summary>Moves the dossier to the row's status and stage, recording the change.</summary>
    private void Apply(WorkflowRow row, Actor actor, DateTime nowUtc, string description, string? reason)
    {
        DossierStatus? from = Revision == 0 ? null : Status;
        Status = row.ToStatus;
        Stage = row.ToStage;
        Append(DossierWorkflow.EventKindOf(row.Operation), from, actor, nowUtc, description, reason);
    }

    /// <summary>An operation that leaves the status as it is (it may move the stage).</summary>
    private void Record(WorkflowRow row, Actor actor, DateTime nowUtc, string description, string? reason)
    {
        Stage = row.ToStage;
        Append(DossierWorkflow.EventKindOf(row.Operation), Status, actor, nowUtc, description, reason);
    }

    private void Append(DossierEventKind kind, DossierStatus? from, Actor actor, DateTime nowUtc, string description, string? reason)
    {
        // Revision counts the events, so the history need not be loaded to append to it.
        Revision++;
        _history.Add(new DossierEvent(Id, Revision, nowUtc, actor, kind, from, Status, description, reason));
        SyncState = SyncState.Pending;
    }

    /// <param name="max">The column's length: the office's pages reach here without the API's limits.</param>
    private static string Required(string? value, string what, int max = InputLimits.Reason) =>
        Text.NormalizeOrNull(value) is not { } text ? throw new DomainException($"Chưa nhập {what}.")
        : text.Length > max ? throw new DomainException($"Nội dung {what} quá dài: tối đa {max} ký tự (đang có {text.Length}).")
        : text;

    internal static string Vn(DateTime utc) => VietnamTime.Format(utc);
}
