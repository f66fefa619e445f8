using System.Globalization;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Forms;

/// <summary>How the forms write dates, names and places. Administrative documents follow Decree 30/2020/NĐ-CP:
/// days below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02 năm 2026", "ngày 17 tháng 11").</summary>
public static class FormText
{
    public const string Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    public const string PeoplesCommittee = "Ủy ban nhân dân";

    // Longest first: "Thị xã X" must not lose only "Thị ".
    private static readonly string[] PlacePrefixes =
        ["Thành phố ", "Thị trấn ", "Thị xã ", "Đặc khu ", "Phường ", "Huyện ", "Quận ", "Tỉnh ", "Xã "];

    /// <summary>"14:05 ngày 17/11/2026", as the receipt prints reception and due times.</summary>
    public static string Time(DateTime? utc) =>
        utc is { } t ? VietnamTime.ToLocal(t).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    /// <summary>"17/11/2026 14:05", for tables and spreadsheets where the date is what the eye looks for first.</summary>
    public static string DateAndTime(DateTime? utc) =>
        utc is { } t ? VietnamTime.ToLocal(t).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Date(DateTime? utc) => utc is { } t ? VietnamTime.FormatDate(t) : "";

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Trần Biên, ngày 17 tháng 11 năm 2026".</summary>
    public static string PlaceAndDate(string place, DateOnly date)
    {
        var day = date.Day.ToString(date.Day < 10 ? "00" : "0", CultureInfo.InvariantCulture);
        var month = date.Month.ToString(date.Month <= 2 ? "00" : "0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{place}, ngày {day} tháng {month} năm {date.Year}");
    }

    /// <summary>The place name of a unit for the date line: "Phường Trần Biên" → "Trần Biên".</summary>
    public static string Place(string unitName)
    {
        var name = Text.Normalize(unitName);
        foreach (var prefix in PlacePrefixes)
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return name[prefix.Length..];
        return name;
    }

    /// <summary>Vietnamese has no special casing rules, so the invariant upper case is right; NFC is kept.</summary>
    public static string Upper(string value) => Text.Normalize(value.ToUpperInvariant());

    public static string ComponentForm(ComponentForm form) => form switch
    {
        Catalog.ComponentForm.Original => "Bản chính",
        Catalog.ComponentForm.Copy => "Bản sao",
        Catalog.ComponentForm.CertifiedCopy => "Bản sao có chứng thực",
        Catalog.ComponentForm.OriginalToShow => "Bản chính để đối chiếu",
        _ => form.ToString(),
    };

    /// <summary>How a letter addresses the applicant.</summary>
    public static string Salutation(ApplicantKind kind) => kind == ApplicantKind.Person ? "Ông/Bà" : "Quý cơ quan, tổ chức";

    /// <summary>"Đỗ Thị Hoa, 0987654321": the register's address/phone column when one of them is missing.</summary>
    public static string Join(params string?[] parts) => string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
