using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;

namespace MotCua.Web.Features.DemoData;

/// <summary>The demo province: fictitious agency codes (H99 is no real province) and commune names taken from
/// the plans the system was built from.</summary>
internal static class DemoUnits
{
    public const string Password = "MotCua@2026";
    public const string ProvinceCode = "000.00.00.H99";

    public sealed record CommuneSpec(string Key, string Name, UnitKind Kind, string Code, string? OldCode, string LeaderTitle);

    public static readonly CommuneSpec[] Communes =
    [
        new("tranbien", "Phường Trần Biên", UnitKind.Ward, "000.00.31.H99", "000.20.21.H99", "Chủ tịch UBND phường Trần Biên"),
        new("tamphuoc", "Xã Tam Phước", UnitKind.Commune, "000.00.32.H99", null, "Chủ tịch UBND xã Tam Phước"),
        new("phuloc", "Xã Phú Lộc", UnitKind.Commune, "000.00.33.H99", "000.18.22.H99", "Phó Chủ tịch UBND xã Phú Lộc"),
    ];

    /// <summary>Departments of a commune after the 2025 reorganisation, with the level-3 digits of their code.</summary>
    public static readonly (string Name, UnitKind Kind, string Level3)[] Departments =
    [
        ("Trung tâm Phục vụ hành chính công", UnitKind.PublicServiceCenter, "01"),
        ("Văn phòng HĐND và UBND", UnitKind.Department, "02"),
        ("Phòng Kinh tế", UnitKind.Department, "03"),
        ("Phòng Văn hóa - Xã hội", UnitKind.Department, "04"),
    ];

    public sealed record OfficialSpec(string UserName, string FullName, OfficialRole Role, string Title, int DepartmentIndex);

    /// <summary>One official for every role in every commune; the department index points into <see cref="Departments"/>
    /// (-1 = the commune itself, as leaders and the statistics office sign for the commune).</summary>
    public static OfficialSpec[] OfficialsOf(CommuneSpec c) =>
    [
        new($"motcua.{c.Key}", NameFor(c.Key, 0), OfficialRole.DeskOfficial, "Công chức Trung tâm Phục vụ hành chính công", 0),
        new($"motcua2.{c.Key}", NameFor(c.Key, 1), OfficialRole.DeskOfficial, "Công chức Trung tâm Phục vụ hành chính công", 0),
        new($"chuyenvien.{c.Key}", NameFor(c.Key, 2), OfficialRole.Specialist, "Công chức Văn phòng HĐND và UBND (tư pháp - hộ tịch)", 1),
        new($"kinhte.{c.Key}", NameFor(c.Key, 3), OfficialRole.Specialist, "Chuyên viên Phòng Kinh tế", 2),
        new($"lanhdao.{c.Key}", NameFor(c.Key, 4), OfficialRole.Leader, c.LeaderTitle, -1),
        new($"vanthu.{c.Key}", NameFor(c.Key, 5), OfficialRole.Clerk, "Văn thư UBND", 1),
        new($"thongke.{c.Key}", NameFor(c.Key, 6), OfficialRole.StatisticsOffice, "Chánh Văn phòng HĐND và UBND", 1),
    ];

    private static readonly string[][] Names =
    [
        ["Nguyễn Thị Lan", "Trần Minh Khôi", "Lê Thu Hằng", "Phạm Quốc Bảo", "Võ Văn Thành", "Đặng Thị Mai", "Bùi Ngọc Anh"],
        ["Hoàng Văn Nam", "Huỳnh Thị Thảo", "Phan Đức Tâm", "Vũ Thị Yến", "Ngô Quang Hải", "Đỗ Thị Hương", "Dương Minh Tuấn"],
        ["Lý Thị Ngọc", "Hồ Văn Lợi", "Trương Thị Diễm", "Mai Xuân Trường", "Lâm Văn Phúc", "Cao Thị Huệ", "Tạ Quang Vinh"],
    ];

    private static string NameFor(string key, int i) => Names[Array.FindIndex(Communes, c => c.Key == key)][i];

    public static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    public static readonly string[] MiddleNames = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Đức", "Thu", "Quang", "Hoài", "Gia", "Bảo"];
    public static readonly string[] GivenNames = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến", "Đạt", "Ánh"];
}
