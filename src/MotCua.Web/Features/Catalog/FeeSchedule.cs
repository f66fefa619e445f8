using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Catalog;

/// <summary>Phí (a charge for a service) or lệ phí (a fee for a state act); reported separately.</summary>
public enum FeeKind { Charge, Fee }

public enum FeeBasis
{
    /// <summary>Per case or transaction (vụ việc, hồ sơ, giao dịch).</summary>
    PerCase,
    /// <summary>Per copy issued (bản sao, trích lục).</summary>
    PerCopy,
    /// <summary>Per page of each copy, in tiers, optionally capped per copy (chứng thực bản sao).</summary>
    PerPage,
}

/// <summary>From this page on (1-based), each page costs <paramref name="Amount"/>.</summary>
public sealed record PageTier(int FromPage, long Amount);

/// <summary>One charge or fee of a procedure version, in đồng. A procedure has a list of them: one number
/// cannot describe "2,000 đ/page, 1,000 đ from page 3, at most 200,000 đ a copy" or "20,000 đ at the desk,
/// 10,000 đ online, free for children under 16".
/// <paramref name="CopiesField"/> and <paramref name="PagesField"/> name the e-form's number fields in which the citizen
/// declares how many copies (of how many pages) this line is for — "Số bản sao trích lục đề nghị cấp" on a birth
/// registration, whose registration is free but whose extract copies are charged. On the portal the declared numbers
/// count; at the desk and in a quote the request's copies and pages do. <paramref name="OnRequest"/>: an extra charged only
/// for the copies asked for in its field — none unless declared, whatever the request's copies.</summary>
public sealed record FeeItem(
    string Code,
    string Name,
    FeeKind Kind,
    FeeBasis Basis,
    long DeskAmount,
    long? OnlineAmount = null,
    IReadOnlyList<PageTier>? PageTiers = null,
    long? CapPerCopy = null,
    IReadOnlyList<string>? ExemptGroups = null,
    string? Note = null,
    string? CopiesField = null,
    string? PagesField = null,
    bool OnRequest = false)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool MayCharge => DeskAmount > 0 || OnlineAmount > 0 || PageTiers?.Any(t => t.Amount > 0) == true;

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Code) || string.IsNullOrWhiteSpace(Name)) yield return "phí, lệ phí phải có mã và tên";
        if (DeskAmount < 0 || OnlineAmount < 0 || CapPerCopy < 0) yield return $"mức thu của \"{Name}\" không được âm";
        if (PageTiers is { Count: > 0 } tiers)
        {
            if (Basis != FeeBasis.PerPage) yield return $"\"{Name}\": mức thu theo trang chỉ dùng cho cách tính theo trang";
            if (OnlineAmount is not null) yield return $"\"{Name}\": mức thu tính theo bậc trang không có mức riêng cho nộp trực tuyến";
            if (tiers[0].FromPage != 1 || tiers.Zip(tiers.Skip(1)).Any(p => p.Second.FromPage <= p.First.FromPage) || tiers.Any(t => t.Amount < 0))
                yield return $"\"{Name}\": các bậc tính theo trang phải bắt đầu từ trang 1, tăng dần và không âm";
        }
        if (CopiesField is not null && Basis == FeeBasis.PerCase) yield return $"\"{Name}\": tính theo hồ sơ thì không lấy số bản từ tờ khai";
        if (OnRequest && CopiesField is null) yield return $"\"{Name}\": khoản thu theo đề nghị phải lấy số bản từ một trường của tờ khai";
        if (PagesField is not null && Basis != FeeBasis.PerPage) yield return $"\"{Name}\": chỉ cách tính theo trang mới lấy số trang từ tờ khai";
        foreach (var group in ExemptGroups ?? [])
            if (!ExemptionGroups.All.ContainsKey(group)) yield return $"\"{Name}\": không có nhóm miễn phí \"{group}\"";
    }
}

/// <summary>Groups that fee decisions commonly exempt. Codes are stored; names are shown.</summary>
public static class ExemptionGroups
{
    public const string ChildUnder16 = "child-under-16";
    public const string Elderly = "elderly";
    public const string Disabled = "disabled";
    public const string MeritoriousPerson = "meritorious-person";
    public const string PoorHousehold = "poor-household";
    public const string EthnicMinorityDisadvantagedArea = "ethnic-minority-disadvantaged-area";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [ChildUnder16] = "Trẻ em dưới 16 tuổi",
        [Elderly] = "Người cao tuổi",
        [Disabled] = "Người khuyết tật",
        [MeritoriousPerson] = "Người có công với cách mạng và thân nhân",
        [PoorHousehold] = "Thành viên hộ nghèo, cận nghèo",
        [EthnicMinorityDisadvantagedArea] = "Đồng bào dân tộc thiểu số ở xã có điều kiện kinh tế - xã hội đặc biệt khó khăn",
    };
}

/// <summary>What is asked for: how many cases, copies and pages, by which channel, for whom.</summary>
/// <param name="Declared">The e-form's numbers by field key, as the citizen typed them: a fee line naming a field
/// (<see cref="FeeItem.CopiesField"/>, <see cref="FeeItem.PagesField"/>) counts from it; zero copies of an optional
/// extra (extract copies) charge nothing.</param>
public sealed record FeeRequest(Channel Channel, int Cases = 1, int Copies = 1, int PagesPerCopy = 1, IReadOnlyCollection<string>? ApplicantGroups = null,
    IReadOnlyDictionary<string, int>? Declared = null)
{
    /// <summary>The request of an online draft: its copies and pages from the e-form, each fee line's own field
    /// when it names one; a number left empty counts as none for a line with its own field, as one otherwise.</summary>
    public static FeeRequest FromEForm(ProcedureContent content, IReadOnlyDictionary<string, string> entered, IReadOnlyCollection<string>? groups)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(entered);
        var declared = new Dictionary<string, int>();
        foreach (var key in content.Fees.SelectMany(f => new[] { f.CopiesField, f.PagesField }).OfType<string>().Distinct())
        {
            var text = entered.GetValueOrDefault(key)?.Trim();
            // A number the e-form's own check refuses (letters, too large) counts as none here; the check says why.
            declared[key] = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                            && n <= Infrastructure.InputLimits.Count ? n : 0;
        }
        return new FeeRequest(Channel.Online, ApplicantGroups: groups, Declared: declared);
    }
}

/// <summary>One line of what the applicant owes.</summary>
public sealed record FeeLine(string Code, string Name, FeeKind Kind, long Amount, string Explanation, bool Exempted);

public static class FeeCalculator
{
    public static IReadOnlyList<FeeLine> Compute(IEnumerable<FeeItem> fees, FeeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cases < 1 || request.Copies < 1 || request.PagesPerCopy < 1)
            throw new Infrastructure.DomainException("Số hồ sơ, số bản và số trang phải từ 1 trở lên.");
        var tooMany = Infrastructure.InputLimits.Count;
        if (request.Cases > tooMany || request.Copies > tooMany || request.PagesPerCopy > tooMany || request.Declared?.Values.Any(v => v is < 0 or > Infrastructure.InputLimits.Count) == true)
            throw new Infrastructure.DomainException($"Số hồ sơ, số bản và số trang tối đa {tooMany}.");
        var unknown = (request.ApplicantGroups ?? []).Where(g => !ExemptionGroups.All.ContainsKey(g)).ToList();
        if (unknown.Count > 0)
            throw new Infrastructure.DomainException($"Không có đối tượng miễn phí, lệ phí \"{string.Join(", ", unknown)}\".");
        var groups = request.ApplicantGroups ?? [];
        return fees.Select(fee => Line(fee, request, groups)).ToList();
    }

    private static FeeLine Line(FeeItem fee, FeeRequest request, IReadOnlyCollection<string> groups)
    {
        var exemptBy = fee.ExemptGroups?.FirstOrDefault(groups.Contains);
        if (exemptBy is not null)
            return new FeeLine(fee.Code, fee.Name, fee.Kind, 0, $"Miễn: {ExemptionGroups.All[exemptBy]}", true);
        var copies = fee.CopiesField is { } copiesField && request.Declared?.TryGetValue(copiesField, out var declaredCopies) == true ? declaredCopies
            : fee.OnRequest ? 0 : request.Copies;
        var pages = fee.PagesField is { } pagesField && request.Declared?.TryGetValue(pagesField, out var declaredPages) == true && declaredPages > 0
            ? declaredPages : request.PagesPerCopy;
        request = request with { Copies = copies, PagesPerCopy = pages };

        var onlinePrice = request.Channel == Channel.Online && fee.OnlineAmount is not null && fee.OnlineAmount != fee.DeskAmount;
        var unit = onlinePrice ? fee.OnlineAmount!.Value : fee.DeskAmount;
        var (amount, explanation) = fee.Basis switch
        {
            FeeBasis.PerCase => (unit * request.Cases, $"{Money(unit)} × {request.Cases} hồ sơ"),
            FeeBasis.PerCopy => (unit * request.Copies, $"{Money(unit)} × {request.Copies} bản"),
            FeeBasis.PerPage => PerPage(fee, unit, request),
            _ => throw new InvalidOperationException($"Unknown fee basis {fee.Basis}"),
        };
        if (onlinePrice) explanation += $" (mức nộp trực tuyến; nộp trực tiếp {Money(fee.DeskAmount)})";
        return new FeeLine(fee.Code, fee.Name, fee.Kind, amount, explanation, false);
    }

    private static (long, string) PerPage(FeeItem fee, long unit, FeeRequest request)
    {
        long perCopy = 0;
        if (fee.PageTiers is { Count: > 0 } tiers)
        {
            for (var i = 0; i < tiers.Count; i++)
            {
                var from = tiers[i].FromPage;
                var to = i + 1 < tiers.Count ? tiers[i + 1].FromPage - 1 : int.MaxValue;
                var pages = Math.Max(0, Math.Min(request.PagesPerCopy, to) - from + 1);
                perCopy += pages * tiers[i].Amount;
            }
        }
        else
        {
            perCopy = unit * request.PagesPerCopy;
        }
        var capped = fee.CapPerCopy is { } cap && perCopy > cap;
        if (capped) perCopy = fee.CapPerCopy!.Value;
        var explanation = $"{request.PagesPerCopy} trang/bản: {Money(perCopy)}/bản{(capped ? " (mức tối đa)" : "")} × {request.Copies} bản";
        return (perCopy * request.Copies, explanation);
    }

    /// <summary>Money as Vietnamese users write it: 1.234.000 ₫.</summary>
    public static string Money(long amount) =>
        amount.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + " ₫";
}
