using System.Text.RegularExpressions;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

public enum ApplicantKind { Person, Organisation }

/// <summary>Chủ hồ sơ: a person (personal identification number) or an organisation (tax or registration code).</summary>
public sealed partial class Applicant
{
    private Applicant() { FullName = null!; SearchName = null!; IdNumber = null!; }

    public ApplicantKind Kind { get; private set; }
    public string FullName { get; private set; }
    /// <summary>Folded name for diacritic-insensitive search.</summary>
    public string SearchName { get; private set; }
    /// <summary>Số định danh cá nhân (12 digits) for a person; mã số thuế / số đăng ký for an organisation.</summary>
    public string IdNumber { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Address { get; private set; }
    /// <summary>Ngày sinh, when known: filled from the national population database (docs/adr/0033c).</summary>
    public DateOnly? BirthDate { get; private set; }

    [GeneratedRegex(@"^\d{12}$")] private static partial Regex PersonalId();
    [GeneratedRegex(@"^\d{10}(-\d{3})?$|^[0-9A-Z]{6,20}$")] private static partial Regex OrganisationId();
    [GeneratedRegex(@"^(0|\+84)\d{9}$")] private static partial Regex VietnamesePhone();
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")] private static partial Regex EmailFormat();

    public static Applicant Create(ApplicantKind kind, string fullName, string idNumber, string? phone, string? email, string? address,
        DateOnly? birthDate = null)
    {
        var problems = new List<string>();
        var name = Text.NormalizeOrNull(fullName);
        if (name is null) problems.Add("chưa nhập họ tên (tên tổ chức)");
        else if (name.Length > 200) problems.Add("họ tên quá dài (tối đa 200 ký tự)");
        var id = idNumber?.Trim().ToUpperInvariant() ?? "";
        if (kind == ApplicantKind.Person && !PersonalId().IsMatch(id))
            problems.Add("số định danh cá nhân phải gồm 12 chữ số");
        if (kind == ApplicantKind.Organisation && !OrganisationId().IsMatch(id))
            problems.Add("mã số thuế hoặc số đăng ký của tổ chức không hợp lệ");
        var tel = phone is null ? null : Regex.Replace(phone, @"[\s.\-]", "");
        // One form in storage (0xxxxxxxxx), so that search by phone finds "+84 912…" and "0912…" alike.
        if (tel?.StartsWith("+84", StringComparison.Ordinal) == true) tel = "0" + tel[3..];
        if (!string.IsNullOrEmpty(tel) && !VietnamesePhone().IsMatch(tel))
            problems.Add("số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0)");
        var mail = email?.Trim();
        if (!string.IsNullOrEmpty(mail) && (mail.Length > 200 || !EmailFormat().IsMatch(mail)))
            problems.Add("địa chỉ thư điện tử không hợp lệ");
        var addr = Text.NormalizeOrNull(address);
        if (addr?.Length > 500) problems.Add("địa chỉ quá dài (tối đa 500 ký tự)");
        if (problems.Count > 0)
            throw new DomainException($"Thông tin người nộp chưa hợp lệ: {string.Join("; ", problems)}.");
        return new Applicant
        {
            Kind = kind,
            FullName = name!,
            SearchName = Text.SearchKey(name),
            IdNumber = id,
            Phone = string.IsNullOrEmpty(tel) ? null : tel,
            Email = string.IsNullOrEmpty(mail) ? null : mail,
            Address = addr,
            BirthDate = kind == ApplicantKind.Person ? birthDate : null,
        };
    }
}
