namespace MotCua.Web.Features.Dossiers;

/// <summary>How the applicant's identity was checked when the dossier came in (docs/adr/0033c). Only
/// <see cref="ElectronicIdentity"/> is sent to the national portal as TaiKhoanDuocXacThucVoiVNeID: the citizen's own
/// online submission from an account verified with VNeID. A desk check against the population database is sent as a
/// connection to that database (DSKetNoiCSDL) instead.</summary>
public enum IdentityCheck
{
    /// <summary>Not checked (or the population database could not be reached at the desk).</summary>
    None,
    /// <summary>Submitted online by the citizen themself from an account verified with the national e-identity (VNeID).</summary>
    ElectronicIdentity,
    /// <summary>Checked at the desk against the national population database (a lookup recorded in the same sitting).</summary>
    PopulationDatabase,
    /// <summary>Ticked "checked" at the desk before the method was recorded (dossiers received before docs/adr/0033c):
    /// counted as verified, never sent as VNeID.</summary>
    Unrecorded,
}

public static class IdentityChecks
{
    /// <summary>MaCSDL of the national population database (Cơ sở dữ liệu quốc gia về dân cư) in DSKetNoiCSDL [to confirm
    /// with the national portal's code list].</summary>
    public const string PopulationDatabaseCode = "CSDLQGDC";

    public static string DisplayName(this IdentityCheck check) => check switch
    {
        IdentityCheck.ElectronicIdentity => "Tài khoản định danh điện tử VNeID",
        IdentityCheck.PopulationDatabase => "Cơ sở dữ liệu quốc gia về dân cư",
        IdentityCheck.Unrecorded => "Đã kiểm tra tại quầy (không ghi cách kiểm tra)",
        _ => "Chưa xác thực",
    };
}
