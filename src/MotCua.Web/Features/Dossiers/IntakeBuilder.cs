using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

public sealed record ApplicantInput(
    ApplicantKind Kind,
    [Text(InputLimits.Name)] string FullName,
    [Text(InputLimits.Number)] string IdNumber,
    [Text(InputLimits.Number)] string? Phone,
    [Text(InputLimits.Name)] string? Email,
    [Text(InputLimits.Address)] string? Address,
    [Items(20, ItemLength = InputLimits.Code)] IReadOnlyList<string>? ExemptionGroups = null);

/// <summary>A component the official ticked (or the citizen supplied), by the requirement's code.</summary>
public sealed record ComponentInput([Text(InputLimits.Code)] string RequirementCode, [Number(0, InputLimits.Count)] int? Count = null);

/// <summary>Turns what was entered at the desk or on the portal into a dossier intake against the current
/// version of the procedure: checks the components against the requirements and computes the fees.</summary>
public sealed class IntakeBuilder(AppDbContext db)
{
    public sealed record Built(Dossier.Intake Intake, ProcedureVersion Version, Unit ReceivingUnit, string AgencyCode);

    public async Task<Built> BuildAsync(
        string procedureCode, Guid receivingUnitId, Guid? competentUnitId, ApplicantInput applicant, IReadOnlyList<ComponentInput> components,
        Channel channel, string? summary, string? formData, int sets, int copies, int pagesPerCopy, IdentityCheck identity, CancellationToken ct,
        IReadOnlyDictionary<string, int>? declared = null, string? exemptionReason = null, PopulationFacts? population = null)
    {
        if (applicant is null) throw new DomainException("Chưa nhập thông tin người nộp hồ sơ.");
        if (population is not null)
        {
            if (applicant.Kind != ApplicantKind.Person || applicant.IdNumber?.Trim() != population.IdNumber)
                throw new DomainException($"Kết quả tra cứu Cơ sở dữ liệu quốc gia về dân cư là của số định danh {population.IdNumber}, không phải của người nộp hồ sơ này; hãy tra cứu lại.");
            // The registry's name is the applicant's; the address typed (a newer one, a contact address) wins over the residence.
            applicant = applicant with { FullName = population.FullName, Address = Text.NormalizeOrNull(applicant.Address) ?? population.Residence };
        }
        components ??= [];
        procedureCode = procedureCode?.Trim() ?? "";
        // One query for the procedure's current version; the units already read are not read again (the competent
        // body is usually the issuing unit): every reception reads what it needs once, before its transaction.
        var version = await (from p in db.Procedures
                             where p.Code == procedureCode
                             join v in db.ProcedureVersions on p.CurrentVersionId equals (Guid?)v.Id
                             select v).SingleOrDefaultAsync(ct)
                      ?? throw new DomainException($"Không tìm thấy thủ tục có mã {procedureCode}.");
        var receiving = await db.Units.SingleOrDefaultAsync(u => u.Id == receivingUnitId, ct)
                        ?? throw new DomainException("Không tìm thấy đơn vị tiếp nhận.");
        var issuer = await IssuingUnitAsync(receiving, ct);
        var competentId = competentUnitId ?? issuer.Id;
        var competent = competentId == issuer.Id ? issuer
                        : competentId == receiving.Id ? receiving
                        : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == competentId, ct)
                          ?? throw new DomainException("Không tìm thấy cơ quan có thẩm quyền giải quyết.");
        if (!version.Content.CompetentUnitKinds.Contains(competent.Kind))
            throw new DomainException($"{competent.Name} không có thẩm quyền giải quyết thủ tục \"{version.Content.Name}\".");
        // Reception regardless of administrative boundary stops at the province's edge.
        if (competent.Id != issuer.Id && await ProvinceOfAsync(competent, ct) != await ProvinceOfAsync(issuer, ct))
            throw new DomainException($"{competent.Name} không thuộc tỉnh của đơn vị tiếp nhận; chỉ tiếp nhận hồ sơ cho cơ quan giải quyết trong tỉnh.");

        var byCode = version.Content.Components.ToDictionary(c => c.Code);
        if (components.Any(c => c.Count is < 1 or > 100))
            throw new DomainException("Số lượng mỗi thành phần hồ sơ phải từ 1 đến 100.");
        var unknown = components.Where(c => !byCode.ContainsKey(c.RequirementCode)).Select(c => c.RequirementCode).ToList();
        if (unknown.Count > 0) throw new DomainException($"Thành phần hồ sơ không thuộc thủ tục: {string.Join(", ", unknown)}.");
        var given = components.Select(c => c.RequirementCode).ToHashSet();
        // What the population data replaces is supplied from it: no paper, no file (docs/adr/0033c).
        var fromRegistry = population is null ? [] : version.Content.Components.Where(r => r.ReplacedByPopulationData).ToList();
        components = [.. components, .. fromRegistry.Where(r => !given.Contains(r.Code)).Select(r => new ComponentInput(r.Code))];
        given.UnionWith(fromRegistry.Select(r => r.Code));
        var missing = version.Content.Components.Where(r => !r.Optional && r.Form != ComponentForm.OriginalToShow && !given.Contains(r.Code)).ToList();
        if (missing.Count > 0)
            throw new DomainException($"Hồ sơ còn thiếu: {string.Join("; ", missing.Select(m => m.Name))}. Hãy hướng dẫn bổ sung (Mẫu 02) hoặc từ chối (Mẫu 03).");

        var dossierComponents = components
            .Select(c =>
            {
                var r = byCode[c.RequirementCode];
                var component = new DossierComponent(r.Code, r.Name, r.Form, c.Count ?? r.Count);
                if (population is not null && r.ReplacedByPopulationData) component.MarkFromPopulationDatabase();
                return component;
            })
            .ToList();
        CheckDeclared(version.Content, declared);
        var fees = FeeCalculator.Compute(version.Content.Fees, new FeeRequest(channel, 1, copies, pagesPerCopy, applicant.ExemptionGroups, declared));
        var person = Applicant.Create(applicant.Kind, applicant.FullName, applicant.IdNumber, applicant.Phone, applicant.Email, applicant.Address,
            population?.BirthDate);
        var intake = new Dossier.Intake(Guid.CreateVersion7(), version, receiving.Id, competent.Id, person, summary ?? version.Content.Name,
            dossierComponents, fees, DossierCodeGenerator.NewLookupCode(), formData, sets, identity, FeeExemption(fees, applicant.ExemptionGroups, exemptionReason),
            population is null ? null : [IdentityChecks.PopulationDatabaseCode]);
        return new Built(intake, version, receiving, issuer.AgencyCode);
    }

    /// <summary>A number given for a fee line must be one a line of this procedure counts from: a key nobody reads would
    /// be silently ignored and the applicant charged otherwise than the official typed.</summary>
    public static void CheckDeclared(ProcedureContent content, IReadOnlyDictionary<string, int>? declared)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (declared is null || declared.Count == 0) return;
        var fields = content.Fees.SelectMany(f => new[] { f.CopiesField, f.PagesField }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unknown = declared.Keys.Where(k => !fields.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new DomainException(
                $"Thủ tục \"{content.Name}\" không có khoản phí, lệ phí nào tính theo \"{Truncate(string.Join(", ", unknown.Take(5)), InputLimits.Code)}\".");
        if (declared.Values.Any(v => v is < 0 or > InputLimits.Count))
            throw new DomainException($"Số bản đề nghị cấp phải từ 0 đến {InputLimits.Count}.");
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    /// <summary>The evidence of an exemption, at the desk as online (the draft keeps as much): with the lines' and groups'
    /// names it stays within the history's reason column beside a reception's other reason.</summary>
    public const int ExemptionEvidenceLength = 500;

    /// <summary>An exemption is granted on evidence (the paper showing the group): without it none is recorded, and the
    /// dossier's history keeps which group, which lines and why, in the name of whoever received or submitted it.</summary>
    private static string? FeeExemption(IReadOnlyList<FeeLine> fees, IReadOnlyList<string>? groups, string? reason)
    {
        var exempted = fees.Where(f => f.Exempted).ToList();
        if (exempted.Count == 0) return null;
        var evidence = Text.NormalizeOrNull(reason)
                       ?? throw new DomainException("Chưa nhập căn cứ miễn phí, lệ phí (giấy tờ chứng minh người nộp thuộc đối tượng được miễn).");
        if (evidence.Length > ExemptionEvidenceLength)
            throw new DomainException($"Căn cứ miễn phí, lệ phí quá dài: tối đa {ExemptionEvidenceLength} ký tự (đang có {evidence.Length}).");
        var names = string.Join(", ", (groups ?? []).Select(g => ExemptionGroups.All.GetValueOrDefault(g, g)));
        var note = $"Miễn {string.Join(", ", exempted.Select(f => f.Name))} — đối tượng: {names}; căn cứ: {evidence}";
        return note.Length <= InputLimits.Reason ? note : note[..InputLimits.Reason];
    }

    private async Task<Guid?> ProvinceOfAsync(Unit unit, CancellationToken ct)
    {
        var current = unit;
        while (current.Kind != UnitKind.Province && current.ParentId is { } parentId)
            current = await db.Units.AsNoTracking().SingleAsync(u => u.Id == parentId, ct);
        return current.Kind == UnitKind.Province ? current.Id : null;
    }

    /// <summary>The administrative unit whose agency code numbers the dossier: a desk or department uses its parent's.</summary>
    private async Task<Unit> IssuingUnitAsync(Unit unit, CancellationToken ct)
    {
        var current = unit;
        while (!current.IsAdministrativeLevel)
        {
            if (current.ParentId is not { } parentId) break;
            current = await db.Units.SingleAsync(u => u.Id == parentId, ct);
        }
        return current;
    }
}
