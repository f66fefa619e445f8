using MotCua.Web.Features.Catalog;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Catalog;

/// <summary>A fee definition that cannot be computed is refused when the procedure version is validated,
/// before it can be published or imported.</summary>
public class FeeValidationTests
{
    private static ProcedureContent WithFee(FeeItem fee) => SeedCatalog.Content("2.000815") with { Fees = [fee] };

    private static string Problem(ProcedureContent content) => Should.Throw<DomainException>(content.Validate).Message;

    [Fact]
    public void Validate_WhenAmountIsNegative_Refuses()
    {
        Problem(WithFee(new FeeItem("phi", "Phí thử", FeeKind.Charge, FeeBasis.PerCase, -1_000)))
            .ShouldContain("không được âm");
    }

    [Fact]
    public void Validate_WhenOnlineAmountIsNegative_Refuses()
    {
        Problem(WithFee(new FeeItem("phi", "Phí thử", FeeKind.Fee, FeeBasis.PerCase, 20_000, OnlineAmount: -10_000)))
            .ShouldContain("không được âm");
    }

    [Fact]
    public void Validate_WhenTiersDoNotStartAtPageOne_Refuses()
    {
        Problem(WithFee(new FeeItem("phi", "Phí thử", FeeKind.Charge, FeeBasis.PerPage, 2_000, PageTiers: [new PageTier(2, 2_000), new PageTier(3, 1_000)])))
            .ShouldContain("bắt đầu từ trang 1");
    }

    [Fact]
    public void Validate_WhenTiersAreNotIncreasing_Refuses()
    {
        Problem(WithFee(new FeeItem("phi", "Phí thử", FeeKind.Charge, FeeBasis.PerPage, 2_000, PageTiers: [new PageTier(1, 2_000), new PageTier(1, 1_000)])))
            .ShouldContain("tăng dần");
    }

    [Fact]
    public void Validate_WhenExemptionGroupIsUnknown_Refuses()
    {
        Problem(WithFee(new FeeItem("phi", "Phí thử", FeeKind.Fee, FeeBasis.PerCase, 20_000, ExemptGroups: ["students"])))
            .ShouldContain("không có nhóm miễn phí \"students\"");
    }

    [Fact]
    public void Validate_WhenPerCaseFeeHasPageTiers_Refuses()
    {
        Problem(WithFee(new FeeItem("phi", "Phí thử", FeeKind.Charge, FeeBasis.PerCase, 10_000, PageTiers: [new PageTier(1, 2_000)])))
            .ShouldContain("chỉ dùng cho cách tính theo trang");
    }

    [Fact]
    public void Validate_WhenFeeCodesRepeat_Refuses()
    {
        var fee = new FeeItem("phi", "Phí thử", FeeKind.Charge, FeeBasis.PerCase, 10_000);
        Problem(SeedCatalog.Content("2.000815") with { Fees = [fee, fee with { Name = "Phí khác" }] }).ShouldContain("mã phí, lệ phí bị trùng");
    }

    [Fact]
    public void Validate_WhenPartialOnlineHasNoReason_Refuses()
    {
        Problem(SeedCatalog.Content("2.000815") with { PartialOnlineReason = null }).ShouldContain("phải nêu lý do");
    }

    [Fact]
    public void Validate_WhenRefused_NamesTheProcedure()
    {
        Problem(WithFee(new FeeItem("phi", "Phí thử", FeeKind.Charge, FeeBasis.PerCase, -1)))
            .ShouldStartWith("Thủ tục \"Chứng thực bản sao từ bản chính giấy tờ, văn bản\" chưa hợp lệ");
    }
}
