using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Forms;

namespace MotCua.Tests.Pages.Office.Forms;

public sealed class FormTextTests
{
    [Theory]
    [InlineData(2026, 11, 17, "Trần Biên, ngày 17 tháng 11 năm 2026")]
    [InlineData(2026, 2, 5, "Trần Biên, ngày 05 tháng 02 năm 2026")]
    [InlineData(2026, 3, 9, "Trần Biên, ngày 09 tháng 3 năm 2026")]
    public void PlaceAndDate_FollowsDecree30_ZeroBeforeDaysBelow10AndMonths1And2(int year, int month, int day, string expected) =>
        FormText.PlaceAndDate("Trần Biên", new DateOnly(year, month, day)).ShouldBe(expected);

    [Theory]
    [InlineData("Phường Trần Biên", "Trần Biên")]
    [InlineData("Xã Phú Lộc", "Phú Lộc")]
    [InlineData("Đặc khu Côn Đảo", "Côn Đảo")]
    [InlineData("Thị xã Ninh Hòa", "Ninh Hòa")]
    [InlineData("Tỉnh Minh Họa", "Minh Họa")]
    public void Place_DropsTheKindOfUnit(string unit, string place) => FormText.Place(unit).ShouldBe(place);

    [Fact]
    public void Upper_KeepsVietnameseLettersComposed() =>
        FormText.Upper("Ủy ban nhân dân phường Trần Biên").ShouldBe("ỦY BAN NHÂN DÂN PHƯỜNG TRẦN BIÊN");

    [Fact]
    public void Time_IsVietnamTime() => FormText.Time(TestClock.Vn(2026, 11, 17, 8, 5)).ShouldBe("08:05 ngày 17/11/2026");

    [Theory]
    [InlineData(9, 0, ControlSlipForm.Timing.OnTime)]
    [InlineData(17, 0, ControlSlipForm.Timing.Late)]
    public void Judge_OnTheDueDay_IsOnTime_AfterTheDueTime_IsLate(int hour, int minute, ControlSlipForm.Timing expected) =>
        ControlSlipForm.Judge(TestClock.Vn(2026, 11, 20, hour, minute), TestClock.Vn(2026, 11, 20, 16, 0)).ShouldBe(expected);

    [Fact]
    public void Judge_ADayBeforeTheDueDate_IsEarly() =>
        ControlSlipForm.Judge(TestClock.Vn(2026, 11, 19, 16, 59), TestClock.Vn(2026, 11, 20, 7, 30)).ShouldBe(ControlSlipForm.Timing.Early);

    [Fact]
    public void LookupUrl_EscapesTheCodesAndKeepsTheBasePath() =>
        ReceiptForm.Builder.LookupUrl(new Uri("https://dichvucong.example.vn/motcua/"), "000.00.41.H98-261117-0001", "ABCD2345").AbsoluteUri
            .ShouldBe("https://dichvucong.example.vn/motcua/tra-cuu?ma=000.00.41.H98-261117-0001&khoa=ABCD2345");
}
