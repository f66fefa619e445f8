using System.Diagnostics.CodeAnalysis;

namespace MotCua.Web.Features.Exchange;

// The national sync record (domain brief §8, Circular 04/2025/TT-VPCP): the property names are the exchange's field
// names, Vietnamese without diacritics, and go on the wire as they are (no naming policy, SyncRecordJson). Dates are
// text: yyyyMMddHHmmss in Vietnam time (the exchange's form, which the export writes) or ISO 8601 with an offset.
// Codes and 0/1 flags are numbers. Lists are arrays, never null on export.
#pragma warning disable CA1056, CA2227 // the exchange's addresses are text, and its lists are plain settable arrays

/// <summary>One dossier as the national portal receives it (and as another system hands it over).</summary>
[SuppressMessage("Naming", "CA1707", Justification = "Field names of the national exchange.")]
public sealed class SyncRecord
{
    public string? MaHoSo { get; set; }
    public string? MaTTHC { get; set; }
    public string? TenTTHC { get; set; }
    public string? MaLinhVuc { get; set; }
    public string? TenLinhVuc { get; set; }
    /// <summary>1 desk, 2 online, 3 postal.</summary>
    public int? KenhThucHien { get; set; }
    public string? ChuHoSo { get; set; }
    public string? SoGiayToChuHoSo { get; set; }
    /// <summary>1 a person, 2 an organisation [to confirm: the exchange's code list].</summary>
    public int? LoaiDoiTuong { get; set; }
    public string? SoDienThoai { get; set; }
    public string? Email { get; set; }
    public string? TrichYeuHoSo { get; set; }
    public string? NgayNopHoSo { get; set; }
    public string? NgayTiepNhan { get; set; }
    public string? NgayHenTra { get; set; }
    /// <summary>1–10, the national status codes.</summary>
    public int? TrangThaiHoSo { get; set; }
    public string? NgayTra { get; set; }
    public string? NgayKetThucXuLy { get; set; }
    public string? NgayTuChoi { get; set; }
    /// <summary>Agency code of the unit that settles the dossier.</summary>
    public string? DonViXuLy { get; set; }
    /// <summary>Where it was handed in: an agency code when it is one.</summary>
    public string? NoiNopHoSo { get; set; }
    public int? HoSoCoThanhPhanSoHoa { get; set; }
    public int? TaiKhoanDuocXacThucVoiVNeID { get; set; }
    /// <summary>1 paid on the national portal, 2 through the local gateway, 0 not paid online.</summary>
    public int? DuocThanhToanTrucTuyen { get; set; }
    public List<SyncIdentity>? DinhDanhCHS { get; set; }
    public List<SyncDatabase>? DSKetNoiCSDL { get; set; }
    public List<SyncComponent>? TaiLieuNop { get; set; }
    public List<SyncFee>? DanhSachLePhi { get; set; }
    public List<SyncSupplement>? DanhSachHoSoBoSung { get; set; }
    public List<SyncResult>? DanhSachGiayToKetQua { get; set; }
    public List<SyncStep>? QuaTrinhXuLy { get; set; }
}

public sealed class SyncIdentity
{
    /// <summary>1 personal identification number, 2 tax or registration code of an organisation [to confirm].</summary>
    public int? LoaiDinhDanh { get; set; }
    public string? SoDinhDanh { get; set; }
}

public sealed class SyncDatabase
{
    public string? MaCSDL { get; set; }
}

/// <summary>A component as submitted (one item per file; items with the same MaThanhPhanHoSo are one component).</summary>
public sealed class SyncComponent
{
    public string? TenTepDinhKem { get; set; }
    public string? MaThanhPhanHoSo { get; set; }
    public string? DuongDanTaiTepTin { get; set; }
    public int? DuocSoHoa { get; set; }
    public int? DuocTaiSuDung { get; set; }
    public int? DuocLayTuKhoDMQG { get; set; }
    public string? MaKetQuaThayThe { get; set; }
}

public sealed class SyncFee
{
    public string? TenPhiLePhi { get; set; }
    public string? MaPhiLePhi { get; set; }
    /// <summary>1 collected at the desk, 2 online [to confirm].</summary>
    public int? HinhThucThu { get; set; }
    /// <summary>In đồng.</summary>
    public long? Gia { get; set; }
    /// <summary>1 phí (charge), 2 lệ phí (fee) [to confirm].</summary>
    public int? LoaiPhiLePhi { get; set; }
}

public sealed class SyncSupplement
{
    public string? NguoiYeuCauBoSung { get; set; }
    public string? NoiDungBoSung { get; set; }
    public string? NgayBoSung { get; set; }
    public string? NgayTiepNhanBoSung { get; set; }
    /// <summary>0 waiting for the applicant, 1 answered, 2 closed unanswered [to confirm]; derived from the answer date when absent.</summary>
    public int? TrangThaiBoSung { get; set; }
    public string? NgayHenTraTruoc { get; set; }
    public string? NgayHenTraMoi { get; set; }
}

public sealed class SyncResult
{
    public string? TenGiayTo { get; set; }
    public string? MaGiayToKetQua { get; set; }
    public string? DuongDanTepTinKetQua { get; set; }
}

public sealed class SyncStep
{
    public string? NguoiXuLy { get; set; }
    public string? ChucDanh { get; set; }
    public string? ThoiDiemXuLy { get; set; }
    public string? PhongBanXuLy { get; set; }
    public string? NoiDungXuLy { get; set; }
    public int? TrangThai { get; set; }
    public string? NgayBatDau { get; set; }
    public string? NgayKetThucTheoQuyDinh { get; set; }
}
