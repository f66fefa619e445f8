using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.NationalPortal;
using MotCua.Web.Infrastructure.Jobs;
using static MotCua.Tests.NationalPortal.NationalArrange;

namespace MotCua.Tests.NationalPortal;

/// <summary>The national public-service portal against its simulator, over HTTP both ways: dossiers submitted there
/// arrive in the office's online-reception queue once however often they are delivered; every change goes back through
/// the jobs table, in order, once, and counts as synchronised only when the portal acknowledged it; a refusal is shown
/// with its reason and sent again once fixed.</summary>
public sealed partial class NationalPortalTests(NationalPortalApp app) : IClassFixture<NationalPortalApp>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        app.SimulatorOptions.Mode = SimulatorMode.Normal;
        app.SimulatorOptions.DuplicateDeliveries = false;
    }

    [Fact]
    public async Task ADossierSubmittedOnThePortal_WaitsInTheOnlineReceptionQueue_WithItsFilesIdentityEFormAndNationalId()
    {
        var intake = await SubmitOnPortalAsync(app);

        (intake.Status, intake.Before).ShouldBe((201, false));
        // The agency's daily counter, on the day it was received (other tests of the class move the clock).
        intake.Code.ShouldMatch($@"^000\.00\.41\.H98-{MotCua.Web.Infrastructure.VietnamTime.ToLocal(app.Clock.GetUtcNow().UtcDateTime):yyMMdd}-\d{{4}}$");
        var dossier = await DossierAsync(app, intake.DossierId);
        (dossier.Status, dossier.Channel, dossier.IdentityVerified).ShouldBe((DossierStatus.Submitted, Channel.Online, true));
        dossier.FormData!.ShouldContain("Số 5 đường Hai");
        dossier.Files.Select(f => (f.FileName, f.Purpose)).OrderBy(f => f.FileName)
            .ShouldBe([("CHO_O.pdf", DossierFilePurpose.Component), ("TK.pdf", DossierFilePurpose.Component)]);
        (await app.WithDbAsync(db => db.Set<NationalDossierLink>().Where(l => l.DossierId == intake.DossierId).Select(l => l.NationalId).SingleAsync(Ct)))
            .ShouldBe(intake.NationalId);

        var desk = await OfficeClient.SignInAsync(app, "desk");
        var queue = await desk.GetPageAsync("/office");
        queue.QuerySelector($"a[href='/office/reception/online/{intake.DossierId}']").ShouldNotBeNull();
        (await desk.GetPageAsync($"/office/dossiers/{intake.DossierId}")).QuerySelector("#national-id")!.TextContent.ShouldBe(intake.NationalId);
    }

    [Fact]
    public async Task ADossierDeliveredTwiceAtOnce_OrAgainLater_IsOneDossier()
    {
        app.SimulatorOptions.DuplicateDeliveries = true;
        var first = await SubmitOnPortalAsync(app);
        app.SimulatorOptions.DuplicateDeliveries = false;

        var again = await ReadAsync(app, await app.Simulator.SubmitAsync(new("1.004222", DeskCode, "Lê Văn Quốc", "079200000001", null, null, "TK,CHO_O",
            first.NationalId), Ct));

        (again.Status, again.Before, again.Code, again.DossierId).ShouldBe((200, true, first.Code, first.DossierId));
        (await app.WithDbAsync(db => db.Set<NationalDossierLink>().CountAsync(l => l.NationalId == first.NationalId, Ct))).ShouldBe(1);
        (await DossierAsync(app, first.DossierId)).Files.Count.ShouldBe(2);

        // Eight at the same instant, straight to the intake: the unique national id decides.
        var nationalId = $"G22.CONCURRENT-{Guid.NewGuid():N}"[..40];
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostIntakeAsync(Record(nationalId), NationalPortalApp.IntakeSecret)));
        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        (await app.WithDbAsync(db => db.Set<NationalDossierLink>().CountAsync(l => l.NationalId == nationalId, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task TheIntake_RefusesCallersWithoutThePortalsCredentials_AndBadRecords_InVietnamese_ChangingNothing()
    {
        await app.SeedWorldAsync();
        var before = await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct));

        var anonymous = await PostIntakeAsync(Record("G22.KHONGXACTHUC"), secret: null);
        var wrong = await PostIntakeAsync(Record("G22.SAIKHOA"), "sai-khoa");
        var noId = await PostIntakeAsync(Record(""), NationalPortalApp.IntakeSecret);
        var badUnit = await PostIntakeAsync(Record("G22.SAIDONVI", agency: "000.00.99.H98"), NationalPortalApp.IntakeSecret);
        var strayFile = await PostIntakeAsync(Record("G22.THIEUTEP"), NationalPortalApp.IntakeSecret, files: ["TK"]);
        var notJson = await PostIntakeAsync("{khong phai json", NationalPortalApp.IntakeSecret);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("Cổng Dịch vụ công quốc gia");
        noId.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noId.Content.ReadAsStringAsync(Ct)).ShouldContain("Thiếu MaHoSoQuocGia");
        badUnit.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await badUnit.Content.ReadAsStringAsync(Ct)).ShouldContain("000.00.99.H98");
        strayFile.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        notJson.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        foreach (var r in new[] { anonymous, wrong, noId, badUnit, strayFile, notJson })
            r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task EveryChange_GoesToThePortal_InOrder_AndTheDossierIsSyncedOnlyWhenAcknowledged()
    {
        var intake = await SubmitOnPortalAsync(app);
        (await DossierAsync(app, intake.DossierId)).SyncState.ShouldBe(SyncState.Pending);

        await app.RunJobsAsync();
        var synced = await DossierAsync(app, intake.DossierId);
        synced.SyncState.ShouldBe(SyncState.Synced);
        var tokens = app.Simulator.TokensIssued;

        await TrackingArrange.ReceiveAsync(app, intake.DossierId);
        (await DossierAsync(app, intake.DossierId)).SyncState.ShouldBe(SyncState.Pending);
        await app.RunJobsAsync();

        var dossier = await DossierAsync(app, intake.DossierId);
        dossier.SyncState.ShouldBe(SyncState.Synced);
        var kept = app.Simulator.Kept(intake.Code);
        kept.Select(k => k.TrangThaiHoSo).ShouldBe([1, 2]);
        kept.Select(k => k.Revision).ShouldBe([synced.Revision, dossier.Revision]);
        kept[^1].Record.QuaTrinhXuLy!.Count.ShouldBe(dossier.Revision);
        // The token was kept between calls, and is renewed once it is about to expire.
        app.Simulator.TokensIssued.ShouldBe(tokens);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var world = await app.SeedWorldAsync();
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{intake.DossierId}/start-processing", new { unitId = world.JusticeId });
        await app.RunJobsAsync();
        app.Simulator.TokensIssued.ShouldBe(tokens + 1);
        app.Simulator.Kept(intake.Code).Select(k => k.TrangThaiHoSo).ShouldBe([1, 2, 4]);
    }

    [Fact]
    public async Task AnOutageOfAnHour_ThenRecovery_DeliversEveryChange_Once_InOrder()
    {
        var world = await app.SeedWorldAsync();
        var intake = await SubmitOnPortalAsync(app);
        await app.RunJobsAsync();
        app.SimulatorOptions.Mode = SimulatorMode.Fail;

        await TrackingArrange.ReceiveAsync(app, intake.DossierId);
        await OfficeDossiers.ToAppraisalAsync(app, world, intake.DossierId);
        var failing = await app.RunJobsAsync();
        failing.Retrying.ShouldBeGreaterThan(0);
        for (var minutes = 0; minutes < 60; minutes += 5)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await app.RunJobsAsync();
        }
        app.Simulator.Kept(intake.Code).Count.ShouldBe(1);
        (await DossierAsync(app, intake.DossierId)).SyncState.ShouldBe(SyncState.Pending);

        app.SimulatorOptions.Mode = SimulatorMode.Normal;
        for (var minutes = 0; minutes < 70; minutes += 5)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await app.RunJobsAsync();
        }

        var dossier = await DossierAsync(app, intake.DossierId);
        dossier.SyncState.ShouldBe(SyncState.Synced);
        var kept = app.Simulator.Kept(intake.Code);
        kept.Select(k => k.Key).ShouldBeUnique();
        kept.Select(k => k.Revision).ShouldBe(kept.Select(k => k.Revision).Order().Distinct());
        kept[^1].Revision.ShouldBe(dossier.Revision);
        kept[^1].TrangThaiHoSo.ShouldBe(4);
        app.Simulator.Deliveries.Where(d => d.MaHoSo == intake.Code && !d.Kept && !d.Duplicate).ShouldBeEmpty();
        // The jobs of the changes already delivered end without sending anything more.
        for (var hours = 0; hours < 3; hours++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            await app.RunJobsAsync();
        }
        app.Simulator.Kept(intake.Code).Count.ShouldBe(kept.Count);
        (await DossierAsync(app, intake.DossierId)).SyncState.ShouldBe(SyncState.Synced);
        (await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == SyncDossier.Kind && j.IdempotencyKey.StartsWith(SyncDossier.PrefixOf(intake.DossierId))
                                                                && j.State != JobState.Succeeded, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task ARefusedRecord_IsShownWithItsReason_AndSentAgainOnceFixed()
    {
        var intake = await SubmitOnPortalAsync(app);
        app.SimulatorOptions.Mode = SimulatorMode.Reject;
        app.SimulatorOptions.RejectReason = "SoDienThoai của chủ hồ sơ không đúng định dạng.";

        (await app.RunJobsAsync()).Dead.ShouldBeGreaterThan(0);

        (await DossierAsync(app, intake.DossierId)).SyncState.ShouldBe(SyncState.Failed);
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync($"/office/dossiers/{intake.DossierId}");
        page.QuerySelector("#sync-rejection")!.TextContent.ShouldContain("SoDienThoai của chủ hồ sơ không đúng định dạng.");
        var health = await desk.GetPageAsync("/office/sync");
        health.QuerySelector($"#failures a[href='/office/dossiers/{intake.DossierId}']").ShouldNotBeNull();

        app.SimulatorOptions.Mode = SimulatorMode.Normal;
        var resent = await desk.PostFormAsync("/office/sync", "/office/sync?handler=Resend", new() { ["dossierId"] = intake.DossierId.ToString() });
        resent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.RunJobsAsync();

        (await DossierAsync(app, intake.DossierId)).SyncState.ShouldBe(SyncState.Synced);
        app.Simulator.Kept(intake.Code).ShouldHaveSingleItem();
        (await desk.GetPageAsync("/office/sync")).QuerySelector($"#failures a[href='/office/dossiers/{intake.DossierId}']").ShouldBeNull();
        (await desk.GetPageAsync($"/office/dossiers/{intake.DossierId}")).QuerySelector("#sync-rejection").ShouldBeNull();
    }

    [Fact]
    public async Task AnotherCommunesOfficial_CannotResendTheDossier()
    {
        var intake = await SubmitOnPortalAsync(app);
        var other = await OfficeClient.SignInAsync(app, "desk.other");

        var response = await other.PostFormAsync("/office/sync", "/office/sync?handler=Resend", new() { ["dossierId"] = intake.DossierId.ToString() });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("không thuộc đơn vị của bạn");
        (await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.IdempotencyKey.StartsWith(SyncDossier.PrefixOf(intake.DossierId)) && j.IdempotencyKey.Contains(":r:"), Ct)))
            .ShouldBe(0);
    }

    // ---------------------------------------------------------------- the intake as the portal calls it

    private static string Record(string nationalId, string agency = DeskCode) => $$"""
        {"MaHoSoQuocGia":"{{nationalId}}","MaTTHC":"1.004222","NoiNopHoSo":"{{agency}}","ChuHoSo":"Phạm Thị Đồng",
         "SoGiayToChuHoSo":"079300000123","LoaiDoiTuong":1,"SoDienThoai":"0933333333","TaiKhoanDuocXacThucVoiVNeID":1,
         "TaiLieuNop":["TK","CHO_O"]}
        """;

    private async Task<HttpResponseMessage> PostIntakeAsync(string record, string? secret, string[]? files = null)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(record, Encoding.UTF8, "application/json"), ReceiveFromNationalPortal.RecordField);
        foreach (var code in files ?? ["TK", "CHO_O"])
        {
            var file = new ByteArrayContent(TestPdf.OnePage);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, code, $"{code}.pdf");
        }
        if (files is ["TK"]) content.Add(new ByteArrayContent(TestPdf.OnePage), "KHONG_CO", "la.pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, ReceiveFromNationalPortal.Path) { Content = content };
        if (secret is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"dvcqg:{secret}")));
        return await app.CreateClient().SendAsync(request, Ct);
    }
}
