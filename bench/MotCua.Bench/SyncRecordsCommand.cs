using System.Globalization;
using System.Text;
using System.Text.Json;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Exchange;
using MotCua.Web.Infrastructure;

namespace MotCua.Bench;

/// <summary>
/// <code>
/// MotCua.Bench sync-records --count N --out FILE.ndjson [--units CODE,CODE,...] [--procedures CODE,...] [--from 2026-01-01] [--to 2026-11-15] [--seed 1]
/// </code>
/// Writes N national sync records (JSON lines) for POST /api/dossiers/import, valid for the demo data (its units'
/// agency codes and the seed catalog's procedures by default) with realistic mixes: channels, statuses, one or two
/// supplements, fees and online payments, digitized and reused components with file addresses, results, verified
/// identities, connected databases, late ones. Streamed to the file, so a million records need no memory.
/// </summary>
internal static class SyncRecordsCommand
{
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thanh"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Lan", "Long", "Mai", "Nam", "Phúc", "Quỳnh", "Tâm", "Vy"];
    private static readonly string[] DemoUnits = ["000.00.31.H99", "000.00.32.H99", "000.00.33.H99"];

    public static async Task<int> RunAsync(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var count = long.Parse(Option("--count") ?? "10000", CultureInfo.InvariantCulture);
        var output = Option("--out") ?? throw new ArgumentException("--out FILE is required");
        var units = (Option("--units")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) ?? DemoUnits;
        var from = DateOnly.ParseExact(Option("--from") ?? "2026-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(Option("--to") ?? "2026-11-15", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(Option("--seed") ?? "1", CultureInfo.InvariantCulture));
        var catalog = ImportCatalog.LoadSeed().Where(e => e.Content.Level == ProcedureLevel.Commune).ToDictionary(e => e.Code);
        var wanted = Option("--procedures")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var procedures = wanted is null ? [.. catalog.Values] : wanted.Select(c => catalog.TryGetValue(c, out var e) ? e
            : throw new ArgumentException($"{c} is not a commune procedure of the seed catalog")).ToList();

        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        // A code's sequence per unit and day, from 10001: clear of the demo's own codes (which count from 1).
        var sequences = new Dictionary<(string, DateOnly), int>();
        await using var file = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 16);
        for (long n = 0; n < count; n++)
        {
            var unit = units[random.Next(units.Length)];
            var day = days[random.Next(days.Count)];
            var key = (unit, day);
            var seq = sequences[key] = sequences.GetValueOrDefault(key, 10_000) + 1;
            var record = Make(random, procedures[random.Next(procedures.Count)], unit, day, seq);
            await file.WriteLineAsync(JsonSerializer.Serialize(record, SyncRecordJson.Options));
        }
        Console.WriteLine($"{count} sync records written to {output} ({new FileInfo(output).Length / 1024 / 1024} MB).");
        return 0;
    }

    private static DateTime AddWorkingDays(DateTime utc, double days)
    {
        var whole = (int)Math.Floor(days);
        var t = utc.AddHours((days - whole) * 8);
        while (whole > 0)
        {
            t = t.AddDays(1);
            if (VietnamTime.ToLocal(t).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) whole--;
        }
        return t;
    }

    private static SyncRecord Make(Random r, CatalogEntry procedure, string unit, DateOnly day, int seq)
    {
        var c = procedure.Content;
        var online = c.OnlineLevel != OnlineLevel.None && r.NextDouble() < 0.55;
        var channel = online ? 2 : r.NextDouble() < 0.08 ? 3 : 1;
        var roll = r.NextDouble();
        var status = roll switch
        {
            < 0.68 => 10, < 0.76 => 9, < 0.84 => 4, < 0.87 => 2, < 0.90 => 5, < 0.91 => 6, < 0.94 => 3, < 0.96 => 7, < 0.97 => 8, _ => online ? 1 : 4,
        };
        var received = VietnamTime.ToUtc(day.ToDateTime(new TimeOnly(7 + r.Next(9), r.Next(60))));
        var submitted = online ? received.AddHours(-r.Next(1, 30)) : received;
        var legalDays = c.LegalTime.Unit switch
        {
            Web.Features.Calendar.LegalTimeUnit.WorkingDays => (double)c.LegalTime.Value,
            Web.Features.Calendar.LegalTimeUnit.WorkingHours => (double)c.LegalTime.Value / 8,
            _ => 0.5,
        };
        var due = AddWorkingDays(received, Math.Max(legalDays, 0.5));
        var late = r.NextDouble() < 0.08;
        var person = r.NextDouble() < 0.93;
        var id = person ? string.Create(CultureInfo.InvariantCulture, $"0{r.Next(10, 99)}{r.Next(0, 10)}{r.Next(80, 100)}{r.Next(0, 1_000_000):D6}")
            : string.Create(CultureInfo.InvariantCulture, $"{r.Next(1_000_000, 9_999_999)}{r.Next(100, 999)}");
        var name = person
            ? $"{FamilyNames[r.Next(FamilyNames.Length)]} {MiddleNames[r.Next(MiddleNames.Length)]} {GivenNames[r.Next(GivenNames.Length)]}"
            : $"Công ty TNHH {GivenNames[r.Next(GivenNames.Length)]} {FamilyNames[r.Next(FamilyNames.Length)]}";
        var code = string.Create(CultureInfo.InvariantCulture, $"{unit}-{day:yyMMdd}-{seq:D5}");
        var files = $"https://luutru.example.vn/{unit}/{day:yyyyMMdd}/{seq}";

        var record = new SyncRecord
        {
            MaHoSo = code, MaTTHC = procedure.Code, TenTTHC = c.Name, MaLinhVuc = c.FieldCode, TenLinhVuc = c.FieldName,
            KenhThucHien = channel, ChuHoSo = name, SoGiayToChuHoSo = id, LoaiDoiTuong = person ? 1 : 2,
            SoDienThoai = string.Create(CultureInfo.InvariantCulture, $"09{r.Next(0, 100_000_000):D8}"),
            TrichYeuHoSo = c.Name, NgayNopHoSo = SyncRecordJson.Format(submitted), TrangThaiHoSo = status, DonViXuLy = unit, NoiNopHoSo = unit,
            TaiKhoanDuocXacThucVoiVNeID = r.NextDouble() < (online ? 0.8 : 0.5) ? 1 : 0,
            DinhDanhCHS = [new SyncIdentity { LoaiDinhDanh = person ? 1 : 2, SoDinhDanh = id }],
            DSKetNoiCSDL = r.NextDouble() < 0.4 ? [new SyncDatabase { MaCSDL = "CSDLQGDC" }] : [],
            TaiLieuNop = [], DanhSachLePhi = [], DanhSachHoSoBoSung = [], DanhSachGiayToKetQua = [], QuaTrinhXuLy = [],
        };
        void Step(DateTime at, string what, int s, string who = "Cán bộ một cửa") =>
            record.QuaTrinhXuLy!.Add(new SyncStep { NguoiXuLy = "Cán bộ " + unit, ChucDanh = who, ThoiDiemXuLy = SyncRecordJson.Format(at), NoiDungXuLy = what, TrangThai = s });

        if (status == 1)
        {
            Step(submitted, "Nộp hồ sơ trực tuyến", 1, "Người nộp hồ sơ");
            return Components(r, record, c, online, files);
        }
        if (status == 3)
        {
            record.NgayTuChoi = SyncRecordJson.Format(received);
            Step(received, "Từ chối tiếp nhận hồ sơ", 3);
            return Components(r, record, c, online, files);
        }
        record.NgayTiepNhan = SyncRecordJson.Format(received);
        record.NgayHenTra = SyncRecordJson.Format(due);
        Step(received, "Tiếp nhận hồ sơ", 2);
        Components(r, record, c, online, files);

        // Fees by the channel's amount; paid online for most online dossiers that owe something.
        foreach (var fee in c.Fees)
        {
            var amount = online ? fee.OnlineAmount ?? fee.DeskAmount : fee.DeskAmount;
            record.DanhSachLePhi!.Add(new SyncFee { TenPhiLePhi = fee.Name, MaPhiLePhi = fee.Code, Gia = amount, LoaiPhiLePhi = fee.Kind == FeeKind.Charge ? 1 : 2, HinhThucThu = online ? 2 : 1 });
        }
        var owed = record.DanhSachLePhi!.Sum(f => f.Gia ?? 0);
        record.DuocThanhToanTrucTuyen = online && owed > 0 && r.NextDouble() < 0.65 ? (r.NextDouble() < 0.7 ? 1 : 2) : 0;

        // Supplements: one answered for some, two (late by the index's rule) for a few, one open for status 5.
        var extra = TimeSpan.Zero;
        var supplements = status == 5 ? 1 : r.NextDouble() < 0.12 ? 1 : r.NextDouble() < 0.02 ? 2 : 0;
        var at = received.AddHours(3);
        for (var i = 0; i < supplements; i++)
        {
            var open = status == 5;
            var answered = at.AddDays(r.Next(1, 4));
            record.DanhSachHoSoBoSung!.Add(new SyncSupplement
            {
                NguoiYeuCauBoSung = "Cán bộ " + unit, NoiDungBoSung = "Bổ sung giấy tờ còn thiếu", NgayBoSung = SyncRecordJson.Format(at),
                NgayTiepNhanBoSung = open ? null : SyncRecordJson.Format(answered), TrangThaiBoSung = open ? 0 : 1,
                NgayHenTraTruoc = SyncRecordJson.Format(due + extra), NgayHenTraMoi = open ? null : SyncRecordJson.Format(due + extra + (answered - at)),
            });
            Step(at, "Yêu cầu bổ sung hồ sơ", 5);
            if (!open)
            {
                extra += answered - at;
                Step(answered, "Đã bổ sung hồ sơ", 4);
            }
            at = answered.AddHours(2);
        }
        if (status is 2 or 5) return record;
        Step(at, "Chuyển xử lý", 4, "Chuyên viên");
        if (status is 4 or 6)
        {
            if (status == 6) Step(at.AddHours(1), "Yêu cầu thực hiện nghĩa vụ tài chính", 6, "Chuyên viên");
            return record;
        }
        // Ends before the due date (plus the supplement time), or after it for the late ones.
        var span = due + extra - at;
        var end = late ? due + extra + TimeSpan.FromHours(r.Next(2, 72)) : at + span * r.NextDouble();
        if (end <= at) end = at.AddMinutes(30);
        if (end > DateTime.UtcNow.AddHours(-1)) end = DateTime.UtcNow.AddHours(-1);
        record.NgayKetThucXuLy = SyncRecordJson.Format(end);
        if (status is 7 or 8)
        {
            Step(end, status == 7 ? "Rút hồ sơ theo yêu cầu của người nộp" : "Dừng xử lý hồ sơ", status, "Lãnh đạo");
            return record;
        }
        Step(end, "Phát hành kết quả", 9, "Văn thư");
        record.DanhSachGiayToKetQua!.Add(new SyncResult
        {
            TenGiayTo = c.ResultName, MaGiayToKetQua = string.Create(CultureInfo.InvariantCulture, $"KQ-{code}"),
            DuongDanTepTinKetQua = r.NextDouble() < 0.8 ? files + "/ket-qua.pdf" : null,
        });
        if (status == 10)
        {
            var returned = end.AddHours(r.Next(1, 48));
            if (returned > DateTime.UtcNow.AddMinutes(-30)) returned = end;
            record.NgayTra = SyncRecordJson.Format(returned);
            Step(returned, "Trả kết quả", 10);
        }
        return record;
    }

    private static SyncRecord Components(Random r, SyncRecord record, ProcedureContent c, bool online, string files)
    {
        foreach (var component in c.Components.Where(x => !x.Optional))
        {
            // Online papers arrive as files; paper at the desk is digitized for most dossiers; some are reused.
            var reused = r.NextDouble() < 0.15;
            var digitized = !online && !reused && r.NextDouble() < 0.7;
            var hasFile = online || digitized || reused;
            record.TaiLieuNop!.Add(new SyncComponent
            {
                TenTepDinhKem = component.Name, MaThanhPhanHoSo = component.Code,
                DuongDanTaiTepTin = hasFile ? $"{files}/{component.Code}.pdf" : null,
                DuocSoHoa = digitized ? 1 : 0, DuocTaiSuDung = reused ? 1 : 0, DuocLayTuKhoDMQG = reused && r.NextDouble() < 0.6 ? 1 : 0,
            });
        }
        record.HoSoCoThanhPhanSoHoa = record.TaiLieuNop!.Any(x => x.DuocSoHoa == 1) ? 1 : 0;
        return record;
    }
}
