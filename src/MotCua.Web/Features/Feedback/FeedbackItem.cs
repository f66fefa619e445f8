using System.Security.Cryptography;
using System.Text;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>Where a feedback item stands. Refused and published are final; answered waits for publication.</summary>
public enum FeedbackStatus
{
    /// <summary>Tiếp nhận: with the unit, to be handled (again after the sender's information or a transfer).</summary>
    Received,
    /// <summary>Đề nghị bổ sung thông tin: waiting for the sender.</summary>
    InfoRequested,
    /// <summary>Từ chối tiếp nhận: not a matter for feedback (a complaint, a denunciation, anonymous abuse...).</summary>
    Refused,
    /// <summary>Đã trả lời: the answer is sent to the sender, to be published.</summary>
    Answered,
    /// <summary>Đã công khai: the answer is on the portal, personal data removed.</summary>
    Published,
}

/// <summary>How the item came in: the portal, the 1022 hotline, a letter, or in person at the office.</summary>
public enum FeedbackChannel { Portal, Hotline, Letter, InPerson }

/// <summary>Indicator 5.1 of the 766 scorecard tracks feedback by these two groups.</summary>
public enum FeedbackCategory
{
    /// <summary>Về quy định hành chính, thủ tục hành chính.</summary>
    RulesAndProcedures,
    /// <summary>Về hành vi, thái độ của cán bộ, công chức.</summary>
    OfficialConduct,
}

/// <summary>Everything that happens to an item, each a row of its history.</summary>
public enum FeedbackOperation { Receive, Refuse, RequestInfo, ProvideInfo, Transfer, Answer, Publish, Rate }

/// <summary>Phản ánh, kiến nghị (PAKN): what a citizen or business says about the administrative rules or an official's
/// conduct, handled by a unit within the deadlines of the 766 scorecard's group 5. Owns its lifecycle like the dossier
/// (docs/adr/0023, 0024): private setters, one table of allowed transitions (<see cref="FeedbackWorkflow"/>), a history
/// row per step with who, role, unit, when, what and why, and a revision checked on every change.</summary>
public sealed class FeedbackItem
{
    public const int MaxTitleLength = 200;
    public const int MaxContentLength = 4000;
    public const int MaxReasonLength = 2000;
    public const int MaxNameLength = 200;
    public const int MaxContactLength = 300;

    public const int MaxAttachments = 5;

    private readonly List<FeedbackEvent> _events = [];
    private readonly List<FeedbackAttachment> _attachments = [];

    private FeedbackItem() { Code = null!; Title = null!; Content = null!; SenderName = null!; UnitName = null!; SearchKey = ""; }

    public Guid Id { get; private set; }
    /// <summary>The code told to the sender and printed on the portal (PAKN-…).</summary>
    public string Code { get; private set; }
    /// <summary>SHA-256 of the key given to the sender at submission: with the code, it lets a sender without an account
    /// follow the item and rate the answer. Only the hash is kept.</summary>
    public string? AccessKeyHash { get; private set; }
    public FeedbackChannel Channel { get; private set; }
    public FeedbackCategory Category { get; private set; }
    public string Title { get; private set; }
    public string Content { get; private set; }

    public Guid? CitizenAccountId { get; private set; }
    public string SenderName { get; private set; }
    public string? SenderPhone { get; private set; }
    public string? SenderEmail { get; private set; }
    public string? SenderAddress { get; private set; }
    /// <summary>Only to mask it in the published text; never shown on the portal.</summary>
    public string? SenderIdNumber { get; private set; }

    public Guid? DossierId { get; private set; }
    public string? DossierCode { get; private set; }
    public Guid? ProcedureId { get; private set; }
    /// <summary>The earlier item on the same matter, when this one raises it again (counted against it in 5.3).</summary>
    public Guid? RaisedAgainOfId { get; private set; }

    /// <summary>The unit handling it now (an administrative unit); changes with a transfer.</summary>
    public Guid UnitId { get; private set; }
    public string UnitName { get; private set; }

    public FeedbackStatus Status { get; private set; }
    public DateTime ReceivedAtUtc { get; private set; }
    /// <summary>Where the clocks count from: the reception, or the last transfer.</summary>
    public DateTime ClockStartUtc { get; private set; }
    public DateTime RefuseDueUtc { get; private set; }
    public DateTime FirstInfoRequestDueUtc { get; private set; }
    public DateTime AnswerDueUtc { get; private set; }
    public DateTime? PublishDueUtc { get; private set; }

    public DateTime? RefusedAtUtc { get; private set; }
    public DateTime? FirstInfoRequestedAtUtc { get; private set; }
    public DateTime? InfoRequestedAtUtc { get; private set; }
    public DateTime? LastTransferredAtUtc { get; private set; }
    public int TransferCount { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    /// <summary>The first time a step was done after its deadline: the item is late for good (5.2) from then on.</summary>
    public DateTime? MissedDeadlineAtUtc { get; private set; }

    public string? RefusalReason { get; private set; }
    public string? InfoRequest { get; private set; }
    public string? Answer { get; private set; }
    public string? PublishedTitle { get; private set; }
    public string? PublishedQuestion { get; private set; }
    public string? PublishedAnswer { get; private set; }
    /// <summary>The published text folded for search (no diacritics, lower case).</summary>
    public string SearchKey { get; private set; }

    /// <summary>The sender's satisfaction with the answer: true like, false dislike, null not rated.</summary>
    public bool? SenderLiked { get; private set; }
    public DateTime? RatedAtUtc { get; private set; }

    /// <summary>Bumped by every change; the office's forms send the one they saw (409 when it moved).</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<FeedbackEvent> Events => _events;
    public IReadOnlyList<FeedbackAttachment> Attachments => _attachments;

    /// <summary>A file the sender (or the official recording a letter) gave with the item, stored already.</summary>
    public void Attach(StoredFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (_attachments.Count >= MaxAttachments) throw new DomainException($"Mỗi phản ánh, kiến nghị gửi kèm tối đa {MaxAttachments} tệp.");
        _attachments.Add(new FeedbackAttachment(Id, file.Id, file.FileName));
    }

    /// <summary>What a new item is made of, checked by <see cref="Receive"/>.</summary>
    public sealed record Intake(
        FeedbackChannel Channel, FeedbackCategory Category, string? Title, string? Content,
        Guid? CitizenAccountId, string? SenderName, string? SenderPhone, string? SenderEmail, string? SenderAddress, string? SenderIdNumber,
        Guid UnitId, string UnitName, Guid? DossierId, string? DossierCode, Guid? ProcedureId, Guid? RaisedAgainOfId);

    /// <summary>Receives an item; the deadlines count from <paramref name="nowUtc"/> on <paramref name="calendar"/>.
    /// Answers the new item and the sender's access key (shown once).</summary>
    public static (FeedbackItem Item, string AccessKey) Receive(Intake intake, Actor actor, FeedbackDeadlines deadlines, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(deadlines);
        var title = Required(intake.Title, "Tiêu đề", MaxTitleLength);
        var content = Required(intake.Content, "Nội dung phản ánh, kiến nghị", MaxContentLength);
        var name = Required(intake.SenderName, "Họ và tên người gửi", MaxNameLength);
        var phone = PersonalData.NormalizePhone(Optional(intake.SenderPhone, "Số điện thoại", 20));
        var email = Optional(intake.SenderEmail, "Thư điện tử", MaxContactLength);
        var address = Optional(intake.SenderAddress, "Địa chỉ", MaxContactLength);
        if (phone is not null && !PersonalData.IsPhone(phone)) throw new DomainException("Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0).");
        if (email is not null && !PersonalData.IsEmail(email)) throw new DomainException("Địa chỉ thư điện tử không hợp lệ.");
        if (intake.CitizenAccountId is null && phone is null && email is null && address is null)
            throw new DomainException("Hãy cho biết ít nhất một cách liên hệ (số điện thoại, thư điện tử hoặc địa chỉ) để cơ quan trả lời.");
        if (!Enum.IsDefined(intake.Category)) throw new DomainException("Hãy chọn nhóm phản ánh, kiến nghị.");
        if (!Enum.IsDefined(intake.Channel)) throw new DomainException("Hãy chọn kênh tiếp nhận.");

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var item = new FeedbackItem
        {
            Id = Guid.CreateVersion7(),
            Code = NewCode(nowUtc),
            AccessKeyHash = Hash(key),
            Channel = intake.Channel,
            Category = intake.Category,
            Title = title,
            Content = content,
            CitizenAccountId = intake.CitizenAccountId,
            SenderName = name,
            SenderPhone = phone,
            SenderEmail = email,
            SenderAddress = address,
            SenderIdNumber = Text.NormalizeOrNull(intake.SenderIdNumber),
            DossierId = intake.DossierId,
            DossierCode = intake.DossierCode,
            ProcedureId = intake.ProcedureId,
            RaisedAgainOfId = intake.RaisedAgainOfId,
            UnitId = intake.UnitId,
            UnitName = intake.UnitName,
            Status = FeedbackStatus.Received,
            ReceivedAtUtc = nowUtc,
        };
        item.StartClocks(nowUtc, deadlines);
        item.Record(FeedbackOperation.Receive, actor, nowUtc, $"Tiếp nhận phản ánh, kiến nghị qua {intake.Channel.DisplayName()}", null);
        return (item, key);
    }

    /// <summary>Whether <paramref name="key"/> is the one given to the sender (constant time).</summary>
    public bool IsAccessKey(string? key) =>
        key is { Length: > 0 and <= 100 } && AccessKeyHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(AccessKeyHash));

    public IReadOnlyList<FeedbackOperation> AvailableOperations(IReadOnlyCollection<Identity.OfficialRole> roles) =>
        [.. FeedbackWorkflow.Rows.Where(r => r.From.Contains(Status) && r.Roles.Any(roles.Contains)).Select(r => r.Operation).Distinct()];

    public void Refuse(string? reason, Actor actor, DateTime nowUtc)
    {
        var why = Required(reason, "Lý do từ chối", MaxReasonLength);
        var row = FeedbackWorkflow.Check(Status, FeedbackOperation.Refuse);
        Late(nowUtc > RefuseDueUtc, nowUtc);
        RefusedAtUtc = nowUtc;
        RefusalReason = why;
        Move(row, FeedbackOperation.Refuse, actor, nowUtc, "Từ chối tiếp nhận phản ánh, kiến nghị", why);
    }

    public void RequestInfo(string? what, Actor actor, DateTime nowUtc)
    {
        var request = Required(what, "Nội dung cần bổ sung", MaxReasonLength);
        var row = FeedbackWorkflow.Check(Status, FeedbackOperation.RequestInfo);
        if (FirstInfoRequestedAtUtc is null)
        {
            Late(nowUtc > FirstInfoRequestDueUtc, nowUtc);
            FirstInfoRequestedAtUtc = nowUtc;
        }
        InfoRequestedAtUtc = nowUtc;
        InfoRequest = request;
        Move(row, FeedbackOperation.RequestInfo, actor, nowUtc, "Đề nghị người gửi bổ sung thông tin", request);
    }

    /// <summary>The sender's information arrived (from the portal, or recorded by an official). With
    /// <see cref="FeedbackOptions.InfoRequestPausesAnswerClock"/> the answer's deadline moves by the working time waited.</summary>
    public void ProvideInfo(string? information, Actor actor, FeedbackDeadlines deadlines, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var text = Required(information, "Thông tin bổ sung", MaxContentLength);
        var row = FeedbackWorkflow.Check(Status, FeedbackOperation.ProvideInfo);
        if (deadlines.Options.InfoRequestPausesAnswerClock && InfoRequestedAtUtc is { } asked)
            AnswerDueUtc = deadlines.Resume(asked, AnswerDueUtc, nowUtc);
        Move(row, FeedbackOperation.ProvideInfo, actor, nowUtc, "Người gửi bổ sung thông tin", text);
    }

    /// <summary>To the competent unit: the clocks start again there (kpi-766 5.2: "from the last transfer").</summary>
    public void Transfer(Guid unitId, string unitName, string? reason, Actor actor, FeedbackDeadlines deadlines, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var why = Required(reason, "Lý do chuyển", MaxReasonLength);
        var row = FeedbackWorkflow.Check(Status, FeedbackOperation.Transfer);
        if (unitId == UnitId) throw new DomainException($"Phản ánh, kiến nghị đang do {UnitName} xử lý.");
        var from = UnitName;
        UnitId = unitId;
        UnitName = unitName;
        LastTransferredAtUtc = nowUtc;
        TransferCount++;
        StartClocks(nowUtc, deadlines);
        Move(row, FeedbackOperation.Transfer, actor, nowUtc, $"Chuyển từ {from} đến {unitName} (cơ quan có thẩm quyền)", why);
    }

    public void AnswerWith(string? answer, Actor actor, FeedbackDeadlines deadlines, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var text = Required(answer, "Nội dung trả lời", MaxContentLength);
        var row = FeedbackWorkflow.Check(Status, FeedbackOperation.Answer);
        Late(nowUtc > AnswerDueUtc, nowUtc);
        AnsweredAtUtc = nowUtc;
        Answer = text;
        PublishDueUtc = deadlines.PublishDue(nowUtc);
        Move(row, FeedbackOperation.Answer, actor, nowUtc, "Trả lời phản ánh, kiến nghị", null);
    }

    /// <summary>Publishes the question and the answer with the personal data masked (<see cref="PersonalData"/>);
    /// <paramref name="title"/> may replace the sender's title.</summary>
    public void Publish(string? title, Actor actor, DateTime nowUtc)
    {
        var row = FeedbackWorkflow.Check(Status, FeedbackOperation.Publish);
        var heading = Optional(title, "Tiêu đề công khai", MaxTitleLength) ?? Title;
        Late(PublishDueUtc is { } due && nowUtc > due, nowUtc);
        var known = new[] { SenderName, SenderPhone, SenderEmail, SenderAddress, SenderIdNumber, DossierCode };
        PublishedTitle = PersonalData.Mask(heading, known);
        PublishedQuestion = PersonalData.Mask(Content, known);
        PublishedAnswer = PersonalData.Mask(Answer!, known);
        SearchKey = Text.SearchKey($"{PublishedTitle} {PublishedQuestion} {PublishedAnswer}");
        PublishedAtUtc = nowUtc;
        Move(row, FeedbackOperation.Publish, actor, nowUtc, "Công khai kết quả trả lời trên Cổng dịch vụ công", null);
    }

    /// <summary>The sender likes or dislikes the answer; they may change their mind, the latest counts (5.3).</summary>
    public void Rate(bool liked, Actor actor, DateTime nowUtc)
    {
        if (Status is not (FeedbackStatus.Answered or FeedbackStatus.Published))
            throw new DomainException("Chỉ đánh giá được phản ánh, kiến nghị đã được trả lời.");
        SenderLiked = liked;
        RatedAtUtc = nowUtc;
        Record(FeedbackOperation.Rate, actor, nowUtc, liked ? "Người gửi hài lòng với kết quả trả lời" : "Người gửi không hài lòng với kết quả trả lời", null);
    }

    /// <summary>Late now: a step was done after its deadline, or the answer or the publication is overdue.</summary>
    public bool IsLate(DateTime nowUtc) =>
        MissedDeadlineAtUtc is not null
        || (Status is FeedbackStatus.Received or FeedbackStatus.InfoRequested && nowUtc > AnswerDueUtc)
        || (Status == FeedbackStatus.Answered && PublishDueUtc is { } due && nowUtc > due);

    /// <summary>The next deadline of an open item, for the office's list and the reminders.</summary>
    public (string What, DateTime DueUtc)? NextDeadline => Status switch
    {
        FeedbackStatus.Received or FeedbackStatus.InfoRequested => ("Trả lời", AnswerDueUtc),
        FeedbackStatus.Answered when PublishDueUtc is { } due => ("Công khai", due),
        _ => null,
    };

    private void StartClocks(DateTime startUtc, FeedbackDeadlines deadlines)
    {
        ClockStartUtc = startUtc;
        if (startUtc == ReceivedAtUtc || deadlines.Options.TransferRestartsRefusalAndInfoClocks)
        {
            RefuseDueUtc = deadlines.RefuseDue(startUtc);
            FirstInfoRequestDueUtc = deadlines.FirstInfoRequestDue(startUtc);
        }
        AnswerDueUtc = deadlines.AnswerDue(startUtc);
    }

    private void Late(bool late, DateTime nowUtc)
    {
        if (late) MissedDeadlineAtUtc ??= nowUtc;
    }

    private void Move(FeedbackWorkflow.Row row, FeedbackOperation operation, Actor actor, DateTime nowUtc, string what, string? why)
    {
        Status = row.To;
        Record(operation, actor, nowUtc, what, why);
    }

    private void Record(FeedbackOperation operation, Actor actor, DateTime nowUtc, string what, string? why)
    {
        Revision++;
        _events.Add(new FeedbackEvent(Id, Revision, operation, actor, nowUtc, what, why, Status));
    }

    private static string Required(string? value, string label, int max) =>
        Optional(value, label, max) ?? throw new DomainException($"Hãy nhập {label.ToLowerInvariant()}.");

    private static string? Optional(string? value, string label, int max)
    {
        var text = Text.NormalizeOrNull(value);
        if (text?.Length > max) throw new DomainException($"{label} tối đa {max} ký tự.");
        return text;
    }

    private static string NewCode(DateTime nowUtc)
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> random = stackalloc char[6];
        for (var i = 0; i < random.Length; i++) random[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return $"PAKN-{VietnamTime.ToLocal(nowUtc):yyMMdd}-{random}";
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>A file attached to an item (its bytes and metadata are a <see cref="StoredFile"/>).</summary>
public sealed class FeedbackAttachment
{
    private FeedbackAttachment() { FileName = null!; }

    internal FeedbackAttachment(Guid feedbackId, Guid fileId, string fileName)
    {
        Id = Guid.CreateVersion7();
        FeedbackId = feedbackId;
        FileId = fileId;
        FileName = fileName;
    }

    public Guid Id { get; private set; }
    public Guid FeedbackId { get; private set; }
    public Guid FileId { get; private set; }
    public string FileName { get; private set; }
}

/// <summary>One step of an item's history: who (name, role, unit, copied), when, what, why, and the status after it.</summary>
public sealed class FeedbackEvent
{
    private FeedbackEvent() { ActorName = null!; ActorRole = null!; Description = null!; }

    internal FeedbackEvent(Guid feedbackId, int sequence, FeedbackOperation operation, Actor actor, DateTime atUtc, string description,
        string? reason, FeedbackStatus statusAfter)
    {
        Id = Guid.CreateVersion7();
        FeedbackId = feedbackId;
        Sequence = sequence;
        Operation = operation;
        ActorId = actor.Id;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        UnitId = actor.UnitId;
        UnitName = actor.UnitName;
        AtUtc = atUtc;
        Description = description;
        Reason = reason;
        StatusAfter = statusAfter;
    }

    public Guid Id { get; private set; }
    public Guid FeedbackId { get; private set; }
    public int Sequence { get; private set; }
    public FeedbackOperation Operation { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string ActorRole { get; private set; }
    public Guid? UnitId { get; private set; }
    public string? UnitName { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string Description { get; private set; }
    public string? Reason { get; private set; }
    public FeedbackStatus StatusAfter { get; private set; }
}

public static class FeedbackText
{
    public static string DisplayName(this FeedbackStatus status) => status switch
    {
        FeedbackStatus.Received => "Đang xử lý",
        FeedbackStatus.InfoRequested => "Chờ người gửi bổ sung thông tin",
        FeedbackStatus.Refused => "Từ chối tiếp nhận",
        FeedbackStatus.Answered => "Đã trả lời",
        FeedbackStatus.Published => "Đã công khai",
        _ => status.ToString(),
    };

    public static string DisplayName(this FeedbackChannel channel) => channel switch
    {
        FeedbackChannel.Portal => "Cổng dịch vụ công",
        FeedbackChannel.Hotline => "Tổng đài 1022",
        FeedbackChannel.Letter => "thư, văn bản",
        FeedbackChannel.InPerson => "trực tiếp tại cơ quan",
        _ => channel.ToString(),
    };

    public static string DisplayName(this FeedbackCategory category) => category switch
    {
        FeedbackCategory.RulesAndProcedures => "Quy định hành chính, thủ tục hành chính",
        FeedbackCategory.OfficialConduct => "Hành vi, thái độ của cán bộ, công chức",
        _ => category.ToString(),
    };

    public static string DisplayName(this FeedbackOperation operation) => operation switch
    {
        FeedbackOperation.Receive => "Tiếp nhận",
        FeedbackOperation.Refuse => "Từ chối tiếp nhận",
        FeedbackOperation.RequestInfo => "Đề nghị bổ sung thông tin",
        FeedbackOperation.ProvideInfo => "Ghi nhận thông tin bổ sung",
        FeedbackOperation.Transfer => "Chuyển cơ quan có thẩm quyền",
        FeedbackOperation.Answer => "Trả lời",
        FeedbackOperation.Publish => "Công khai",
        FeedbackOperation.Rate => "Đánh giá",
        _ => operation.ToString(),
    };
}
