using System.Globalization;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin;

/// <summary>How the administration pages name the model's values in Vietnamese.</summary>
public static class AdminText
{
    public static string Name(this UnitKind kind) => kind switch
    {
        UnitKind.Province => "Tỉnh, thành phố",
        UnitKind.District => "Cấp huyện (dữ liệu cũ)",
        UnitKind.Commune => "Xã",
        UnitKind.Ward => "Phường",
        UnitKind.SpecialZone => "Đặc khu",
        UnitKind.Department => "Phòng, ban, văn phòng",
        UnitKind.OneStopDesk => "Bộ phận Một cửa",
        UnitKind.PublicServiceCenter => "Trung tâm Phục vụ hành chính công",
        _ => kind.ToString(),
    };

    public static string Name(this OnlineLevel level) => level switch
    {
        OnlineLevel.Full => "Toàn trình",
        OnlineLevel.Partial => "Một phần",
        OnlineLevel.None => "Không có dịch vụ công trực tuyến",
        _ => level.ToString(),
    };

    public static string Name(this ResultType type) => type switch
    {
        ResultType.PaperDocument => "Giấy tờ (kèm bản điện tử)",
        ResultType.Electronic => "Kết quả điện tử",
        _ => type.ToString(),
    };

    public static string Name(this LegalTimeUnit unit) => unit switch
    {
        LegalTimeUnit.SameDay => "Trong ngày",
        LegalTimeUnit.WorkingDays => "Ngày làm việc",
        LegalTimeUnit.WorkingHours => "Giờ làm việc",
        _ => unit.ToString(),
    };

    public static string Name(this ComponentForm form) => form switch
    {
        ComponentForm.Original => "Bản chính",
        ComponentForm.Copy => "Bản sao",
        ComponentForm.CertifiedCopy => "Bản sao có chứng thực",
        ComponentForm.OriginalToShow => "Bản chính để đối chiếu",
        _ => form.ToString(),
    };

    public static string Name(this FeeKind kind) => kind == FeeKind.Fee ? "Lệ phí" : "Phí";

    public static string Name(this FeeBasis basis) => basis switch
    {
        FeeBasis.PerCase => "Theo hồ sơ",
        FeeBasis.PerCopy => "Theo bản",
        FeeBasis.PerPage => "Theo trang",
        _ => basis.ToString(),
    };

    public static string Name(this WorkflowStepPlace place) => place switch
    {
        WorkflowStepPlace.OneStopDesk => "Bộ phận Một cửa",
        WorkflowStepPlace.Department => "Công chức chuyên môn",
        WorkflowStepPlace.Leadership => "Lãnh đạo",
        WorkflowStepPlace.Clerk => "Văn thư",
        WorkflowStepPlace.CoordinatingUnit => "Đơn vị phối hợp",
        _ => place.ToString(),
    };

    public static string Name(this EFormFieldType type) => type switch
    {
        EFormFieldType.Text => "Văn bản",
        EFormFieldType.MultilineText => "Văn bản nhiều dòng",
        EFormFieldType.Number => "Số",
        EFormFieldType.Date => "Ngày",
        EFormFieldType.Select => "Chọn trong danh sách",
        EFormFieldType.Checkbox => "Ô đánh dấu",
        EFormFieldType.PersonalIdNumber => "Số định danh cá nhân",
        EFormFieldType.Phone => "Số điện thoại",
        EFormFieldType.Email => "Thư điện tử",
        _ => type.ToString(),
    };

    public static string Name(this CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "Nghỉ lễ, Tết",
        CalendarDayKind.CompensatoryDayOff => "Nghỉ bù",
        CalendarDayKind.SwappedWorkday => "Làm bù",
        _ => kind.ToString(),
    };

    public static string DayName(DateOnly date) => Features.Calendar.CalendarInput.DayName(date);

    public static string Date(DateOnly date) => Features.Calendar.CalendarInput.Format(date);

    public static string Date(DateTime utc) => VietnamTime.FormatDate(utc);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The value of an &lt;input type="date"&gt;.</summary>
    public static string InputDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Money(long amount) => FeeCalculator.Money(amount);
}
