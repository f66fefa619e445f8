using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Exchange;

/// <summary>What a record needs beyond the dossier itself: its procedure's code and the version's name and field, and
/// the agency codes of its units.</summary>
public sealed record SyncRecordContext(string ProcedureCode, string ProcedureName, string FieldCode, string FieldName, string CompetentUnitCode, string? ReceivingUnitCode);

/// <summary>Dossier → sync record: the one mapping the export and the national-portal sync send (docs/model.md,
/// "Dossier exchange"; the contract with the 766 scorecard). The dossier must be loaded with its parts and history.</summary>
public static class SyncRecordMapping
{
    /// <summary>Where the office opens a file kept here; an imported file keeps the other system's address.</summary>
    public static string FileAddress(DossierFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.ExternalAddress ?? $"/office/files/{file.Id}";
    }

    /// <param name="fileAddress">Where the receiver fetches a file; <see cref="FileAddress"/> (the office's path) unless
    /// given (the national portal gets signed links it can open, docs/adr/0032d).</param>
    public static SyncRecord From(Dossier d, SyncRecordContext c, Func<DossierFile, string>? fileAddress = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(c);
        var address = fileAddress ?? FileAddress;
        var person = d.Applicant.Kind == ApplicantKind.Person;
        var totalFees = d.FeesOwed;
        return new SyncRecord
        {
            MaHoSo = d.Code,
            MaTTHC = c.ProcedureCode,
            TenTTHC = c.ProcedureName,
            MaLinhVuc = c.FieldCode,
            TenLinhVuc = c.FieldName,
            KenhThucHien = (int)d.Channel,
            ChuHoSo = d.Applicant.FullName,
            SoGiayToChuHoSo = d.Applicant.IdNumber,
            LoaiDoiTuong = person ? 1 : 2,
            SoDienThoai = d.Applicant.Phone,
            Email = d.Applicant.Email,
            TrichYeuHoSo = d.Summary,
            NgayNopHoSo = SyncRecordJson.Format(d.SubmittedAtUtc),
            NgayTiepNhan = SyncRecordJson.Format(d.ReceivedAtUtc),
            // The due date set at reception: the receiver adds the supplement time back itself (766, 2.1).
            NgayHenTra = SyncRecordJson.Format(d.OriginalDueAtUtc),
            TrangThaiHoSo = (int)d.Status,
            NgayTra = SyncRecordJson.Format(d.ReturnedAtUtc),
            NgayKetThucXuLy = SyncRecordJson.Format(d.ProcessingEndedAtUtc),
            NgayTuChoi = SyncRecordJson.Format(d.RefusedAtUtc),
            DonViXuLy = c.CompetentUnitCode,
            NoiNopHoSo = c.ReceivingUnitCode,
            HoSoCoThanhPhanSoHoa = d.Components.Any(x => x.Digitized) ? 1 : 0,
            // Only the citizen's own online submission from a VNeID-verified account: a desk check against the population
            // database is a connection to that database (DSKetNoiCSDL), not a VNeID account (docs/adr/0033c).
            TaiKhoanDuocXacThucVoiVNeID = d.IdentityCheck == IdentityCheck.ElectronicIdentity ? 1 : 0,
            DuocThanhToanTrucTuyen = d.OnlinePaymentKind,
            DinhDanhCHS = [new SyncIdentity { LoaiDinhDanh = person ? 1 : 2, SoDinhDanh = d.Applicant.IdNumber }],
            DSKetNoiCSDL = [.. d.ConnectedDatabases.Select(code => new SyncDatabase { MaCSDL = code })],
            // Parts in an order that does not depend on how the database returned them: the same dossier, the same record.
            TaiLieuNop = [.. d.Components.OrderBy(x => x.RequirementCode, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal).SelectMany(x => Components(d, x, address))],
            DanhSachLePhi = [.. d.Fees.OrderBy(f => f.Code, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => new SyncFee
            {
                TenPhiLePhi = f.Name,
                MaPhiLePhi = f.Code,
                HinhThucThu = d.OnlinePaymentKind > 0 && totalFees > 0 ? 2 : 1,
                Gia = f.Amount,
                LoaiPhiLePhi = f.Kind == FeeKind.Charge ? 1 : 2,
            })],
            DanhSachHoSoBoSung = [.. d.Supplements.OrderBy(s => s.Number).Select(s => new SyncSupplement
            {
                NguoiYeuCauBoSung = s.RequestedBy,
                NoiDungBoSung = s.Reason,
                NgayBoSung = SyncRecordJson.Format(s.RequestedAtUtc),
                NgayTiepNhanBoSung = s.State == SupplementState.Answered ? SyncRecordJson.Format(s.AnsweredAtUtc) : null,
                TrangThaiBoSung = s.State switch { SupplementState.Open => 0, SupplementState.Answered => 1, _ => 2 },
                NgayHenTraTruoc = SyncRecordJson.Format(s.DueBeforeUtc),
                NgayHenTraMoi = SyncRecordJson.Format(s.DueAfterUtc),
            })],
            DanhSachGiayToKetQua = [.. d.Results.OrderBy(r => r.IssuedAtUtc).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => new SyncResult
            {
                TenGiayTo = r.Name,
                MaGiayToKetQua = r.ResultCode,
                DuongDanTepTinKetQua = d.Files.Where(f => f.Purpose == DossierFilePurpose.Result && f.ResultId == r.Id)
                    .OrderBy(f => f.AddedAtUtc).Select(address).FirstOrDefault(),
            })],
            // The history as this system or the one before it recorded it; the import entries themselves are this
            // system's bookkeeping, not processing.
            QuaTrinhXuLy = [.. d.History.Where(e => e.Kind != DossierEventKind.Import).OrderBy(e => e.Sequence).Select(e => new SyncStep
            {
                NguoiXuLy = e.ActorName,
                ChucDanh = e.ActorRole,
                ThoiDiemXuLy = SyncRecordJson.Format(e.AtUtc),
                PhongBanXuLy = e.UnitName,
                NoiDungXuLy = e.Reason is null ? e.Description : $"{e.Description}. Lý do: {e.Reason}",
                TrangThai = (int)e.ToStatus,
            })],
        };
    }

    /// <summary>One item per file of the component (or one without a file), all with the component's code.</summary>
    private static IEnumerable<SyncComponent> Components(Dossier d, DossierComponent c, Func<DossierFile, string> address)
    {
        var files = d.Files.Where(f => f.Purpose == DossierFilePurpose.Component && f.ComponentId == c.Id).OrderBy(f => f.AddedAtUtc).ToList();
        SyncComponent Item(string name, string? address) => new()
        {
            TenTepDinhKem = name,
            MaThanhPhanHoSo = c.RequirementCode,
            DuongDanTaiTepTin = address,
            DuocSoHoa = c.Digitized ? 1 : 0,
            DuocTaiSuDung = c.Reused ? 1 : 0,
            DuocLayTuKhoDMQG = c.FromCitizenStore ? 1 : 0,
            MaKetQuaThayThe = c.ReplacedByResultCode,
        };
        return files.Count == 0 ? [Item(c.Name, null)] : files.Select(f => Item(f.FileName, address(f)));
    }
}
