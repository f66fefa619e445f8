using MotCua.Web.Features.Reception;

namespace MotCua.Tests.Features.Reception;

/// <summary>The chip ID card's QR text, as a desk scanner types it into the ID box.</summary>
public sealed class ChipIdQrTests
{
    [Fact]
    public void Parse_TheCardsSevenFields_ReadsIdNameDatesAndAddress()
    {
        var card = ChipIdQr.Parse("001185000321|123456789|Phạm Thị Quay Lại|15031985|Nữ|Số 2 đường Cũ, phường Một|01072021\r\n");

        card.ShouldNotBeNull();
        card.ShouldBe(new ChipIdQr.Card("001185000321", "123456789", "Phạm Thị Quay Lại", new DateOnly(1985, 3, 15), "Nữ",
            "Số 2 đường Cũ, phường Một", new DateOnly(2021, 7, 1)));
    }

    [Fact]
    public void Parse_WithoutTheOldNumberOrWithATrailingBar_StillReadsTheCard()
    {
        var card = ChipIdQr.Parse("079190000123||Trần Văn A|01011990|Nam|Tổ 1, phường Hai|20052022|");

        card.ShouldNotBeNull();
        (card.IdNumber, card.OldIdNumber, card.FullName, card.IssuedOn).ShouldBe(("079190000123", null, "Trần Văn A", new DateOnly(2022, 5, 20)));
    }

    [Theory]
    [InlineData("001185000321")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12345|x|Tên|01011990|Nam|Địa chỉ|01012020")]
    [InlineData("001185000321|x||01011990|Nam|Địa chỉ|01012020")]
    [InlineData("001185000321|a|b")]
    [InlineData("001185000321|a|Tên|01011990|Nam|Địa chỉ|01012020|thừa|thừa")]
    public void Parse_AnythingElse_IsNotACard(string? text) => ChipIdQr.Parse(text).ShouldBeNull();

    [Fact]
    public void Parse_AnUnreadableDate_KeepsTheRestOfTheCard()
    {
        var card = ChipIdQr.Parse("001185000321||Lê Thị B|31021990|Nữ|Thôn 3|xx");

        card.ShouldNotBeNull();
        (card.BirthDate, card.IssuedOn, card.Address).ShouldBe((null, null, "Thôn 3"));
    }
}
