using MotCua.Web.Features.Catalog;

namespace MotCua.Tests.Features.Catalog;

public class FeeDescriptionTests
{
    [Fact]
    public void Of_PerCaseWithOnlineAmountAndExemptions_NamesBothAmountsAndTheGroups()
    {
        var fee = FeeDescription.Of(SeedCatalog.Fee("1.004222"));

        fee.KindName.ShouldBe("Lệ phí");
        fee.Desk.ShouldBe("20.000 ₫/hồ sơ");
        fee.Online.ShouldBe("10.000 ₫/hồ sơ");
        fee.OnlineDiffers.ShouldBeTrue();
        fee.Exemptions.ShouldContain("Trẻ em dưới 16 tuổi");
        fee.Exemptions.Count.ShouldBe(6);
        fee.Free.ShouldBeFalse();
    }

    [Fact]
    public void Of_PerPageInTiersWithACap_DescribesEachTier()
    {
        var fee = FeeDescription.Of(SeedCatalog.Fee("2.000815"));

        fee.KindName.ShouldBe("Phí");
        fee.Desk.ShouldBe("2.000 ₫/trang (trang 1–2); 1.000 ₫/trang (từ trang 3)");
        fee.Online.ShouldBe(fee.Desk);
        fee.OnlineDiffers.ShouldBeFalse();
        fee.Cap.ShouldBe("Tối đa 200.000 ₫/bản");
    }

    [Fact]
    public void Of_OtherBases()
    {
        FeeDescription.Of(SeedCatalog.Fee("2.000635")).Desk.ShouldBe("8.000 ₫/bản");
        FeeDescription.Of(SeedCatalog.Fee("2.000942")).Desk.ShouldBe("2.000 ₫/trang");
        FeeDescription.Of(new FeeItem("x", "Phí", FeeKind.Charge, FeeBasis.PerPage, 3000)).Desk.ShouldBe("3.000 ₫/trang");
        FeeDescription.Of(new FeeItem("x", "Phí", FeeKind.Charge, FeeBasis.PerPage, 0,
            PageTiers: [new PageTier(1, 2000), new PageTier(2, 1500), new PageTier(4, 1000)])).Desk
            .ShouldBe("2.000 ₫/trang (trang 1); 1.500 ₫/trang (trang 2–3); 1.000 ₫/trang (từ trang 4)");
    }

    [Fact]
    public void Of_NothingCharged_IsFree()
    {
        var fee = FeeDescription.Of(SeedCatalog.Fee("1.000894"));

        fee.Free.ShouldBeTrue();
        fee.Desk.ShouldBe("Không thu");
        fee.Online.ShouldBe("Không thu");
    }
}
