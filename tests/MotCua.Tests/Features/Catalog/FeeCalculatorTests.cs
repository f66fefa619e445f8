using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Catalog;

/// <summary>Fee rules checked against the fees as seeded, so that the seed data and the calculator agree.</summary>
public class FeeCalculatorTests
{
    private const string CertifiedCopy = "2.000815";
    private const string PermanentResidence = "1.004222";
    private const string CivilStatusExtract = "2.000635";

    private static FeeLine Compute(string code, FeeRequest request) =>
        FeeCalculator.Compute(SeedCatalog.Content(code).Fees, request).Single();

    [Theory]
    [InlineData(1, 2_000)]
    [InlineData(2, 4_000)]
    [InlineData(3, 5_000)]
    [InlineData(10, 12_000)]
    [InlineData(300, 200_000)]
    public void Compute_WhenCertifyingOneCopy_ChargesPageTiersUpToTheCap(int pages, long expected)
    {
        var line = Compute(CertifiedCopy, new FeeRequest(Channel.Desk, PagesPerCopy: pages));

        line.Amount.ShouldBe(expected);
        line.Exempted.ShouldBeFalse();
    }

    [Fact]
    public void Compute_WhenCertifyingThreeCopiesOfFivePages_ChargesEachCopy()
    {
        var line = Compute(CertifiedCopy, new FeeRequest(Channel.Desk, Copies: 3, PagesPerCopy: 5));

        line.Amount.ShouldBe(3 * 7_000);
        line.Explanation.ShouldContain("× 3 bản");
    }

    [Fact]
    public void Compute_WhenCertifyingManyPages_SaysTheCapApplied()
    {
        Compute(CertifiedCopy, new FeeRequest(Channel.Desk, PagesPerCopy: 300)).Explanation.ShouldContain("mức tối đa");
    }

    [Theory]
    [InlineData(Channel.Desk, 20_000)]
    [InlineData(Channel.Postal, 20_000)]
    [InlineData(Channel.Online, 10_000)]
    public void Compute_WhenRegisteringResidence_ChargesLessOnline(Channel channel, long expected)
    {
        Compute(PermanentResidence, new FeeRequest(channel)).Amount.ShouldBe(expected);
    }

    [Fact]
    public void Compute_WhenApplicantIsAChild_ExemptsWithTheReason()
    {
        var line = Compute(PermanentResidence, new FeeRequest(Channel.Desk, ApplicantGroups: [ExemptionGroups.ChildUnder16]));

        line.Amount.ShouldBe(0);
        line.Exempted.ShouldBeTrue();
        line.Explanation.ShouldBe("Miễn: Trẻ em dưới 16 tuổi");
    }

    [Fact]
    public void Compute_WhenApplicantIsInAGroupTheFeeDoesNotExempt_Charges()
    {
        var line = Compute(CivilStatusExtract, new FeeRequest(Channel.Online, ApplicantGroups: [ExemptionGroups.ChildUnder16]));

        line.Exempted.ShouldBeFalse();
        line.Amount.ShouldBe(8_000);
    }

    [Fact]
    public void Compute_WhenThreeExtractCopies_ChargesPerCopy()
    {
        Compute(CivilStatusExtract, new FeeRequest(Channel.Online, Copies: 3)).Amount.ShouldBe(3 * 8_000);
    }

    [Theory]
    [InlineData("2.000884", 10_000)]
    [InlineData("2.001008", 10_000)]
    [InlineData("2.001035", 50_000)]
    [InlineData("2.001019", 50_000)]
    [InlineData("2.001016", 50_000)]
    [InlineData("2.001406", 50_000)]
    [InlineData("2.000913", 30_000)]
    [InlineData("2.000927", 25_000)]
    public void Compute_WhenFeeIsPerCase_ChargesEachCaseOnce(string code, long amount)
    {
        Compute(code, new FeeRequest(Channel.Desk, Cases: 2, Copies: 4, PagesPerCopy: 9)).Amount.ShouldBe(2 * amount);
    }

    [Theory]
    [InlineData("1.000894")]
    [InlineData("1.000656")]
    [InlineData("1.004837")]
    [InlineData("2.000986")]
    public void Compute_WhenCivilStatusIsFree_ChargesNothingAndHasNoFees(string code)
    {
        Compute(code, new FeeRequest(Channel.Desk)).Amount.ShouldBe(0);
        SeedCatalog.Content(code).Fees.Any(f => f.MayCharge).ShouldBeFalse();
    }

    [Fact]
    public void Compute_WhenNoPages_IsRefusedInVietnamese()
    {
        Should.Throw<DomainException>(() => Compute(CertifiedCopy, new FeeRequest(Channel.Desk, PagesPerCopy: 0)))
            .Message.ShouldContain("số trang");
    }
}
