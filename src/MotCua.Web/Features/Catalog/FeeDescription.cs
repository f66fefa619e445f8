namespace MotCua.Web.Features.Catalog;

/// <summary>A fee line of a procedure put in words for the public (công khai phí, lệ phí): what is charged at the desk
/// and online, per what, up to what cap, and who is exempt, with amounts written as <see cref="FeeCalculator.Money"/>
/// writes them.</summary>
/// <param name="KindName">"Lệ phí" or "Phí".</param>
/// <param name="Desk">The amount when submitted at the desk or by post, e.g. "20.000 ₫/hồ sơ".</param>
/// <param name="Online">The amount when submitted online; the desk's when the fee has no online amount.</param>
/// <param name="Cap">"Tối đa 200.000 ₫/bản" when the fee is capped per copy.</param>
/// <param name="Exemptions">Names of the groups that pay nothing.</param>
/// <param name="Free">Nothing is charged whatever the channel.</param>
public sealed record FeeDescription(
    string Code, string Name, string KindName, string Basis, string Desk, string Online, bool OnlineDiffers, string? Cap,
    IReadOnlyList<string> Exemptions, string? Note, bool Free)
{
    public const string NotCharged = "Không thu";

    public static FeeDescription Of(FeeItem fee)
    {
        ArgumentNullException.ThrowIfNull(fee);
        var desk = Amounts(fee, fee.DeskAmount);
        var online = fee.OnlineAmount is { } amount && fee.PageTiers is not { Count: > 0 } ? Amounts(fee, amount) : desk;
        return new FeeDescription(
            fee.Code,
            fee.Name,
            fee.Kind == FeeKind.Fee ? "Lệ phí" : "Phí",
            BasisName(fee.Basis),
            desk,
            online,
            online != desk,
            fee.CapPerCopy is { } cap ? $"Tối đa {FeeCalculator.Money(cap)}/bản" : null,
            [.. (fee.ExemptGroups ?? []).Select(g => ExemptionGroups.All.GetValueOrDefault(g, g))],
            fee.Note,
            !fee.MayCharge);
    }

    public static string BasisName(FeeBasis basis) => basis switch
    {
        FeeBasis.PerCase => "Theo hồ sơ, trường hợp",
        FeeBasis.PerCopy => "Theo bản",
        FeeBasis.PerPage => "Theo trang của mỗi bản",
        _ => basis.ToString(),
    };

    private static string Amounts(FeeItem fee, long amount)
    {
        if (fee.Basis == FeeBasis.PerPage && fee.PageTiers is { Count: > 0 } tiers)
            return Tiers(tiers);
        if (amount == 0) return NotCharged;
        return fee.Basis switch
        {
            FeeBasis.PerCase => $"{FeeCalculator.Money(amount)}/hồ sơ",
            FeeBasis.PerCopy => $"{FeeCalculator.Money(amount)}/bản",
            FeeBasis.PerPage => $"{FeeCalculator.Money(amount)}/trang",
            _ => FeeCalculator.Money(amount),
        };
    }

    /// <summary>"2.000 ₫/trang (trang 1–2); 1.000 ₫/trang (từ trang 3)", as the tiers are applied by <see cref="FeeCalculator"/>.</summary>
    private static string Tiers(IReadOnlyList<PageTier> tiers)
    {
        if (tiers.All(t => t.Amount == 0)) return NotCharged;
        if (tiers.Count == 1) return $"{FeeCalculator.Money(tiers[0].Amount)}/trang";
        var parts = new List<string>();
        for (var i = 0; i < tiers.Count; i++)
        {
            var from = tiers[i].FromPage;
            var pages = i + 1 < tiers.Count
                ? (tiers[i + 1].FromPage - 1 == from ? $"trang {from}" : $"trang {from}–{tiers[i + 1].FromPage - 1}")
                : $"từ trang {from}";
            parts.Add($"{FeeCalculator.Money(tiers[i].Amount)}/trang ({pages})");
        }
        return string.Join("; ", parts);
    }
}
