using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>Mức độ dịch vụ công trực tuyến (Decree 224/2026): toàn trình is the default, một phần needs a reason.</summary>
public enum OnlineLevel { None, Partial, Full }

/// <summary>Nhóm thủ tục: for citizens and organisations, or internal between state bodies.</summary>
public enum ProcedureGroup { CitizensAndOrganisations, Internal }

/// <summary>The level of government whose procedure this is (cấp xã, cấp tỉnh, ...).</summary>
public enum ProcedureLevel { Commune, District, Province, Ministry }

/// <summary>What the applicant gets: a paper document (which the 766 index expects also as an electronic
/// copy), or a result that is electronic by nature.</summary>
public enum ResultType { PaperDocument, Electronic }

/// <summary>How a component must be presented.</summary>
public enum ComponentForm
{
    /// <summary>Bản chính.</summary>
    Original,
    /// <summary>Bản sao (không cần chứng thực).</summary>
    Copy,
    /// <summary>Bản sao có chứng thực hoặc bản sao điện tử có chứng thực.</summary>
    CertifiedCopy,
    /// <summary>Bản chính để đối chiếu (shown only, not kept).</summary>
    OriginalToShow,
}

public enum EFormFieldType { Text, MultilineText, Number, Date, Select, Checkbox, PersonalIdNumber, Phone, Email }

/// <summary>Where a workflow step is performed, relative to the competent unit.</summary>
public enum WorkflowStepPlace
{
    /// <summary>Bộ phận Một cửa of the receiving unit.</summary>
    OneStopDesk,
    /// <summary>The department or office that handles the field (công chức chuyên môn).</summary>
    Department,
    /// <summary>The unit's leadership (Chủ tịch, Phó Chủ tịch, trưởng phòng).</summary>
    Leadership,
    /// <summary>Văn thư of the unit.</summary>
    Clerk,
    /// <summary>Another unit consulted (liên thông), with its own sub-deadline.</summary>
    CoordinatingUnit,
}

public sealed record ComponentRequirement(
    string Code,
    string Name,
    ComponentForm Form,
    int Count = 1,
    bool Optional = false,
    string? SampleFormFile = null,
    /// <summary>Must be digitized at reception (Circular 01/2023): results of earlier procedures and what law or the province requires.</summary>
    bool MustDigitize = true,
    string? Note = null,
    /// <summary>Online, the procedure's e-form (<see cref="ProcedureContent.FormFields"/>) is this component — the
    /// declaration (tờ khai) or request the applicant would otherwise fill on paper, sign and scan: the citizen types
    /// it once and uploads nothing for it (biểu mẫu điện tử, Decree 45/2020 as amended by Decree 118/2025). At the
    /// desk and by post the paper is still handed in, so the component stays required there. A dossier keeps its
    /// pinned version, which tells the office pages that an online dossier's copy of it is the e-form's data.</summary>
    bool FilledByEForm = false,
    /// <summary>The national population database holds what this paper proves (the applicant's identity, residence,
    /// household): when the applicant's record was looked up, the component is supplied from it, with no paper and no
    /// upload, and counts as re-used data (DuocTaiSuDung; 766 indicators 6.4–6.7; docs/adr/0033c).</summary>
    bool ReplacedByPopulationData = false);

public sealed record EFormField(
    string Key,
    string Label,
    EFormFieldType Type,
    bool Required = false,
    int? MaxLength = null,
    string? Pattern = null,
    IReadOnlyList<string>? Options = null,
    string? Help = null);

public sealed record WorkflowStep(
    int Order,
    string Name,
    OfficialRole Role,
    WorkflowStepPlace Place,
    LegalTime Budget);

/// <summary>Everything a publishing decision fixes about a procedure. Also the shape of the catalog's JSON
/// import/export, so a province can move its catalog between systems.</summary>
public sealed record ProcedureContent
{
    public required string Name { get; init; }
    public required string FieldCode { get; init; }
    public required string FieldName { get; init; }
    public ProcedureLevel Level { get; init; } = ProcedureLevel.Commune;
    public ProcedureGroup Group { get; init; } = ProcedureGroup.CitizensAndOrganisations;
    /// <summary>Cơ quan có thẩm quyền, as published (e.g. "Ủy ban nhân dân cấp xã").</summary>
    public required string CompetentAuthority { get; init; }
    /// <summary>Kinds of unit that may decide it; the receiving unit routes to one of them.</summary>
    public IReadOnlyList<UnitKind> CompetentUnitKinds { get; init; } = [UnitKind.Commune, UnitKind.Ward, UnitKind.SpecialZone];
    public OnlineLevel OnlineLevel { get; init; }
    /// <summary>Reason published when the level is below toàn trình (Decree 224/2026).</summary>
    public string? PartialOnlineReason { get; init; }
    /// <summary>Eligible for full online service: the denominator of the 766 indicator on fully-online dossiers.</summary>
    public bool EligibleForFullOnline { get; init; }
    /// <summary>On the province's online-only pilot list: dossiers are accepted online only.</summary>
    public bool OnlineOnlyPilot { get; init; }
    public required LegalTime LegalTime { get; init; }
    /// <summary>Reception after this local time counts from the next working day (commonly 15:00).</summary>
    public TimeOnly? Cutoff { get; init; }
    public ResultType ResultType { get; init; } = ResultType.PaperDocument;
    public required string ResultName { get; init; }
    /// <summary>How long the result is valid, in months (a marriage-status certificate: 6); null when it does not expire.</summary>
    public int? ResultValidityMonths { get; init; }
    /// <summary>The component code the result can stand for in other procedures (codes are shared across the
    /// catalog), so that the citizen's data store offers it there.</summary>
    public string? ResultDocumentCode { get; init; }
    public string? ApplicantTypes { get; init; }
    /// <summary>Whether the applicants are citizens (individuals, whose identity the population database holds): the
    /// procedures 766 indicator 6.7 counts. Null: derived (<see cref="ProcedureFacts.ApplicantsAreCitizensOf"/>).</summary>
    public bool? ApplicantsAreCitizens { get; init; }
    public string? Steps { get; init; }
    public string? WhereToSubmit { get; init; }
    public string? Conditions { get; init; }
    public string? LegalBasis { get; init; }
    /// <summary>Date of the publishing decision (quyết định công bố), for indicators 1.1 and 1.2 of the 766 scorecard.</summary>
    public DateOnly? DecisionDate { get; init; }
    /// <summary>The latest effective date among the texts of the legal basis: the decision is on time when dated at
    /// least 5 working days before it (766 indicator 1.1).</summary>
    public DateOnly? LegalBasisEffectiveDate { get; init; }
    /// <summary>When the procedure was updated and disclosed in the national procedure database (766 indicator 1.2).</summary>
    public DateOnly? NationalDatabaseDisclosedDate { get; init; }
    public IReadOnlyList<ComponentRequirement> Components { get; init; } = [];
    public IReadOnlyList<EFormField> FormFields { get; init; } = [];
    public IReadOnlyList<FeeItem> Fees { get; init; } = [];
    /// <summary>The fee is paid online before an online draft can be submitted (the procedure's publication says so);
    /// otherwise it is paid at reception or when the dossier waits for its financial obligation (status 6).</summary>
    public bool PayBeforeSubmission { get; init; }
    public IReadOnlyList<WorkflowStep> Workflow { get; init; } = [];

    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("thiếu tên thủ tục");
        if (string.IsNullOrWhiteSpace(FieldName)) problems.Add("thiếu lĩnh vực");
        if (string.IsNullOrWhiteSpace(ResultName)) problems.Add("thiếu tên kết quả giải quyết");
        if (LegalTime.Value < 0) problems.Add("thời hạn giải quyết không được âm");
        if (OnlineLevel == OnlineLevel.Partial && string.IsNullOrWhiteSpace(PartialOnlineReason))
            problems.Add("dịch vụ công trực tuyến một phần phải nêu lý do (Nghị định 224/2026/NĐ-CP)");
        if (OnlineOnlyPilot && OnlineLevel == OnlineLevel.None)
            problems.Add("thủ tục chỉ tiếp nhận trực tuyến phải có dịch vụ công trực tuyến");
        if (Components.GroupBy(c => c.Code).Any(g => g.Count() > 1)) problems.Add("mã thành phần hồ sơ bị trùng");
        if (Components.Any(c => c.Count < 1)) problems.Add("số lượng thành phần hồ sơ phải từ 1 trở lên");
        if (Components.Any(c => c.FilledByEForm))
        {
            // The flag removes the upload online: without an e-form, or without online service, nothing would stand for the paper.
            if (FormFields.Count == 0) problems.Add("thành phần hồ sơ được lập từ tờ khai điện tử nhưng thủ tục chưa có biểu mẫu điện tử");
            if (OnlineLevel == OnlineLevel.None)
                problems.Add("thành phần hồ sơ chỉ được lập từ tờ khai điện tử khi thủ tục có dịch vụ công trực tuyến");
            if (Components.Any(c => c is { FilledByEForm: true, Form: ComponentForm.OriginalToShow }))
                problems.Add("giấy tờ chỉ xuất trình để đối chiếu không thể được lập từ tờ khai điện tử");
        }
        if (FormFields.GroupBy(f => f.Key).Any(g => g.Count() > 1)) problems.Add("trường biểu mẫu điện tử bị trùng");
        if (FormFields.Any(f => f.Type == EFormFieldType.Select && (f.Options is null || f.Options.Count == 0)))
            problems.Add("trường chọn phải có danh sách lựa chọn");
        if (Fees.GroupBy(f => f.Code).Any(g => g.Count() > 1)) problems.Add("mã phí, lệ phí bị trùng");
        foreach (var fee in Fees) problems.AddRange(fee.Problems());
        var numbers = FormFields.Where(f => f.Type == EFormFieldType.Number).Select(f => f.Key).ToHashSet();
        foreach (var field in Fees.SelectMany(f => new[] { f.CopiesField, f.PagesField }).OfType<string>().Where(k => !numbers.Contains(k)).Distinct())
            problems.Add($"phí, lệ phí lấy số bản, số trang từ trường \"{field}\" nhưng biểu mẫu điện tử không có trường số này");
        if (PayBeforeSubmission && !Fees.Any(f => f.MayCharge)) problems.Add("thủ tục nộp phí trước khi nộp hồ sơ phải có khoản phí, lệ phí");
        if (Workflow.Select(s => s.Order).Distinct().Count() != Workflow.Count) problems.Add("thứ tự các bước quy trình bị trùng");
        if (Workflow.Any(s => s.Budget.Value < 0)) problems.Add("thời gian của bước quy trình không được âm");
        if (problems.Count > 0)
            throw new DomainException($"Thủ tục \"{Name}\" chưa hợp lệ: {string.Join("; ", problems)}.");
    }
}

/// <summary>One published version of a procedure. Immutable once published.</summary>
public sealed class ProcedureVersion
{
    private ProcedureVersion() { Content = null!; }

    internal ProcedureVersion(Guid id, Guid procedureId, int number, DateTime effectiveFromUtc, string? decision, ProcedureContent content)
    {
        Id = id;
        ProcedureId = procedureId;
        Number = number;
        EffectiveFromUtc = effectiveFromUtc;
        Decision = decision;
        Content = content with { Name = Text.Normalize(content.Name) };
        HasFees = content.Fees.Any(f => f.MayCharge);
        OnlineLevel = content.OnlineLevel;
        EligibleForFullOnline = content.EligibleForFullOnline;
        OnlineOnlyPilot = content.OnlineOnlyPilot;
        FieldCode = content.FieldCode;
    }

    public Guid Id { get; private set; }
    public Guid ProcedureId { get; private set; }
    public int Number { get; private set; }
    public DateTime EffectiveFromUtc { get; private set; }
    /// <summary>The publishing decision (quyết định công bố).</summary>
    public string? Decision { get; private set; }
    public ProcedureContent Content { get; private set; }

    // Copies of content attributes that lists, filters and the scorecard query in SQL.
    public bool HasFees { get; private set; }
    public OnlineLevel OnlineLevel { get; private set; }
    public bool EligibleForFullOnline { get; private set; }
    public bool OnlineOnlyPilot { get; private set; }
    public string FieldCode { get; private set; } = "";
}

internal sealed class ProcedureVersionConfiguration : IEntityTypeConfiguration<ProcedureVersion>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Configure(EntityTypeBuilder<ProcedureVersion> b)
    {
        b.HasIndex(v => new { v.ProcedureId, v.Number }).IsUnique();
        b.Property(v => v.Decision).HasMaxLength(200);
        b.Property(v => v.FieldCode).HasMaxLength(60);
        // The content is one immutable document: stored as JSON text, which reads the same on SQLite and
        // PostgreSQL and keeps nested lists (fee tiers, exemption groups) without extra tables.
        b.Property(v => v.Content)
            .HasConversion(
                c => JsonSerializer.Serialize(c, Json),
                s => JsonSerializer.Deserialize<ProcedureContent>(s, Json)!,
                new ValueComparer<ProcedureContent>(
                    (a, c) => ReferenceEquals(a, c),
                    c => c.GetHashCode(),
                    c => c));
    }
}
