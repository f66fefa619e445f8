using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Exchange;

/// <summary>The catalog and the units as an import needs them, read once per import (not once per record).</summary>
public sealed class ImportLookups
{
    public sealed record Version(Guid Id, DateTime EffectiveFromUtc, OnlineLevel OnlineLevel, IReadOnlyDictionary<string, string> ComponentNames);

    public sealed record ProcedureEntry(Guid Id, IReadOnlyList<Version> Versions);

    public required IReadOnlyDictionary<string, ProcedureEntry> Procedures { get; init; }
    /// <summary>Agency code → unit, current codes and the codes units held before a re-issue alike.</summary>
    public required IReadOnlyDictionary<string, Guid> Units { get; init; }
    /// <summary>The units the importing official may import for: their administrative unit and those under it.</summary>
    public required IReadOnlySet<Guid> Scope { get; init; }

    public static async Task<ImportLookups> LoadAsync(AppDbContext db, IReadOnlySet<Guid> scope, CancellationToken ct)
    {
        var procedures = await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        var versions = (await db.ProcedureVersions.AsNoTracking().Select(v => new { v.Id, v.ProcedureId, v.EffectiveFromUtc, v.OnlineLevel, v.Content }).ToListAsync(ct))
            .ToLookup(v => v.ProcedureId);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.AgencyCode }).ToListAsync(ct);
        var history = await db.Set<AgencyCodeAssignment>().AsNoTracking().Select(a => new { a.UnitId, a.Code }).ToListAsync(ct);
        var codes = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in history) codes.TryAdd(h.Code, h.UnitId);
        foreach (var u in units) codes[u.AgencyCode] = u.Id;
        return new ImportLookups
        {
            Procedures = procedures.ToDictionary(p => p.Code, p => new ProcedureEntry(p.Id,
                [.. versions[p.Id].OrderBy(v => v.EffectiveFromUtc).Select(v => new Version(v.Id, v.EffectiveFromUtc, v.OnlineLevel,
                    v.Content.Components.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.First().Name)))]), StringComparer.OrdinalIgnoreCase),
            Units = codes,
            Scope = scope,
        };
    }
}

/// <summary>Checks one sync record against every rule of the exchange (docs/model.md, "Dossier exchange") and turns it
/// into the dossier's terms; every problem is named in Vietnamese, all of them at once.</summary>
public static class RecordValidation
{
    // Column sizes (DossierConfiguration and the parts' configurations): checked here so that SQLite, which would
    // store longer text, and PostgreSQL, which would refuse it, treat the same file alike.
    private const int CodeMax = 40;
    private const int SummaryMax = 1000;
    private const int ComponentNameMax = 500;
    private const int FileNameMax = 260;
    private const int RequirementCodeMax = 60;
    private const int AddressMax = 2000;
    private const int ResultCodeMax = 100;
    private const int FeeNameMax = 300;
    private const int FeeCodeMax = 60;
    private const int TextMax = 2000;
    private const int NameMax = 200;
    private const int RoleMax = 100;
    private const int DatabaseCodeMax = 50;
    private const int ItemsMax = InputLimits.Items;

    public sealed record Outcome(Dossier.ImportedRecord? Record, IReadOnlyList<string> Errors);

    public static Outcome Validate(SyncRecord r, ImportLookups lookups, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(lookups);
        var errors = new List<string>();
        // A date later than this is not history: a day's margin for clocks and time zones.
        var latest = nowUtc.AddDays(1);

        DateTime? Date(string? text, string field, bool required = false, bool due = false)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required) errors.Add($"Thiếu {field}.");
                return null;
            }
            if (!SyncRecordJson.TryParse(text, out var utc))
            {
                errors.Add($"{field} \"{Clip(text)}\" không đúng định dạng ngày giờ: dùng yyyyMMddHHmmss (giờ Việt Nam) hoặc ISO 8601 có múi giờ (ví dụ 2026-03-05T08:30:00+07:00).");
                return null;
            }
            // What happened cannot be later than now; a due date can.
            if (!due && utc > latest) errors.Add($"{field} ({SyncRecordJson.Format(utc)}) sau thời điểm hiện tại.");
            return utc;
        }

        string? Text(string? value, string field, int max, bool required = false)
        {
            var text = Infrastructure.Text.NormalizeOrNull(value);
            if (text is null)
            {
                if (required) errors.Add($"Thiếu {field}.");
                return null;
            }
            if (text.Length > max) errors.Add($"{field} quá dài: tối đa {max} ký tự (đang có {text.Length}).");
            return text;
        }

        bool Flag(int? value, string field)
        {
            if (value is null or 0) return false;
            if (value == 1) return true;
            errors.Add($"{field} chỉ nhận 0 hoặc 1 (đang là {value}).");
            return false;
        }

        string? Address(string? value, string field)
        {
            var text = Text(value, field, AddressMax);
            if (text is null) return null;
            // Only web addresses and this system's own paths: the office opens them in a browser.
            var ok = (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                     || (text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) && !text.Contains('\\', StringComparison.Ordinal));
            if (!ok) errors.Add($"{field} \"{Clip(text)}\" không phải là địa chỉ tệp hợp lệ (http://, https:// hoặc đường dẫn bắt đầu bằng /).");
            return ok ? text : null;
        }

        void Count<T>(List<T>? list, string field)
        {
            if (list?.Count > ItemsMax) errors.Add($"{field} có quá nhiều mục: tối đa {ItemsMax} (đang có {list.Count}).");
        }

        // ---- identity of the dossier, procedure, units
        var code = Text(r.MaHoSo, "MaHoSo", CodeMax, required: true)?.ToUpperInvariant();
        if (code is not null && code.Any(char.IsWhiteSpace)) errors.Add("MaHoSo không được chứa khoảng trắng.");

        ImportLookups.ProcedureEntry? procedure = null;
        var procedureCode = Text(r.MaTTHC, "MaTTHC", 60, required: true);
        if (procedureCode is not null && !lookups.Procedures.TryGetValue(procedureCode, out procedure))
            errors.Add($"MaTTHC \"{Clip(procedureCode)}\" không có trong danh mục thủ tục hành chính của hệ thống.");

        Guid? competent = null;
        var unitCode = Text(r.DonViXuLy, "DonViXuLy", 20, required: true);
        if (unitCode is not null)
        {
            if (!lookups.Units.TryGetValue(unitCode, out var unitId))
                errors.Add($"DonViXuLy \"{Clip(unitCode)}\" không phải là mã định danh của đơn vị nào trong hệ thống.");
            else if (!lookups.Scope.Contains(unitId))
                errors.Add($"DonViXuLy \"{unitCode}\" không thuộc đơn vị của bạn: chỉ nhập hồ sơ của đơn vị mình và các đơn vị trực thuộc.");
            else competent = unitId;
        }
        // Where it was handed in, when that is a unit here; otherwise (an address, a kiosk) the competent unit received it.
        var receiving = Infrastructure.Text.NormalizeOrNull(r.NoiNopHoSo) is { } place && lookups.Units.TryGetValue(place, out var placeId) ? placeId : competent;

        // ---- channel, status
        Channel? channel = r.KenhThucHien is >= 1 and <= 3 ? (Channel)r.KenhThucHien.Value : null;
        if (r.KenhThucHien is null) errors.Add("Thiếu KenhThucHien (1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích).");
        else if (channel is null) errors.Add($"KenhThucHien chỉ nhận 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính công ích); đang là {r.KenhThucHien}.");
        DossierStatus? status = r.TrangThaiHoSo is >= 1 and <= 10 ? (DossierStatus)r.TrangThaiHoSo.Value : null;
        if (r.TrangThaiHoSo is null) errors.Add("Thiếu TrangThaiHoSo (1–10).");
        else if (status is null) errors.Add($"TrangThaiHoSo phải từ 1 đến 10; đang là {r.TrangThaiHoSo}.");
        if (status == DossierStatus.Submitted && channel is { } ch && ch != Channel.Online)
            errors.Add("TrangThaiHoSo 1 (Mới đăng ký) chỉ có ở hồ sơ nộp trực tuyến (KenhThucHien 2).");

        // ---- applicant
        Applicant? applicant = null;
        ApplicantKind? kind = r.LoaiDoiTuong switch { 1 => ApplicantKind.Person, 2 => ApplicantKind.Organisation, null => null, _ => null };
        if (r.LoaiDoiTuong is not null and not 1 and not 2) errors.Add($"LoaiDoiTuong chỉ nhận 1 (cá nhân) hoặc 2 (tổ chức); đang là {r.LoaiDoiTuong}.");
        var idNumber = r.SoGiayToChuHoSo?.Trim();
        if (string.IsNullOrEmpty(idNumber)) errors.Add("Thiếu SoGiayToChuHoSo.");
        else if (string.IsNullOrWhiteSpace(r.ChuHoSo)) errors.Add("Thiếu ChuHoSo.");
        else
        {
            kind ??= idNumber.Length == 12 && idNumber.All(char.IsAsciiDigit) ? ApplicantKind.Person : ApplicantKind.Organisation;
            try
            {
                applicant = Applicant.Create(kind.Value, r.ChuHoSo, idNumber, r.SoDienThoai, r.Email, null);
            }
            catch (DomainException e)
            {
                errors.Add($"ChuHoSo, SoGiayToChuHoSo, SoDienThoai, Email: {e.Message}");
            }
        }
        var summary = Text(r.TrichYeuHoSo, "TrichYeuHoSo", SummaryMax) ?? Text(r.TenTTHC, "TenTTHC", SummaryMax) ?? procedureCode ?? "";

        // ---- dates
        var submitted = Date(r.NgayNopHoSo, "NgayNopHoSo", required: status == DossierStatus.Submitted);
        var receivedRequired = status is not null and not DossierStatus.Submitted and not DossierStatus.Refused;
        var received = Date(r.NgayTiepNhan, "NgayTiepNhan", required: receivedRequired);
        var due = Date(r.NgayHenTra, "NgayHenTra", required: receivedRequired, due: true);
        var returned = Date(r.NgayTra, "NgayTra", required: status == DossierStatus.Returned);
        var refused = Date(r.NgayTuChoi, "NgayTuChoi", required: status == DossierStatus.Refused);
        var ended = Date(r.NgayKetThucXuLy, "NgayKetThucXuLy");
        submitted ??= received ?? refused;
        if (submitted > received) errors.Add("NgayNopHoSo sau NgayTiepNhan.");
        if (received > due) errors.Add("NgayHenTra trước NgayTiepNhan.");
        if (received > ended) errors.Add("NgayKetThucXuLy trước NgayTiepNhan.");
        if (ended > returned) errors.Add("NgayTra trước NgayKetThucXuLy.");
        if (received > returned) errors.Add("NgayTra trước NgayTiepNhan.");
        if (submitted > refused) errors.Add("NgayTuChoi trước NgayNopHoSo.");
        if (ended is not null && status is DossierStatus.Submitted or DossierStatus.Received or DossierStatus.InProgress
                or DossierStatus.SupplementRequested or DossierStatus.AwaitingFinancialObligation)
            errors.Add($"NgayKetThucXuLy chỉ có ở hồ sơ đã kết thúc xử lý (trạng thái 3, 7, 8, 9, 10); hồ sơ đang ở trạng thái {(int)status}.");

        // ---- history
        Count(r.QuaTrinhXuLy, "QuaTrinhXuLy");
        var steps = new List<Dossier.ImportedStep>();
        foreach (var (s, i) in (r.QuaTrinhXuLy ?? []).Select((s, i) => (s, i + 1)))
        {
            var at = Date(s.ThoiDiemXuLy, $"QuaTrinhXuLy[{i}].ThoiDiemXuLy", required: true);
            var who = Text(s.NguoiXuLy, $"QuaTrinhXuLy[{i}].NguoiXuLy", NameMax) ?? "Không ghi tên";
            var role = Text(s.ChucDanh, $"QuaTrinhXuLy[{i}].ChucDanh", RoleMax) ?? "";
            var unit = Text(s.PhongBanXuLy, $"QuaTrinhXuLy[{i}].PhongBanXuLy", NameMax);
            var what = Text(s.NoiDungXuLy, $"QuaTrinhXuLy[{i}].NoiDungXuLy", TextMax, required: true);
            if (s.TrangThai is not null and (< 1 or > 10)) errors.Add($"QuaTrinhXuLy[{i}].TrangThai phải từ 1 đến 10; đang là {s.TrangThai}.");
            Date(s.NgayBatDau, $"QuaTrinhXuLy[{i}].NgayBatDau");
            Date(s.NgayKetThucTheoQuyDinh, $"QuaTrinhXuLy[{i}].NgayKetThucTheoQuyDinh", due: true);
            if (at is { } t && what is not null)
                steps.Add(new(t, who, role, unit, what, s.TrangThai is >= 1 and <= 10 ? (DossierStatus)s.TrangThai.Value : null));
        }

        // The end of processing, when the record leaves it out: by the index's priority of terminal statuses
        // (9 before 10 before 8 / 3, and 7), from the history, the return and the refusal.
        if (ended is null && status is { } st && st is DossierStatus.Decided or DossierStatus.Returned or DossierStatus.Stopped or DossierStatus.Refused or DossierStatus.Withdrawn)
        {
            DateTime? First(DossierStatus s) => steps.Where(x => x.Status == s).Select(x => (DateTime?)x.AtUtc).Min();
            ended = st switch
            {
                DossierStatus.Decided or DossierStatus.Returned => First(DossierStatus.Decided) ?? returned ?? First(DossierStatus.Returned),
                DossierStatus.Refused => refused ?? First(DossierStatus.Refused),
                _ => First(st),
            };
            if (ended is null)
                errors.Add($"Thiếu NgayKetThucXuLy: hồ sơ ở trạng thái {(int)st} đã kết thúc xử lý, và quá trình xử lý không cho biết thời điểm kết thúc.");
        }

        // ---- supplements
        Count(r.DanhSachHoSoBoSung, "DanhSachHoSoBoSung");
        var supplements = new List<Dossier.ImportedSupplement>();
        foreach (var (s, i) in (r.DanhSachHoSoBoSung ?? []).Select((s, i) => (s, i + 1)))
        {
            var f = $"DanhSachHoSoBoSung[{i}]";
            var asked = Date(s.NgayBoSung, $"{f}.NgayBoSung", required: true);
            var answered = Date(s.NgayTiepNhanBoSung, $"{f}.NgayTiepNhanBoSung");
            var reason = Text(s.NoiDungBoSung, $"{f}.NoiDungBoSung", TextMax, required: true);
            var by = Text(s.NguoiYeuCauBoSung, $"{f}.NguoiYeuCauBoSung", NameMax) ?? "";
            var before = Date(s.NgayHenTraTruoc, $"{f}.NgayHenTraTruoc", due: true);
            var after = Date(s.NgayHenTraMoi, $"{f}.NgayHenTraMoi", due: true);
            if (asked > answered) errors.Add($"{f}.NgayTiepNhanBoSung trước NgayBoSung.");
            if (asked < submitted) errors.Add($"{f}.NgayBoSung trước NgayNopHoSo.");
            SupplementState? state = s.TrangThaiBoSung switch
            {
                null => answered is null ? SupplementState.Open : SupplementState.Answered,
                0 => SupplementState.Open,
                1 => SupplementState.Answered,
                2 => SupplementState.Closed,
                _ => null,
            };
            if (state is null) errors.Add($"{f}.TrangThaiBoSung chỉ nhận 0 (chờ bổ sung), 1 (đã bổ sung) hoặc 2 (đã đóng); đang là {s.TrangThaiBoSung}.");
            if (state == SupplementState.Answered && answered is null && s.NgayTiepNhanBoSung is null) errors.Add($"{f}: đã bổ sung (TrangThaiBoSung 1) nhưng thiếu NgayTiepNhanBoSung.");
            if (state == SupplementState.Open && answered is not null) errors.Add($"{f}: còn chờ bổ sung (TrangThaiBoSung 0) nhưng có NgayTiepNhanBoSung.");
            if (asked is { } a && reason is not null && state is { } ss)
                supplements.Add(new(a, ss == SupplementState.Open ? null : answered, ss, by, reason, before, after));
        }
        if (supplements.Count(s => s.State == SupplementState.Open) > 1) errors.Add("DanhSachHoSoBoSung có nhiều hơn một yêu cầu bổ sung đang chờ: mỗi lúc chỉ có một.");

        // ---- components and their files
        Count(r.TaiLieuNop, "TaiLieuNop");
        var version = procedure is null ? null
            : procedure.Versions.LastOrDefault(v => v.EffectiveFromUtc <= (received ?? submitted ?? nowUtc)) ?? (procedure.Versions.Count > 0 ? procedure.Versions[0] : null);
        var components = new List<Dossier.ImportedComponent>();
        foreach (var group in (r.TaiLieuNop ?? []).Select((c, i) => (c, i: i + 1))
                     .GroupBy(x => Infrastructure.Text.NormalizeOrNull(x.c.MaThanhPhanHoSo) ?? $"#{x.i}"))
        {
            var files = new List<Dossier.ImportedFile>();
            bool digitized = false, reused = false, fromStore = false;
            string? replacedBy = null, name = null;
            var requirement = group.Key.StartsWith('#') ? "" : group.Key;
            if (requirement.Length > RequirementCodeMax) errors.Add($"TaiLieuNop: MaThanhPhanHoSo \"{Clip(requirement)}\" quá dài: tối đa {RequirementCodeMax} ký tự.");
            foreach (var (c, i) in group)
            {
                var f = $"TaiLieuNop[{i}]";
                var fileName = Text(c.TenTepDinhKem, $"{f}.TenTepDinhKem", FileNameMax);
                if (fileName is null && requirement.Length == 0) errors.Add($"{f}: thiếu cả TenTepDinhKem và MaThanhPhanHoSo.");
                var address = Address(c.DuongDanTaiTepTin, $"{f}.DuongDanTaiTepTin");
                digitized |= Flag(c.DuocSoHoa, $"{f}.DuocSoHoa");
                reused |= Flag(c.DuocTaiSuDung, $"{f}.DuocTaiSuDung");
                fromStore |= Flag(c.DuocLayTuKhoDMQG, $"{f}.DuocLayTuKhoDMQG");
                replacedBy ??= Text(c.MaKetQuaThayThe, $"{f}.MaKetQuaThayThe", ResultCodeMax);
                name ??= fileName;
                if (address is not null) files.Add(new(fileName ?? FileNameOf(address, requirement), address));
            }
            // The component's name is the catalog's for its code, as at reception; else the name the record gives.
            var componentName = version?.ComponentNames.GetValueOrDefault(requirement) ?? name ?? requirement;
            if (componentName.Length > ComponentNameMax) componentName = componentName[..ComponentNameMax];
            components.Add(new(requirement, componentName, files, digitized, reused, fromStore, replacedBy));
        }

        // ---- fees and online payment
        Count(r.DanhSachLePhi, "DanhSachLePhi");
        var fees = new List<Dossier.ImportedFee>();
        foreach (var (fee, i) in (r.DanhSachLePhi ?? []).Select((x, i) => (x, i + 1)))
        {
            var f = $"DanhSachLePhi[{i}]";
            var name = Text(fee.TenPhiLePhi, $"{f}.TenPhiLePhi", FeeNameMax, required: true);
            var feeCode = Text(fee.MaPhiLePhi, $"{f}.MaPhiLePhi", FeeCodeMax) ?? "";
            if (fee.Gia is null) errors.Add($"Thiếu {f}.Gia.");
            else if (fee.Gia < 0) errors.Add($"{f}.Gia không được âm (đang là {fee.Gia}).");
            if (fee.LoaiPhiLePhi is not null and not 1 and not 2) errors.Add($"{f}.LoaiPhiLePhi chỉ nhận 1 (phí) hoặc 2 (lệ phí); đang là {fee.LoaiPhiLePhi}.");
            if (fee.HinhThucThu is not null and not 1 and not 2) errors.Add($"{f}.HinhThucThu chỉ nhận 1 (trực tiếp) hoặc 2 (trực tuyến); đang là {fee.HinhThucThu}.");
            if (name is not null && fee.Gia is >= 0)
                fees.Add(new(feeCode, name, fee.LoaiPhiLePhi == 1 ? FeeKind.Charge : FeeKind.Fee, fee.Gia.Value));
        }
        PaymentMethod? payment = r.DuocThanhToanTrucTuyen switch
        {
            null or 0 => null,
            1 => PaymentMethod.NationalPortal,
            2 => PaymentMethod.LocalGateway,
            _ => null,
        };
        if (r.DuocThanhToanTrucTuyen is not null and not (0 or 1 or 2))
            errors.Add($"DuocThanhToanTrucTuyen chỉ nhận 0, 1 (trên Cổng Dịch vụ công quốc gia) hoặc 2 (qua cổng thanh toán của địa phương); đang là {r.DuocThanhToanTrucTuyen}.");
        else if (payment is not null && fees.Sum(f => f.Amount) <= 0)
            errors.Add("DuocThanhToanTrucTuyen cho biết đã thanh toán trực tuyến nhưng DanhSachLePhi không có khoản phí, lệ phí nào phải nộp.");

        // ---- results
        Count(r.DanhSachGiayToKetQua, "DanhSachGiayToKetQua");
        var results = new List<Dossier.ImportedResult>();
        foreach (var (res, i) in (r.DanhSachGiayToKetQua ?? []).Select((x, i) => (x, i + 1)))
        {
            var f = $"DanhSachGiayToKetQua[{i}]";
            var name = Text(res.TenGiayTo, $"{f}.TenGiayTo", ComponentNameMax, required: true);
            var resultCode = Text(res.MaGiayToKetQua, $"{f}.MaGiayToKetQua", ResultCodeMax);
            var address = Address(res.DuongDanTepTinKetQua, $"{f}.DuongDanTepTinKetQua");
            if (name is not null)
                results.Add(new(name, resultCode, address is null ? null : new Dossier.ImportedFile(FileNameOf(address, name), address)));
        }

        // ---- identity and databases
        var verified = Flag(r.TaiKhoanDuocXacThucVoiVNeID, "TaiKhoanDuocXacThucVoiVNeID");
        Flag(r.HoSoCoThanhPhanSoHoa, "HoSoCoThanhPhanSoHoa");
        Count(r.DinhDanhCHS, "DinhDanhCHS");
        foreach (var (id, i) in (r.DinhDanhCHS ?? []).Select((x, i) => (x, i + 1)))
        {
            Text(id.SoDinhDanh, $"DinhDanhCHS[{i}].SoDinhDanh", 20, required: true);
            if (id.LoaiDinhDanh is not null and not 1 and not 2) errors.Add($"DinhDanhCHS[{i}].LoaiDinhDanh chỉ nhận 1 (số định danh cá nhân) hoặc 2 (mã số tổ chức); đang là {id.LoaiDinhDanh}.");
        }
        Count(r.DSKetNoiCSDL, "DSKetNoiCSDL");
        var databases = (r.DSKetNoiCSDL ?? []).Select((x, i) => Text(x.MaCSDL, $"DSKetNoiCSDL[{i + 1}].MaCSDL", DatabaseCodeMax, required: true))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();

        if (errors.Count > 0 || code is null || procedure is null || version is null || competent is null || receiving is null
            || channel is null || status is null || applicant is null)
        {
            if (errors.Count == 0) errors.Add("Bản ghi không đủ thông tin để tạo hồ sơ.");
            return new Outcome(null, errors);
        }

        // The record as normalized (dates in the exchange's own form) identifies its content: the same content sent
        // again, in either date form, is recognized and changes nothing.
        Normalize(r);
        return new Outcome(new Dossier.ImportedRecord(
            code, procedure.Id, version.Id, version.OnlineLevel, receiving.Value, competent.Value, channel.Value, status.Value,
            applicant, summary, verified, submitted, received, due, ended, refused, returned, payment, databases,
            components, fees, supplements, results, steps, Digest(r)), []);
    }

    private static void Normalize(SyncRecord r)
    {
        static string? N(string? text) => SyncRecordJson.TryParse(text, out var utc) ? SyncRecordJson.Format(utc) : text;
        r.NgayNopHoSo = N(r.NgayNopHoSo);
        r.NgayTiepNhan = N(r.NgayTiepNhan);
        r.NgayHenTra = N(r.NgayHenTra);
        r.NgayTra = N(r.NgayTra);
        r.NgayKetThucXuLy = N(r.NgayKetThucXuLy);
        r.NgayTuChoi = N(r.NgayTuChoi);
        foreach (var s in r.DanhSachHoSoBoSung ?? [])
        {
            s.NgayBoSung = N(s.NgayBoSung);
            s.NgayTiepNhanBoSung = N(s.NgayTiepNhanBoSung);
            s.NgayHenTraTruoc = N(s.NgayHenTraTruoc);
            s.NgayHenTraMoi = N(s.NgayHenTraMoi);
        }
        foreach (var s in r.QuaTrinhXuLy ?? [])
        {
            s.ThoiDiemXuLy = N(s.ThoiDiemXuLy);
            s.NgayBatDau = N(s.NgayBatDau);
            s.NgayKetThucTheoQuyDinh = N(s.NgayKetThucTheoQuyDinh);
        }
    }

    private static string Digest(SyncRecord r) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(r, SyncRecordJson.Options)));

    /// <summary>A file's name when the record gives none: the last part of its address, else the fallback.</summary>
    private static string FileNameOf(string address, string fallback)
    {
        var last = address.TrimEnd('/')[(address.TrimEnd('/').LastIndexOf('/') + 1)..];
        var name = last.Length > 0 ? last : fallback.Length > 0 ? fallback : "tep-dinh-kem";
        return name.Length <= FileNameMax ? name : name[..FileNameMax];
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
