using MotCua.Web.Features.Payments.Receipts;

namespace MotCua.Tests.Payments;

/// <summary>The amount in words a receipt carries, read as Vietnamese accounting writes it.</summary>
public sealed class MoneyInWordsTests
{
    [Theory]
    [InlineData(0, "Không đồng")]
    [InlineData(5, "Năm đồng")]
    [InlineData(10, "Mười đồng")]
    [InlineData(15, "Mười lăm đồng")]
    [InlineData(21, "Hai mươi mốt đồng")]
    [InlineData(25, "Hai mươi lăm đồng")]
    [InlineData(105, "Một trăm linh năm đồng")]
    [InlineData(1_000, "Một nghìn đồng")]
    [InlineData(8_000, "Tám nghìn đồng")]
    [InlineData(50_000, "Năm mươi nghìn đồng")]
    [InlineData(115_000, "Một trăm mười lăm nghìn đồng")]
    [InlineData(1_005_000, "Một triệu không trăm linh năm nghìn đồng")]
    [InlineData(1_000_001, "Một triệu không trăm linh một đồng")]
    [InlineData(2_500_000_000, "Hai tỷ năm trăm triệu đồng")]
    [InlineData(1_000_000_000_000, "Một nghìn tỷ đồng")]
    [InlineData(3_040_011, "Ba triệu không trăm bốn mươi nghìn không trăm mười một đồng")]
    public void ReadsTheAmount(long amount, string words) => MoneyInWords.Of(amount).ShouldBe(words);
}
