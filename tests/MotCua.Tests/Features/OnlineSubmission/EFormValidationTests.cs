using System.Text.Json;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.OnlineSubmission;

namespace MotCua.Tests.Features.OnlineSubmission;

public sealed class EFormValidationTests
{
    private static readonly EFormField[] Fields =
    [
        new("hoTen", "Họ và tên", EFormFieldType.Text, Required: true, MaxLength: 10),
        new("ngay", "Ngày sinh", EFormFieldType.Date, Required: true),
        new("soBan", "Số bản", EFormFieldType.Number),
        new("cccd", "Số định danh", EFormFieldType.PersonalIdNumber),
        new("sdt", "Điện thoại", EFormFieldType.Phone),
        new("thu", "Thư điện tử", EFormFieldType.Email),
        new("gioiTinh", "Giới tính", EFormFieldType.Select, Required: true, Options: ["Nam", "Nữ"]),
        new("dongY", "Đồng ý", EFormFieldType.Checkbox, Required: true),
        new("kyHieu", "Ký hiệu", EFormFieldType.Text, Pattern: "^[A-Z]{2}$"),
    ];

    private static EFormValidation.Result Validate(Dictionary<string, string> entered) => EFormValidation.Validate(Fields, entered);

    [Fact]
    public void Validate_WhenEverythingIsRight_StoresOneFormOfEachValueAndLeavesOutEmptyOptionalFields()
    {
        var result = Validate(new()
        {
            ["hoTen"] = "  Lê Thị Hoa ",
            ["ngay"] = "05/09/1990",
            ["soBan"] = " 2 ",
            ["sdt"] = "+84 912 345 678",
            ["gioiTinh"] = "Nữ",
            ["dongY"] = "true",
            ["thu"] = "",
            ["ghiChuLa"] = "không thuộc biểu mẫu",
        });

        result.IsValid.ShouldBeTrue(string.Join(" ", result.Errors.Values));
        using var json = JsonDocument.Parse(result.ToJson());
        var root = json.RootElement;
        root.GetProperty("hoTen").GetString().ShouldBe("Lê Thị Hoa");
        root.GetProperty("ngay").GetString().ShouldBe("1990-09-05");
        root.GetProperty("soBan").GetString().ShouldBe("2");
        root.GetProperty("sdt").GetString().ShouldBe("0912345678");
        root.GetProperty("dongY").GetBoolean().ShouldBeTrue();
        root.TryGetProperty("thu", out _).ShouldBeFalse();
        root.TryGetProperty("ghiChuLa", out _).ShouldBeFalse();
        result.ToJson().ShouldContain("Lê Thị Hoa", Case.Sensitive, "Vietnamese is stored as text, not \\u escapes");
    }

    [Fact]
    public void Validate_WhenRequiredFieldsAreEmpty_NamesEachOneInVietnamese()
    {
        var result = Validate([]);

        result.Errors.ShouldBe(new Dictionary<string, string>
        {
            ["hoTen"] = "Họ và tên: chưa nhập.",
            ["ngay"] = "Ngày sinh: chưa nhập.",
            ["gioiTinh"] = "Giới tính: chưa chọn.",
            ["dongY"] = "Đồng ý: cần đánh dấu ô này.",
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("hoTen", "Nguyễn Văn Anh Tuấn", "Họ và tên: tối đa 10 ký tự (đang có 19).")]
    [InlineData("ngay", "30/02/1990", "Ngày sinh: ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/09/2026.")]
    [InlineData("ngay", "05/09/0990", "Ngày sinh: ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/09/2026.")]
    [InlineData("soBan", "hai", "Số bản: phải là một số nguyên từ 0 đến 1000000 (ví dụ: 2).")]
    [InlineData("soBan", "-1", "Số bản: phải là một số nguyên từ 0 đến 1000000 (ví dụ: 2).")]
    [InlineData("soBan", "1.5", "Số bản: phải là một số nguyên từ 0 đến 1000000 (ví dụ: 2).")]
    [InlineData("soBan", "99999999999", "Số bản: phải là một số nguyên từ 0 đến 1000000 (ví dụ: 2).")]
    [InlineData("hoTen", "Ho\0a", "Họ và tên: có ký tự điều khiển không hợp lệ.")]
    [InlineData("cccd", "0011900000", "Số định danh: số định danh cá nhân phải gồm đúng 12 chữ số.")]
    [InlineData("sdt", "091234", "Điện thoại: số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0).")]
    [InlineData("thu", "hoa@", "Thư điện tử: địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn).")]
    [InlineData("gioiTinh", "Khác", "Giới tính: hãy chọn một giá trị trong danh sách.")]
    [InlineData("kyHieu", "abc", "Ký hiệu: không đúng định dạng yêu cầu.")]
    public void Validate_WhenAValueIsWrong_SaysWhatIsWrongWithThatField(string key, string value, string message)
    {
        var entered = new Dictionary<string, string> { ["hoTen"] = "Hoa", ["ngay"] = "1990-09-05", ["gioiTinh"] = "Nữ", ["dongY"] = "on" };
        entered[key] = value;

        var result = Validate(entered);

        result.Errors.ShouldBe(new Dictionary<string, string> { [key] = message });
        result.Values.ContainsKey(key).ShouldBeFalse();
    }

    [Fact]
    public void ReadEntered_OfWhatWasWritten_GivesTheSameTextBack_AndOfBrokenJsonGivesNothing()
    {
        var entered = new Dictionary<string, string> { ["hoTen"] = "Lê Thị Hoa", ["dongY"] = "true", ["ngay"] = "31/02" };

        EFormValidation.ReadEntered(EFormValidation.WriteEntered(entered)).ShouldBe(entered, ignoreOrder: true);
        EFormValidation.ReadEntered("""{"dongY":true,"soBan":2,"x":null}""").ShouldBe(new Dictionary<string, string> { ["dongY"] = "true", ["soBan"] = "2", ["x"] = "" }, ignoreOrder: true);
        EFormValidation.ReadEntered("{không phải json").ShouldBeEmpty();
    }
}
