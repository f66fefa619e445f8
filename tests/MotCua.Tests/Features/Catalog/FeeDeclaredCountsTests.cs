using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Catalog;

/// <summary>Fee lines that count from what the citizen declares on the e-form (copies, pages), the online price said
/// as such, and the limits of a request — checked against the seed catalog, so that its data and the rules agree.</summary>
public class FeeDeclaredCountsTests
{
    private const string Birth = "1.001193";
    private const string CertifiedCopy = "2.000815";
    private const string PermanentResidence = "1.004222";

    private static IReadOnlyList<FeeLine> FromEForm(string code, Dictionary<string, string> entered, params string[] groups)
    {
        var content = SeedCatalog.Content(code);
        return FeeCalculator.Compute(content.Fees, FeeRequest.FromEForm(content, entered, groups.Length == 0 ? null : groups));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("0", 0)]
    [InlineData("1", 8_000)]
    [InlineData("3", 24_000)]
    public void BirthRegistration_IsFree_ButEachExtractCopyAskedForIsCharged(string extractCopies, long expected)
    {
        var lines = FromEForm(Birth, new() { ["extractCopies"] = extractCopies });

        lines.Single(l => l.Code == "le-phi-dang-ky-khai-sinh").Amount.ShouldBe(0);
        var copies = lines.Single(l => l.Code == "phi-ban-sao-trich-luc");
        copies.Amount.ShouldBe(expected);
        copies.Exempted.ShouldBeFalse();
        copies.Explanation.ShouldBe($"8.000 ₫ × {(extractCopies.Length == 0 ? "0" : extractCopies)} bản");
    }

    [Fact]
    public void ExtractCopiesOnRequest_AreChargedOnlyForTheCopiesDeclared_NotForTheRequestsCopies()
    {
        var fees = SeedCatalog.Content(Birth).Fees;

        FeeCalculator.Compute(fees, new FeeRequest(Channel.Desk, Copies: 3)).Sum(l => l.Amount).ShouldBe(0);
        FeeCalculator.Compute(fees, new FeeRequest(Channel.Desk, Declared: new Dictionary<string, int> { ["extractCopies"] = 3 })).Sum(l => l.Amount).ShouldBe(24_000);
    }

    [Fact]
    public void BirthRegistration_IsDescribedWithItsChargedExtractCopies_NotAsFree()
    {
        var described = SeedCatalog.Content(Birth).Fees.Select(FeeDescription.Of).ToList();

        described.Single(d => d.Code == "phi-ban-sao-trich-luc").ShouldSatisfyAllConditions(
            d => d.Free.ShouldBeFalse(),
            d => d.Desk.ShouldBe("8.000 ₫/bản"),
            d => d.Online.ShouldBe("8.000 ₫/bản"));
        SeedCatalog.Content(Birth).Fees.Any(f => f.MayCharge).ShouldBeTrue();
    }

    [Fact]
    public void Certification_CountsTheCopiesAndPagesTypedOnTheEForm_WithTiersAndCap()
    {
        FromEForm(CertifiedCopy, new() { ["copies"] = "3", ["pagesPerCopy"] = "5" }).Single().Amount.ShouldBe(3 * 7_000);
        FromEForm(CertifiedCopy, new() { ["copies"] = "2", ["pagesPerCopy"] = "500" }).Single().Amount.ShouldBe(2 * 200_000);
    }

    [Fact]
    public void OnlinePrice_IsSaidToBeTheOnlineOne()
    {
        var line = FeeCalculator.Compute(SeedCatalog.Content(PermanentResidence).Fees, new FeeRequest(Channel.Online)).Single();

        line.Amount.ShouldBe(10_000);
        line.Explanation.ShouldBe("10.000 ₫ × 1 hồ sơ (mức nộp trực tuyến; nộp trực tiếp 20.000 ₫)");
    }

    [Fact]
    public void ExemptionOnTheEForm_ExemptsWithItsGroup()
    {
        var line = FromEForm(PermanentResidence, [], ExemptionGroups.Disabled).Single();

        (line.Amount, line.Exempted, line.Explanation).ShouldBe((0L, true, "Miễn: Người khuyết tật"));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-1, 1)]
    [InlineData(10_001, 1)]
    [InlineData(1, 10_001)]
    public void ARequestOutsideTheLimits_IsRefusedInVietnamese(int copies, int pages)
    {
        var refused = Should.Throw<DomainException>(() =>
            FeeCalculator.Compute(SeedCatalog.Content(CertifiedCopy).Fees, new FeeRequest(Channel.Desk, Copies: copies, PagesPerCopy: pages)));

        refused.Message.ShouldStartWith("Số hồ sơ, số bản và số trang");
    }

    [Fact]
    public void AnUnknownExemptionGroup_IsRefused_NotSilentlyCharged()
    {
        var refused = Should.Throw<DomainException>(() =>
            FeeCalculator.Compute(SeedCatalog.Content(PermanentResidence).Fees, new FeeRequest(Channel.Desk, ApplicantGroups: ["vip"])));

        refused.Message.ShouldBe("Không có đối tượng miễn phí, lệ phí \"vip\".");
    }

    [Fact]
    public void AFeeCountingFromAFieldTheEFormLacks_IsRefusedAtPublication()
    {
        var content = SeedCatalog.Content(Birth) with
        {
            Fees = [new FeeItem("x", "Phí bản sao", FeeKind.Charge, FeeBasis.PerCopy, 8_000, CopiesField: "soBanKhongCo")],
        };

        Should.Throw<DomainException>(content.Validate).Message.ShouldContain("không có trường số này");
    }
}
