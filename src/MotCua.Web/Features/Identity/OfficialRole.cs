namespace MotCua.Web.Features.Identity;

/// <summary>Roles of officials. Names are the Identity role names and the policy names.</summary>
public enum OfficialRole
{
    /// <summary>Cán bộ một cửa: receives, digitizes, returns results, collects fees.</summary>
    DeskOfficial,
    /// <summary>Chuyên viên: appraises, drafts the result, asks for supplements, coordinates.</summary>
    Specialist,
    /// <summary>Lãnh đạo: assigns, approves and signs.</summary>
    Leader,
    /// <summary>Văn thư: numbers and issues signed results.</summary>
    Clerk,
    /// <summary>Văn phòng – Thống kê: reports, targets, apology letters.</summary>
    StatisticsOffice,
    Administrator,
}

public static class OfficialRoles
{
    public static string DisplayName(this OfficialRole role) => role switch
    {
        OfficialRole.DeskOfficial => "Cán bộ một cửa",
        OfficialRole.Specialist => "Chuyên viên",
        OfficialRole.Leader => "Lãnh đạo",
        OfficialRole.Clerk => "Văn thư",
        OfficialRole.StatisticsOffice => "Văn phòng – Thống kê",
        OfficialRole.Administrator => "Quản trị hệ thống",
        _ => role.ToString(),
    };
}
