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
/// 10,000 đ online, free for children under 16".</summary>
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
    string? Note = null)
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
public sealed record FeeRequest(Channel Channel, int Cases = 1, int Copies = 1, int PagesPerCopy = 1, IReadOnlyCollection<string>? ApplicantGroups = null);

/// <summary>One line of what the applicant owes.</summary>
public sealed record FeeLine(string Code, string Name, FeeKind Kind, long Amount, string Explanation, bool Exempted);

public static class FeeCalculator
{
    public static IReadOnlyList<FeeLine> Compute(IEnumerable<FeeItem> fees, FeeRequest request)
    {
        if (request.Cases < 1 || request.Copies < 1 || request.PagesPerCopy < 1)
            throw new Infrastructure.DomainException("Số hồ sơ, số bản và số trang phải từ 1 trở lên.");
        var groups = request.ApplicantGroups ?? [];
        return fees.Select(fee => Line(fee, request, groups)).ToList();
    }

    private static FeeLine Line(FeeItem fee, FeeRequest request, IReadOnlyCollection<string> groups)
    {
        var exemptBy = fee.ExemptGroups?.FirstOrDefault(groups.Contains);
        if (exemptBy is not null)
            return new FeeLine(fee.Code, fee.Name, fee.Kind, 0, $"Miễn: {ExemptionGroups.All[exemptBy]}", true);

        var unit = request.Channel == Channel.Online && fee.OnlineAmount is { } online ? online : fee.DeskAmount;
        var (amount, explanation) = fee.Basis switch
        {
            FeeBasis.PerCase => (unit * request.Cases, $"{Money(unit)} × {request.Cases} hồ sơ"),
            FeeBasis.PerCopy => (unit * request.Copies, $"{Money(unit)} × {request.Copies} bản"),
            FeeBasis.PerPage => PerPage(fee, unit, request),
            _ => throw new InvalidOperationException($"Unknown fee basis {fee.Basis}"),
        };
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
