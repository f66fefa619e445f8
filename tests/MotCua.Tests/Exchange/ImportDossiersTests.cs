using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Exchange;

namespace MotCua.Tests.Exchange;

/// <summary>POST /api/dossiers/import over real HTTP with bearer tokens, on SQLite or PostgreSQL, with the persisted
/// dossiers checked.</summary>
public sealed class ImportDossiersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Dossier?> LoadAsync(string code) => app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
        .Include(d => d.History).Include(d => d.Components).Include(d => d.Files).Include(d => d.Supplements).Include(d => d.Results)
        .SingleOrDefaultAsync(d => d.Code == code, Ct));

    [Fact]
    public async Task Import_AsStatisticsOffice_CreatesTheDossierInTheRecordsStateWithEveryPart()
    {
        var world = await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var record = SyncRecords.Returned(world);

        var result = await SyncRecords.ImportAsync(stats, SyncRecords.Array(record));

        (result.Imported, result.Updated, result.Unchanged, result.RejectedCount).ShouldBe((1, 0, 0, 0));
        var d = (await LoadAsync(record.MaHoSo!))!;
        d.ImportedAtUtc.ShouldBe(app.Clock.GetUtcNow().UtcDateTime);
        (d.Status, d.Channel, d.SubmissionLevel, d.CompetentUnitId, d.CurrentUnitId, d.ReceivingUnitId)
            .ShouldBe((DossierStatus.Returned, Channel.Online, OnlineLevel.Full, world.CommuneId, world.CommuneId, world.DeskId));
        d.LookupCode.Length.ShouldBe(8);
        (d.Applicant.FullName, d.Applicant.IdNumber, d.Applicant.Phone, d.IdentityVerified).ShouldBe(("Phan Văn Nhập", "079095007777", "0912000111", true));
        (d.SubmittedAtUtc, d.ReceivedAtUtc, d.OriginalDueAtUtc).ShouldBe((TestClock.Vn(2026, 11, 10, 8), TestClock.Vn(2026, 11, 10, 9), TestClock.Vn(2026, 11, 13, 9)));
        // NgayHenTra plus the day the applicant took to answer: the 766 formula subtracts it from the end.
        d.DueAtUtc.ShouldBe(TestClock.Vn(2026, 11, 14, 9));
        (d.ProcessingEndedAtUtc, d.ReturnedAtUtc).ShouldBe((TestClock.Vn(2026, 11, 13, 8), TestClock.Vn(2026, 11, 13, 10)));
        Timeliness.Of(d).Classify(app.Clock.GetUtcNow().UtcDateTime, 1).ShouldNotBe(TimelinessClass.Late);
        (d.SupplementCount, d.Supplements.Single().State, d.Supplements.Single().AnsweredAtUtc).ShouldBe((1, SupplementState.Answered, TestClock.Vn(2026, 11, 11, 14)));
        d.Components.Select(c => (c.RequirementCode, c.Digitized, c.Reused, c.FromCitizenStore, c.ReplacedByResultCode))
            .ShouldBe([("TK", true, false, false, null), ("CHO_O", false, true, true, "KQ-001")], ignoreOrder: true);
        var tk = d.Components.Single(c => c.RequirementCode == "TK");
        d.Files.Single(f => f.Purpose == DossierFilePurpose.Component).ShouldSatisfyAllConditions(
            f => f.ComponentId.ShouldBe(tk.Id), f => f.StoredFileId.ShouldBeNull(), f => f.ExternalAddress.ShouldBe("https://dvc.example.vn/tep/ct01.pdf"));
        var issued = d.Results.Single();
        (issued.Name, issued.ResultCode, issued.IsElectronic).ShouldBe(("Thông báo kết quả đăng ký thường trú", "KQ-TT-1", true));
        d.Files.Single(f => f.Purpose == DossierFilePurpose.Result).ResultId.ShouldBe(issued.Id);
        (d.FeesOwed, d.AmountPaid, d.OnlinePaymentKind).ShouldBe((10_000, 10_000, 1));
        d.ConnectedDatabases.ShouldBe(["CSDLQGDC"]);
        (d.SyncState, d.SyncedAtUtc).ShouldBe((SyncState.Synced, app.Clock.GetUtcNow().UtcDateTime));
        var history = d.History.OrderBy(e => e.Sequence).ToList();
        history.Select(e => (e.Kind, e.ActorName, e.Description)).ShouldBe(
        [
            (DossierEventKind.ExternalStep, "Nguyễn Thị Lan", "Tiếp nhận hồ sơ"),
            (DossierEventKind.ExternalStep, "Lê Văn Ký", "Phê duyệt, ký kết quả"),
            (DossierEventKind.ExternalStep, "Nguyễn Thị Lan", "Trả kết quả"),
            (DossierEventKind.Import, "Cán bộ stats", "Nhập hồ sơ từ bản ghi đồng bộ (trạng thái: Đã trả kết quả)"),
        ]);
        (history[^1].ActorRole, history[^1].UnitId).ShouldBe(("Văn phòng – Thống kê", world.CommuneId));
        d.Revision.ShouldBe(4);
    }

    [Fact]
    public async Task Import_TheSameFileTwice_ChangesNothingTheSecondTime()
    {
        var world = await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var body = SyncRecords.Array(SyncRecords.Returned(world), SyncRecords.Returned(world));
        await SyncRecords.ImportAsync(stats, body);
        var before = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.ImportedAtUtc != null).Select(d => new { d.Code, d.Revision }).ToListAsync(Ct));

        var again = await SyncRecords.ImportAsync(stats, body);

        (again.Imported, again.Updated, again.Unchanged, again.RejectedCount).ShouldBe((0, 0, 2, 0));
        (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.ImportedAtUtc != null).Select(d => new { d.Code, d.Revision }).ToListAsync(Ct)))
            .ShouldBe(before, ignoreOrder: true);
    }

    [Fact]
    public async Task Import_ARecordAgainInTheOtherDateForm_IsTheSameContent()
    {
        var world = await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var compact = SyncRecords.Returned(world);
        var iso = SyncRecords.Clone(compact);
        iso.NgayNopHoSo = "2026-11-10T08:00:00+07:00";
        iso.NgayTiepNhan = "2026-11-10T02:00:00Z";
        iso.NgayHenTra = "2026-11-13T09:00:00+07:00";
        iso.NgayKetThucXuLy = "2026-11-13T01:00:00+00:00";
        iso.NgayTra = "2026-11-13T10:00:00+07:00";

        var first = await SyncRecords.ImportAsync(stats, SyncRecords.Array(iso));
        var second = await SyncRecords.ImportAsync(stats, SyncRecords.Array(compact));

        (first.Imported, second.Imported, second.Updated, second.Unchanged).ShouldBe((1, 0, 0, 1));
        var d = (await LoadAsync(compact.MaHoSo!))!;
        (d.SubmittedAtUtc, d.ReceivedAtUtc, d.ProcessingEndedAtUtc).ShouldBe((TestClock.Vn(2026, 11, 10, 8), TestClock.Vn(2026, 11, 10, 9), TestClock.Vn(2026, 11, 13, 8)));
    }

    [Fact]
    public async Task Import_ChangedContentOfAnImportedDossier_UpdatesIt()
    {
        var world = await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var record = SyncRecords.Returned(world);
        await SyncRecords.ImportAsync(stats, SyncRecords.Array(record));
        var changed = SyncRecords.Clone(record);
        changed.TrangThaiHoSo = 9;
        changed.NgayTra = null;
        changed.QuaTrinhXuLy!.RemoveAt(2);
        changed.DanhSachLePhi![0].Gia = 20_000;

        var result = await SyncRecords.ImportAsync(stats, SyncRecords.Array(changed));

        (result.Imported, result.Updated, result.Unchanged).ShouldBe((0, 1, 0));
        var d = (await LoadAsync(record.MaHoSo!))!;
        (d.Status, d.ReturnedAtUtc, d.FeesOwed, d.AmountPaid, d.Components.Count, d.Files.Count).ShouldBe((DossierStatus.Decided, null, 20_000, 20_000, 2, 2));
        // History is never taken back: the three steps stay, and each import is named.
        d.History.Count(e => e.Kind == DossierEventKind.ExternalStep).ShouldBe(3);
        d.History.Where(e => e.Kind == DossierEventKind.Import).Select(e => e.Description).ShouldBe(
            ["Nhập hồ sơ từ bản ghi đồng bộ (trạng thái: Đã trả kết quả)", "Cập nhật hồ sơ từ bản ghi đồng bộ mới (trạng thái: Đã xử lý xong)"], ignoreOrder: true);
    }

    [Fact]
    public async Task Import_TheCodeOfADossierHandledHere_IsRefusedAndTheDossierKept()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var received = await SyncRecords.PostJsonAsync(desk, "/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Trần Thị Bình", idNumber = "079095001234" },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        });
        received.StatusCode.ShouldBe(HttpStatusCode.Created);
        var code = (await received.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!.Code;
        var before = (await LoadAsync(code))!;

        var result = await SyncRecords.ImportAsync(await app.ClientAsAsync("admin"), SyncRecords.Array(SyncRecords.Returned(world, code)));

        (result.Imported, result.Updated, result.RejectedCount).ShouldBe((0, 0, 1));
        result.Rejected.Single().ShouldSatisfyAllConditions(
            r => r.Index.ShouldBe(0), r => r.MaHoSo.ShouldBe(code),
            r => r.Errors.ShouldBe([$"MaHoSo {code} là hồ sơ được tiếp nhận và giải quyết trên hệ thống này: không ghi đè bằng bản ghi đồng bộ."]));
        var after = (await LoadAsync(code))!;
        (after.Revision, after.Status, after.ImportedAtUtc, after.Applicant.FullName).ShouldBe((before.Revision, DossierStatus.Received, null, "Trần Thị Bình"));
    }

    [Fact]
    public async Task Import_AsJsonLines_ImportsEachLine()
    {
        var world = await app.SeedWorldAsync();
        var a = SyncRecords.Returned(world);
        var b = SyncRecords.Returned(world);

        var result = await SyncRecords.ImportAsync(await app.ClientAsAsync("stats"), SyncRecords.Lines(a, b), lines: true);

        (result.Imported, result.RejectedCount).ShouldBe((2, 0));
        (await LoadAsync(a.MaHoSo!)).ShouldNotBeNull();
        (await LoadAsync(b.MaHoSo!)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Import_ByACommuneOfAnotherCommunesRecord_IsRefused()
    {
        var world = await app.SeedWorldAsync();
        var record = SyncRecords.Returned(world);
        record.MaHoSo = $"{world.OtherCommuneCode}-261110-0001";
        record.DonViXuLy = world.OtherCommuneCode;

        var result = await SyncRecords.ImportAsync(await app.ClientAsAsync("stats"), SyncRecords.Array(record));

        (result.Imported, result.RejectedCount).ShouldBe((0, 1));
        result.Rejected.Single().Errors.ShouldBe([$"DonViXuLy \"{world.OtherCommuneCode}\" không thuộc đơn vị của bạn: chỉ nhập hồ sơ của đơn vị mình và các đơn vị trực thuộc."]);
        (await LoadAsync(record.MaHoSo)).ShouldBeNull();
    }

    [Fact]
    public async Task Import_AsTheProvincesAdministrator_ImportsForAnyCommuneOfTheProvince()
    {
        var world = await app.SeedWorldAsync();
        var record = SyncRecords.Returned(world);
        record.MaHoSo = $"{world.OtherCommuneCode}-261110-0002";
        record.DonViXuLy = world.OtherCommuneCode;
        record.NoiNopHoSo = "Bưu điện xã Hai";

        var result = await SyncRecords.ImportAsync(await app.ClientAsAsync("admin"), SyncRecords.Array(record));

        result.Imported.ShouldBe(1);
        var d = (await LoadAsync(record.MaHoSo))!;
        (d.CompetentUnitId, d.ReceivingUnitId).ShouldBe((world.OtherCommuneId, world.OtherCommuneId));
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("citizen", HttpStatusCode.Forbidden)]
    [InlineData("desk", HttpStatusCode.Forbidden)]
    [InlineData("leader", HttpStatusCode.Forbidden)]
    public async Task Import_ByWhoMayNot_IsRefusedAndImportsNothing(string who, HttpStatusCode expected)
    {
        var world = await app.SeedWorldAsync();
        var client = who switch
        {
            "anonymous" => app.CreateClient(),
            "citizen" => (await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone)).Http,
            _ => await app.ClientAsAsync(who),
        };
        var record = SyncRecords.Returned(world);

        using var response = await SyncRecords.PostAsync(client, SyncRecords.Array(record));

        response.StatusCode.ShouldBe(expected);
        (await LoadAsync(record.MaHoSo!)).ShouldBeNull();
    }

    [Fact]
    public async Task Import_TwoImportsOfTheSameFileAtOnce_MakeOneDossierPerCode()
    {
        var world = await app.SeedWorldAsync();
        var records = Enumerable.Range(0, 12).Select(_ => SyncRecords.Returned(world)).ToArray();
        var body = SyncRecords.Array(records);
        var stats = await app.ClientAsAsync("stats");
        var admin = await app.ClientAsAsync("admin");

        var results = await Task.WhenAll(SyncRecords.ImportAsync(stats, body), SyncRecords.ImportAsync(admin, body));

        results.Sum(r => r.Imported).ShouldBe(12);
        results.Sum(r => r.Imported + r.Unchanged).ShouldBe(24);
        var codes = records.Select(r => r.MaHoSo).ToList();
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => codes.Contains(d.Code), Ct))).ShouldBe(12);
    }

    [Fact]
    public async Task Import_ABodyThatIsNotAnArray_Is400InVietnameseAndImportsNothing()
    {
        var world = await app.SeedWorldAsync();
        var record = SyncRecords.Returned(world);

        using var response = await SyncRecords.PostAsync(await app.ClientAsAsync("stats"), JsonSerializer.Serialize(record, SyncRecordJson.Options));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!;
        problem.Detail!.ShouldStartWith("Nội dung gửi lên không phải là một mảng JSON các bản ghi đồng bộ hồ sơ");
        (await LoadAsync(record.MaHoSo!)).ShouldBeNull();
    }

    [Fact]
    public async Task Import_ABadRecordAmongGoodOnes_RejectsOnlyItself()
    {
        var world = await app.SeedWorldAsync();
        var good = SyncRecords.Returned(world);
        var bad = SyncRecords.Returned(world);
        bad.TrangThaiHoSo = 12;
        var body = "[" + JsonSerializer.Serialize(good, SyncRecordJson.Options) + ", { \"MaHoSo\": 5, \"KenhThucHien\": \"hai\" }, "
                   + JsonSerializer.Serialize(bad, SyncRecordJson.Options) + "]";

        var result = await SyncRecords.ImportAsync(await app.ClientAsAsync("stats"), body);

        (result.Imported, result.RejectedCount).ShouldBe((1, 2));
        result.Rejected.Select(r => r.Index).ShouldBe([1, 2]);
        result.Rejected[0].Errors.Single().ShouldStartWith("Giá trị sai kiểu dữ liệu");
        result.Rejected[1].ShouldSatisfyAllConditions(r => r.MaHoSo.ShouldBe(bad.MaHoSo), r => r.Errors.ShouldBe(["TrangThaiHoSo phải từ 1 đến 10; đang là 12."]));
        (await LoadAsync(good.MaHoSo!)).ShouldNotBeNull();
        (await LoadAsync(bad.MaHoSo!)).ShouldBeNull();
    }

    public static TheoryData<string, string> Rules => new()
    {
        { "MaHoSo=", "Thiếu MaHoSo." },
        { "MaHoSo=" + new string('A', 41), "MaHoSo quá dài: tối đa 40 ký tự (đang có 41)." },
        { "MaTTHC=9.999999", "MaTTHC \"9.999999\" không có trong danh mục thủ tục hành chính của hệ thống." },
        { "DonViXuLy=000.00.77.H98", "DonViXuLy \"000.00.77.H98\" không phải là mã định danh của đơn vị nào trong hệ thống." },
        { "KenhThucHien=4", "KenhThucHien chỉ nhận 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính công ích); đang là 4." },
        { "TrangThaiHoSo=0", "TrangThaiHoSo phải từ 1 đến 10; đang là 0." },
        { "NgayTiepNhan=10/11/2026", "NgayTiepNhan \"10/11/2026\" không đúng định dạng ngày giờ: dùng yyyyMMddHHmmss (giờ Việt Nam) hoặc ISO 8601 có múi giờ (ví dụ 2026-03-05T08:30:00+07:00)." },
        { "NgayTiepNhan=2026-11-10T09:00:00", "NgayTiepNhan \"2026-11-10T09:00:00\" không đúng định dạng ngày giờ: dùng yyyyMMddHHmmss (giờ Việt Nam) hoặc ISO 8601 có múi giờ (ví dụ 2026-03-05T08:30:00+07:00)." },
        { "NgayHenTra=20261109090000", "NgayHenTra trước NgayTiepNhan." },
        { "NgayTra=20261113070000", "NgayTra trước NgayKetThucXuLy." },
        { "NgayTra=", "Thiếu NgayTra." },
        { "NgayTiepNhan=", "Thiếu NgayTiepNhan." },
        { "NgayKetThucXuLy=20271113080000", "NgayKetThucXuLy (20271113080000) sau thời điểm hiện tại." },
        { "TrichYeuHoSo=" + new string('x', 1001), "TrichYeuHoSo quá dài: tối đa 1000 ký tự (đang có 1001)." },
        { "SoGiayToChuHoSo=12345", "ChuHoSo, SoGiayToChuHoSo, SoDienThoai, Email: Thông tin người nộp chưa hợp lệ: số định danh cá nhân phải gồm 12 chữ số." },
        { "Gia=-1", "DanhSachLePhi[1].Gia không được âm (đang là -1)." },
        { "DuocSoHoa=2", "TaiLieuNop[1].DuocSoHoa chỉ nhận 0 hoặc 1 (đang là 2)." },
        { "DuongDanTaiTepTin=javascript:alert(1)", "TaiLieuNop[1].DuongDanTaiTepTin \"javascript:alert(1)\" không phải là địa chỉ tệp hợp lệ (http://, https:// hoặc đường dẫn bắt đầu bằng /)." },
        { "DuocThanhToanTrucTuyen=3", "DuocThanhToanTrucTuyen chỉ nhận 0, 1 (trên Cổng Dịch vụ công quốc gia) hoặc 2 (qua cổng thanh toán của địa phương); đang là 3." },
        { "NgayTiepNhanBoSung=20261110130000", "DanhSachHoSoBoSung[1].NgayTiepNhanBoSung trước NgayBoSung." },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Import_ARecordBreakingARule_IsRejectedWithTheReasonInVietnameseAndNothingSaved(string change, string error)
    {
        var world = await app.SeedWorldAsync();
        var record = SyncRecords.Returned(world);
        var code = record.MaHoSo!;
        var (field, value) = (change[..change.IndexOf('=', StringComparison.Ordinal)], change[(change.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var text = value.Length == 0 ? null : value;
        switch (field)
        {
            case "MaHoSo": record.MaHoSo = text; break;
            case "MaTTHC": record.MaTTHC = text; break;
            case "DonViXuLy": record.DonViXuLy = text; break;
            case "KenhThucHien": record.KenhThucHien = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "TrangThaiHoSo": record.TrangThaiHoSo = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "NgayTiepNhan": record.NgayTiepNhan = text; break;
            case "NgayHenTra": record.NgayHenTra = text; break;
            case "NgayTra": record.NgayTra = text; break;
            case "NgayKetThucXuLy": record.NgayKetThucXuLy = text; break;
            case "TrichYeuHoSo": record.TrichYeuHoSo = text; break;
            case "SoGiayToChuHoSo": record.SoGiayToChuHoSo = text; record.DinhDanhCHS = null; break;
            case "Gia": record.DanhSachLePhi![0].Gia = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "DuocSoHoa": record.TaiLieuNop![0].DuocSoHoa = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "DuongDanTaiTepTin": record.TaiLieuNop![0].DuongDanTaiTepTin = text; break;
            case "DuocThanhToanTrucTuyen": record.DuocThanhToanTrucTuyen = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "NgayTiepNhanBoSung": record.DanhSachHoSoBoSung![0].NgayTiepNhanBoSung = text; break;
            default: throw new ArgumentException(field);
        }
        var count = await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct));

        var result = await SyncRecords.ImportAsync(await app.ClientAsAsync("stats"), SyncRecords.Array(record));

        (result.Imported, result.RejectedCount).ShouldBe((0, 1));
        result.Rejected.Single().Errors.ShouldContain(error);
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct))).ShouldBe(count);
        (await LoadAsync(code)).ShouldBeNull();
    }

    [Fact]
    public async Task ImportedDossier_IsInTheOfficeListAndThePublicTracking()
    {
        var world = await app.SeedWorldAsync();
        var record = SyncRecords.Returned(world);
        await SyncRecords.ImportAsync(await app.ClientAsAsync("stats"), SyncRecords.Array(record));
        var d = (await LoadAsync(record.MaHoSo!))!;

        var list = await (await app.ClientAsAsync("leader")).GetFromJsonAsync<ListDossiers.Page>($"/api/dossiers/?q={record.MaHoSo}", TestJson.Options, Ct);
        list!.Items.Single().ShouldSatisfyAllConditions(i => i.Id.ShouldBe(d.Id), i => i.Status.ShouldBe(DossierStatus.Returned));

        var tracking = await app.CreateClient().GetAsync($"/api/tracking/{record.MaHoSo}?lookupCode={d.LookupCode}", Ct);
        tracking.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = (await tracking.Content.ReadFromJsonAsync<Web.Features.Tracking.LookupDossier.View>(TestJson.Options, Ct))!;
        (view.Code, view.Status, view.Timeline.Count).ShouldBe((record.MaHoSo, 10, 4));
    }

    [Fact]
    public async Task ImportedDossier_IsMarkedAsImportedOnTheOfficePage()
    {
        var world = await app.SeedWorldAsync();
        var record = SyncRecords.Returned(world);
        await SyncRecords.ImportAsync(await app.ClientAsAsync("stats"), SyncRecords.Array(record));
        var id = (await LoadAsync(record.MaHoSo!))!.Id;
        var office = await OfficeClient.SignInAsync(app, "leader");

        var page = await office.Http.GetStringAsync($"/office/dossiers/{id}", Ct);

        page.ShouldContain("Nhập từ hệ thống khác");
    }

    [Fact]
    public async Task ImportedFile_OpensAtItsExternalAddressFromTheOffice()
    {
        var world = await app.SeedWorldAsync();
        var record = SyncRecords.Returned(world);
        await SyncRecords.ImportAsync(await app.ClientAsAsync("stats"), SyncRecords.Array(record));
        var file = (await LoadAsync(record.MaHoSo!))!.Files.Single(f => f.Purpose == DossierFilePurpose.Result);
        var office = await OfficeClient.SignInAsync(app, "leader");

        var response = await office.Http.GetAsync($"/office/files/{file.Id}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("https://dvc.example.vn/tep/kq.pdf");
    }

    [Fact]
    public async Task ImportProgress_IsARowReadFromAnyNode_ForItsOwnerOrAnAdministrator()
    {
        var world = await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var id = Guid.NewGuid();
        StringContent Body(string json)
        {
            var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            content.Headers.Add("Import-Id", id.ToString());
            return content;
        }
        var good = SyncRecords.Returned(world);
        var bad = SyncRecords.Returned(world);
        bad.MaTTHC = "9.999999";
        (await stats.PostAsync("/api/dossiers/import", Body(SyncRecords.Array(good, bad)), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The row holds the counters: what another node (or this one after a restart) reads.
        var row = await app.WithDbAsync(db => db.Set<ImportRun>().AsNoTracking().SingleAsync(r => r.Id == id, Ct));
        (row.State, row.Read, row.Imported, row.Rejected, row.FinishedAtUtc is not null).ShouldBe((ImportState.Finished, 2, 1, 1, true));
        var view = await stats.GetFromJsonAsync<ImportProgress.View>($"/api/dossiers/import/{id}", TestJson.Options, Ct);
        (view!.State, view.Finished, view.Read, view.Imported, view.Rejected, view.StateName).ShouldBe(("Finished", true, 2, 1, 1, "Đã nhập xong"));
        (await (await app.ClientAsAsync("admin")).GetAsync($"/api/dossiers/import/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Nobody else sees it: another role is refused, an unknown id is the same 404 as someone else's.
        (await (await app.ClientAsAsync("desk.other")).GetAsync($"/api/dossiers/import/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync($"/api/dossiers/import/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await stats.GetAsync($"/api/dossiers/import/{Guid.NewGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The same Import-Id again is refused, whichever node took it first, and changes nothing.
        var fresh = SyncRecords.Returned(world);
        var again = await stats.PostAsync("/api/dossiers/import", Body(SyncRecords.Array(fresh)), Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Dossiers.AnyAsync(d => d.Code == fresh.MaHoSo, Ct))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.Set<ImportRun>().AsNoTracking().SingleAsync(r => r.Id == id, Ct))).Read.ShouldBe(2);
    }

    [Fact]
    public async Task ImportProgress_OfANodeThatWentSilent_IsShownStopped()
    {
        await app.SeedWorldAsync();
        var stats = await app.ClientAsAsync("stats");
        var official = await app.WithDbAsync(db => db.Officials.SingleAsync(o => o.UserName == "stats", Ct));
        var id = Guid.NewGuid();
        // A run whose node died mid-file: its row still says running, last moved 11 minutes ago.
        await app.WithDbAsync(async db =>
        {
            db.Add(new ImportRun(id, official.Id, official.FullName, official.UnitId, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-11)));
            return await db.SaveChangesAsync(Ct);
        });

        var view = await stats.GetFromJsonAsync<ImportProgress.View>($"/api/dossiers/import/{id}", TestJson.Options, Ct);

        (view!.State, view.Finished).ShouldBe(("Stopped", false));
        view.StateName.ShouldStartWith("Đã dừng trước khi hết tệp");
    }
}
