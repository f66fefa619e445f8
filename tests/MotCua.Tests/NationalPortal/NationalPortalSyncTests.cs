using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.NationalPortal;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;
using static MotCua.Tests.NationalPortal.NationalArrange;

namespace MotCua.Tests.NationalPortal;

/// <summary>The sync's guarantees beyond the happy path (docs/adr/0032d): an outage of any length never loses a record,
/// files go as signed links the portal can open and nobody can alter, ratings follow their dossier, the lag alert reaches
/// the administrators above a late unit, and the administrators' re-sync of a unit.</summary>
public sealed partial class NationalPortalTests
{
    [Fact]
    public async Task AnOutageOfSixHours_NeverGivesARecordUp_AndRecoveryDeliversEveryChangeOnce_InOrder_WithinTheCappedWait()
    {
        var world = await app.SeedWorldAsync();
        var intake = await SubmitOnPortalAsync(app);
        await DeliverAllAsync();
        app.SimulatorOptions.Mode = SimulatorMode.Fail;

        await TrackingArrange.ReceiveAsync(app, intake.DossierId);
        await OfficeDossiers.ToAppraisalAsync(app, world, intake.DossierId);
        for (var step = 0; step < 36; step++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            await app.RunJobsAsync();
        }

        // Six hours down: far past Jobs:MaxAttempts (8, about 2 h), and nothing was given up.
        var jobs = await SyncJobsAsync(intake.DossierId);
        jobs.ShouldNotContain(j => j.State == JobState.Dead);
        jobs.Max(j => j.Attempts).ShouldBeGreaterThan(8);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        jobs.Where(j => j.State == JobState.Pending).ShouldAllBe(j => j.RunAfterUtc <= now + TimeSpan.FromMinutes(5));
        (await DossierAsync(app, intake.DossierId)).SyncState.ShouldBe(SyncState.Pending);
        app.Simulator.Kept(intake.Code).Count.ShouldBe(1);
        var desk = await OfficeClient.SignInAsync(app, "desk");
        (await desk.GetPageAsync("/office/sync")).QuerySelector($"#failures a[href='/office/dossiers/{intake.DossierId}']").ShouldBeNull();
        var page = await desk.GetPageAsync($"/office/dossiers/{intake.DossierId}");
        page.QuerySelector("#sync-rejection").ShouldBeNull();
        page.QuerySelector("#sync-retrying")!.TextContent.ShouldContain("503");

        app.SimulatorOptions.Mode = SimulatorMode.Normal;
        await DeliverAllAsync(rounds: 2);

        var dossier = await DossierAsync(app, intake.DossierId);
        dossier.SyncState.ShouldBe(SyncState.Synced);
        var kept = app.Simulator.Kept(intake.Code);
        kept.Select(k => k.Key).ShouldBeUnique();
        kept.Select(k => k.Revision).ShouldBe(kept.Select(k => k.Revision).Order().Distinct());
        (kept[^1].Revision, kept[^1].TrangThaiHoSo).ShouldBe((dossier.Revision, 4));
        kept[^1].Record.QuaTrinhXuLy!.Count.ShouldBe(dossier.Revision);
        app.Simulator.Deliveries.Where(d => d.MaHoSo == intake.Code && !d.Kept && !d.Duplicate).ShouldBeEmpty();
        (await SyncJobsAsync(intake.DossierId)).ShouldAllBe(j => j.State == JobState.Succeeded);
    }

    [Fact]
    public async Task TheRecordsFiles_AreSignedLinksThePortalFetches_AndAnAlteredOrExpiredLinkOpensNothing()
    {
        var world = await app.SeedWorldAsync();
        var intake = await SubmitOnPortalAsync(app);
        await TrackingArrange.ReceiveAsync(app, intake.DossierId);
        await OfficeDossiers.ToDecidedAsync(app, world, intake.DossierId);
        await DeliverAllAsync();

        var record = app.Simulator.Kept(intake.Code)[^1].Record;
        record.TrangThaiHoSo.ShouldBe(9);
        var components = record.TaiLieuNop!.Select(c => c.DuongDanTaiTepTin!).ToList();
        var result = record.DanhSachGiayToKetQua!.ShouldHaveSingleItem().DuongDanTepTinKetQua!;
        components.Append(result).ShouldAllBe(a => a.StartsWith("http://localhost/api/dvcqg/tep/", StringComparison.Ordinal));
        // The portal copied the result into the citizen's store by its link, without signing in.
        var idNumber = (await DossierAsync(app, intake.DossierId)).Applicant.IdNumber;
        var stored = app.Simulator.CitizenStore(idNumber).ShouldHaveSingleItem();
        var resultLength = await app.WithDbAsync(db => (from f in db.Set<DossierFile>()
                                                         join s in db.StoredFiles on f.StoredFileId equals s.Id
                                                         where f.DossierId == intake.DossierId && f.Purpose == DossierFilePurpose.Result
                                                         select s.Length).SingleAsync(Ct));
        (stored.FetchStatus, stored.FetchedBytes).ShouldBe((200, (long?)resultLength));
        (await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Kind == AuditKind.DossierFileDownloaded
                                                                        && a.ActorName == ReceiveFromNationalPortal.Portal.Name, Ct))).ShouldBeGreaterThan(0);

        var anonymous = app.CreateClient();
        var fetched = await anonymous.GetAsync(components[0], Ct);
        fetched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fetched.Content.ReadAsByteArrayAsync(Ct)).Take(5).ShouldBe("%PDF-"u8.ToArray());

        var link = new Uri(components[0]);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var (expires, signature) = (query["het"]!, query["ky"]!);
        var otherFile = new Uri(result).AbsolutePath;
        var forged = new[]
        {
            $"{link.AbsolutePath}?het={expires}&ky={(signature[0] == 'A' ? 'B' : 'A')}{signature[1..]}",       // the signature altered
            $"{otherFile}?het={expires}&ky={signature}",                                                      // another file, this link's signature
            $"{link.AbsolutePath}?het={long.Parse(expires, System.Globalization.CultureInfo.InvariantCulture) + 86_400}&ky={signature}", // a later expiry
            link.AbsolutePath,                                                                                 // no signature
            $"{link.AbsolutePath}?het={expires}&ky={new string('A', 5000)}",                                   // a huge one
        };
        foreach (var address in forged)
        {
            var refused = await anonymous.GetAsync(address, Ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, address);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("Liên kết tải tệp không hợp lệ hoặc đã hết hạn");
        }

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        (await anonymous.GetAsync(components[0], Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARating_GoesToThePortal_OnlyAfterTheReturnedRecord_AndAChangedRatingFollowsIt()
    {
        var world = await app.SeedWorldAsync();
        await DeliverAllAsync();
        var me = await TrackingArrange.CitizenAsync(app, "Hồ Thị Đánh Giá", "001190000911", "0912340911");
        var dossier = await TrackingArrange.SubmitAsync(app, world, me);
        await TrackingArrange.ToReturnedAsync(app, world, dossier.Id);
        var citizen = await TrackingArrange.SignInAsync(app, me);

        // Rated before the returned record reached the portal: the rating waits for it.
        (await TrackingArrange.PostActionAsync(citizen, dossier.Code!, "Rate", new() { ["liked"] = "false", ["score"] = "2", ["comment"] = "Phải chờ lâu" }))
            .ShouldRedirectTo(TrackingArrange.Url(dossier.Code!));
        await DeliverAllAsync(rounds: 3);
        app.Simulator.Kept(dossier.Code!)[^1].TrangThaiHoSo.ShouldBe(10);

        app.Clock.Advance(TimeSpan.FromHours(1));
        (await TrackingArrange.PostActionAsync(citizen, dossier.Code!, "Rate", new() { ["liked"] = "true", ["score"] = "5", ["comment"] = "" }))
            .ShouldRedirectTo(TrackingArrange.Url(dossier.Code!));
        await DeliverAllAsync();

        var ratings = app.Simulator.Ratings.Where(r => r.Rating.MaHoSo == dossier.Code).ToList();
        ratings.Where(r => !r.Kept && !r.Duplicate).ShouldBeEmpty();
        ratings.Where(r => r.Kept).Select(r => (r.Rating.HaiLong, r.Rating.DiemDanhGia, r.Rating.NoiDungGopY, r.Rating.LoaiDanhGia))
            .ShouldBe([(0, 2, "Phải chờ lâu", 1), (1, 5, null, 2)]);
        (await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == SyncRating.Kind && j.State != JobState.Succeeded, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task TheLagAlert_MailsTheAdministratorsAboveALateUnit_AfterTenMinutes_OncePerHour()
    {
        await app.SeedWorldAsync();
        await DeliverAllAsync();
        await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "admin").ExecuteUpdateAsync(s => s.SetProperty(o => o.Email, "quantri@tinh.example.vn"), Ct));
        var alerts = () => app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Trigger == SyncLagAlert.Trigger).ToListAsync(Ct));
        var before = (await alerts()).Count;
        app.SimulatorOptions.Mode = SimulatorMode.Fail;
        var intake = await SubmitOnPortalAsync(app);
        await app.RunJobsAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(9));
        await RunLagAlertAsync();
        (await alerts()).Count.ShouldBe(before);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunLagAlertAsync();
        await RunLagAlertAsync();

        var sent = (await alerts()).Skip(before).ShouldHaveSingleItem();
        sent.Recipient.ShouldBe("quantri@tinh.example.vn");
        sent.Body.ShouldContain("Trung tâm Phục vụ hành chính công phường Một: 1 hồ sơ, thay đổi cũ nhất đã 11 phút");
        sent.Body.ShouldContain("/office/sync");

        app.SimulatorOptions.Mode = SimulatorMode.Normal;
        await DeliverAllAsync();
        (await DossierAsync(app, intake.DossierId)).SyncState.ShouldBe(SyncState.Synced);
    }

    [Fact]
    public async Task AnAdministrator_ResyncsAUnitsDossiersOfADateRange_AndADeskOfficialCannot()
    {
        await app.SeedWorldAsync();
        var intake = await SubmitOnPortalAsync(app);
        await DeliverAllAsync();
        var today = VietnamTime.Today(app.Clock);
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var resends = () => app.WithDbAsync(db => db.Jobs.CountAsync(j => j.IdempotencyKey.StartsWith(SyncDossier.PrefixOf(intake.DossierId)) && j.IdempotencyKey.Contains(":r:"), Ct));

        var desk = await OfficeClient.SignInAsync(app, "desk");
        var refused = await desk.PostFormAsync("/office/sync", "/office/sync?handler=ResyncUnit",
            new() { ["Unit"] = DeskCode, ["From"] = Day(today), ["To"] = Day(today) });
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("Chỉ quản trị hệ thống được đồng bộ lại");
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var tooLong = await admin.PostFormAsync("/office/sync", "/office/sync?handler=ResyncUnit",
            new() { ["Unit"] = DeskCode, ["From"] = Day(today.AddYears(-2)), ["To"] = Day(today) });
        (await tooLong.Content.ReadAsStringAsync(Ct)).ShouldContain("tối đa một năm");
        var yesterday = await admin.PostFormAsync("/office/sync", "/office/sync?handler=ResyncUnit",
            new() { ["Unit"] = DeskCode, ["From"] = Day(today.AddDays(-1)), ["To"] = Day(today.AddDays(-1)) });
        yesterday.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await resends()).ShouldBe(0);

        var resynced = await admin.PostFormAsync("/office/sync", "/office/sync?handler=ResyncUnit",
            new() { ["Unit"] = DeskCode, ["From"] = Day(today), ["To"] = Day(today) });

        resynced.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await resends()).ShouldBe(1);
        var delivered = app.Simulator.Deliveries.Count(d => d.MaHoSo == intake.Code);
        await DeliverAllAsync();
        // Sent again under the same key: the portal acknowledges it and still keeps the revision once.
        app.Simulator.Deliveries.Where(d => d.MaHoSo == intake.Code).Skip(delivered).ShouldHaveSingleItem().Duplicate.ShouldBeTrue();
        app.Simulator.Kept(intake.Code).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task TheIntake_RefusesForgedCredentials_AndAHugeRecord_ChangingNothing()
    {
        await app.SeedWorldAsync();
        var before = await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct));
        var record = Record("G22.GIAMAO");

        var wrongClient = await PostIntakeRawAsync(record, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"ke-gia-mao:{NationalPortalApp.IntakeSecret}")));
        var notBase64 = await PostIntakeRawAsync(record, "Basic %%%khong-phai-base64%%%");
        var secretOnly = await PostIntakeRawAsync(record, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(NationalPortalApp.IntakeSecret)));
        var bearer = await PostIntakeRawAsync(record, "Bearer " + NationalPortalApp.IntakeSecret);
        var huge = await PostIntakeAsync(Record("G22.QUALON").Replace("\"ChuHoSo\":\"Phạm Thị Đồng\"", $"\"ChuHoSo\":\"{new string('a', 5_000_000)}\"",
            StringComparison.Ordinal), NationalPortalApp.IntakeSecret);

        foreach (var r in new[] { wrongClient, notBase64, secretOnly, bearer })
            r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ((int)huge.StatusCode).ShouldBeInRange(400, 499);
        huge.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct))).ShouldBe(before);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Runs the jobs until the sync jobs are done, moving the clock past the capped wait between rounds (jobs
    /// that waited for an older one of the same dossier, ratings that waited for their dossier's record).</summary>
    private async Task DeliverAllAsync(int rounds = 4)
    {
        await app.RunJobsAsync();
        for (var round = 0; round < rounds; round++)
        {
            var waiting = await app.WithDbAsync(db => db.Jobs.AnyAsync(j => (j.Kind == SyncDossier.Kind || j.Kind == SyncRating.Kind)
                                                                          && (j.State == JobState.Pending || j.State == JobState.Running), Ct));
            if (!waiting) return;
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await app.RunJobsAsync();
        }
    }

    private Task<List<Job>> SyncJobsAsync(Guid dossierId) =>
        app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == SyncDossier.Kind && j.IdempotencyKey.StartsWith(SyncDossier.PrefixOf(dossierId))).ToListAsync(Ct));

    private Task<bool> RunLagAlertAsync() =>
        app.WithServiceAsync<SyncLagAlert, bool>(async alert =>
        {
            await alert.RunAsync(new RecurringOccurrence(SyncLagAlert.Name, "*/5 * * * *", app.Clock.GetUtcNow().UtcDateTime), Ct);
            return true;
        });

    private async Task<HttpResponseMessage> PostIntakeRawAsync(string record, string authorization)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(record, Encoding.UTF8, "application/json"), ReceiveFromNationalPortal.RecordField);
        using var request = new HttpRequestMessage(HttpMethod.Post, ReceiveFromNationalPortal.Path) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await app.CreateClient().SendAsync(request, Ct);
    }
}
