using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Exchange;

namespace MotCua.Tests.Exchange;

/// <summary>Sync records for the tests, and posting them as the exchange receives them.</summary>
internal static class SyncRecords
{
    private static int _next = 100;

    /// <summary>A code of Phường Một on 10/11/2026, unique in the test run.</summary>
    public static string NextCode(TestData.World world) => $"{world.CommuneCode}-261110-{Interlocked.Increment(ref _next):D4}";

    /// <summary>A residence registration (1.004222) received online on Tuesday 10/11/2026, asked once for a supplement
    /// answered a day later, settled and returned, paid on the national portal, with a digitized component, an
    /// electronic result, a verified identity and the population database.</summary>
    public static SyncRecord Returned(TestData.World world, string? code = null) => new()
    {
        MaHoSo = code ?? NextCode(world),
        MaTTHC = "1.004222",
        TenTTHC = "Đăng ký thường trú",
        MaLinhVuc = "CU",
        TenLinhVuc = "Cư trú",
        KenhThucHien = 2,
        ChuHoSo = "Phan Văn Nhập",
        SoGiayToChuHoSo = "079095007777",
        LoaiDoiTuong = 1,
        SoDienThoai = "0912000111",
        Email = "nhap@example.vn",
        TrichYeuHoSo = "Đăng ký thường trú tại phường Một",
        NgayNopHoSo = "20261110080000",
        NgayTiepNhan = "20261110090000",
        NgayHenTra = "20261113090000",
        TrangThaiHoSo = 10,
        NgayKetThucXuLy = "20261113080000",
        NgayTra = "20261113100000",
        DonViXuLy = world.CommuneCode,
        NoiNopHoSo = "000.01.41.H98",
        HoSoCoThanhPhanSoHoa = 1,
        TaiKhoanDuocXacThucVoiVNeID = 1,
        DuocThanhToanTrucTuyen = 1,
        DinhDanhCHS = [new() { LoaiDinhDanh = 1, SoDinhDanh = "079095007777" }],
        DSKetNoiCSDL = [new() { MaCSDL = "CSDLQGDC" }],
        TaiLieuNop =
        [
            new() { TenTepDinhKem = "to-khai-ct01.pdf", MaThanhPhanHoSo = "TK", DuongDanTaiTepTin = "https://dvc.example.vn/tep/ct01.pdf", DuocSoHoa = 1 },
            new() { TenTepDinhKem = "hop-dong-thue.pdf", MaThanhPhanHoSo = "CHO_O", DuocTaiSuDung = 1, DuocLayTuKhoDMQG = 1, MaKetQuaThayThe = "KQ-001" },
        ],
        DanhSachLePhi = [new() { TenPhiLePhi = "Lệ phí đăng ký thường trú", MaPhiLePhi = "LP_TT", HinhThucThu = 2, Gia = 10_000, LoaiPhiLePhi = 2 }],
        DanhSachHoSoBoSung =
        [
            new()
            {
                NguoiYeuCauBoSung = "Nguyễn Thị Lan", NoiDungBoSung = "Thiếu hợp đồng thuê nhà", NgayBoSung = "20261110140000",
                NgayTiepNhanBoSung = "20261111140000", TrangThaiBoSung = 1, NgayHenTraTruoc = "20261113090000", NgayHenTraMoi = "20261116090000",
            },
        ],
        DanhSachGiayToKetQua = [new() { TenGiayTo = "Thông báo kết quả đăng ký thường trú", MaGiayToKetQua = "KQ-TT-1", DuongDanTepTinKetQua = "https://dvc.example.vn/tep/kq.pdf" }],
        QuaTrinhXuLy =
        [
            new() { NguoiXuLy = "Nguyễn Thị Lan", ChucDanh = "Cán bộ một cửa", ThoiDiemXuLy = "20261110090000", PhongBanXuLy = "Bộ phận Một cửa", NoiDungXuLy = "Tiếp nhận hồ sơ", TrangThai = 2 },
            new() { NguoiXuLy = "Lê Văn Ký", ChucDanh = "Lãnh đạo", ThoiDiemXuLy = "20261113080000", PhongBanXuLy = "UBND phường", NoiDungXuLy = "Phê duyệt, ký kết quả", TrangThai = 9 },
            new() { NguoiXuLy = "Nguyễn Thị Lan", ChucDanh = "Cán bộ một cửa", ThoiDiemXuLy = "20261113100000", PhongBanXuLy = "Bộ phận Một cửa", NoiDungXuLy = "Trả kết quả", TrangThai = 10 },
        ],
    };

    public static string Array(params SyncRecord[] records) => JsonSerializer.Serialize(records, SyncRecordJson.Options);

    public static string Lines(params SyncRecord[] records) => string.Concat(records.Select(r => JsonSerializer.Serialize(r, SyncRecordJson.Options) + "\n"));

    public static async Task<ImportDossiers.Result> ImportAsync(HttpClient client, string body, bool lines = false)
    {
        using var response = await PostAsync(client, body, lines);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonSerializer.Deserialize<ImportDossiers.Result>(text, TestJson.Options)!;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, bool lines = false)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(lines ? "application/x-ndjson" : "application/json");
        return client.PostAsync("/api/dossiers/import", content, TestContext.Current.CancellationToken);
    }

    public static SyncRecord Clone(SyncRecord r) => JsonSerializer.Deserialize<SyncRecord>(JsonSerializer.Serialize(r, SyncRecordJson.Options), SyncRecordJson.Options)!;

    public static async Task<List<SyncRecord>> ExportAsync(HttpClient client, string query)
    {
        var text = await client.GetStringAsync($"/api/dossiers/export?{query}", TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize<List<SyncRecord>>(text, SyncRecordJson.Options)!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, TestContext.Current.CancellationToken);
}
