using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Features.Audit;

/// <summary>The app with its log lines kept, so that tests can see what an operator would read.</summary>
public sealed class LoggedAppFactory : AppFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddLogging(l => l.AddProvider(new ListLoggerProvider(Lines))));
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<(string, LogLevel, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, lines);

        public void Dispose() { }
    }

    private sealed class ListLogger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) lines.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}

/// <summary>Downloads of files holding personal data are recorded (who, which file, of which dossier and owner);
/// refused attempts are logged.</summary>
public sealed class DownloadAuditTests(LoggedAppFactory app) : IClassFixture<LoggedAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A desk dossier of a verified citizen with one scanned component: the same file is in the office's
    /// dossier, the citizen's dossier and the citizen's data store.</summary>
    private async Task<(Person Me, ReceiveInPerson.Response Dossier, DossierFile File)> ScannedDossierAsync(string name, string idNumber, string phone)
    {
        await app.SeedWorldAsync();
        var me = await CitizenAsync(app, name, idNumber, phone, verified: true);
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new(me.FullName, me.IdNumber, phone));
        var component = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Id == received.Id)
            .SelectMany(d => d.Components).Where(c => c.RequirementCode == "CHO_O").Select(c => c.Id).SingleAsync(Ct));
        await OfficeDossiers.PostFileAsync(app, "desk", $"/api/dossiers/{received.Id}/components/{component}/scans", "files", "hợp đồng thuê nhà.pdf");
        var file = await app.WithDbAsync(db => db.Set<DossierFile>().AsNoTracking().SingleAsync(f => f.DossierId == received.Id, Ct));
        return (me, received, file);
    }

    [Fact]
    public async Task OfficeDownload_IsRecordedWithTheOfficialTheFileAndTheDossier_AndARefusalIsLoggedNotRecorded()
    {
        var (_, dossier, file) = await ScannedDossierAsync("Lâm Thị Tải Về", "001190000401", "0912340401");
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var response = await desk.Http.GetAsync($"/office/files/{file.Id}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var entry = await AuditApi.SingleAsync(app, "DossierFileDownloaded", file.Id.ToString());
        (entry.ActorName, entry.ActorRole, entry.ActorUnitName).ShouldBe(("Cán bộ desk", "Cán bộ một cửa", "Trung tâm Phục vụ hành chính công phường Một"));
        entry.SubjectType.ShouldBe("DossierFile");
        (entry.AfterText("dossierCode"), entry.AfterText("fileName"), entry.AfterText("applicantIdNumber"))
            .ShouldBe((dossier.Code, "hợp đồng thuê nhà.pdf", "001190000401"));
        entry.AtUtc.ShouldBe(app.Clock.GetUtcNow().UtcDateTime);

        var other = await OfficeClient.SignInAsync(app, "desk.other");
        (await other.Http.GetAsync($"/office/files/{file.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await AuditApi.ReadAsync(app, "DossierFileDownloaded", file.Id.ToString())).Items.Count.ShouldBe(1);
        var otherId = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "desk.other").Select(o => o.Id).SingleAsync(Ct));
        app.Lines.ShouldContain(l => l.Level == LogLevel.Warning && l.Message.Contains($"/office/files/{file.Id}", StringComparison.Ordinal)
                                     && l.Message.Contains(otherId.ToString(), StringComparison.Ordinal) && l.Message.Contains("404", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CitizenDownloads_FromTheDossierAndTheDataStore_AreRecordedWithTheCitizen()
    {
        var (me, dossier, file) = await ScannedDossierAsync("Mai Văn Kho Số", "001190000402", "0912340402");
        var citizen = await SignInAsync(app, me);
        var document = await app.WithDbAsync(db => db.CitizenDocuments.AsNoTracking().SingleAsync(d => d.SourceDossierId == dossier.Id, Ct));

        (await GetAsync(citizen, $"{Url(dossier.Code)}/tep/{file.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync(citizen, $"/kho-du-lieu/tai/{document.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var fromDossier = await AuditApi.SingleAsync(app, "DossierFileDownloaded", file.Id.ToString());
        (fromDossier.ActorId, fromDossier.ActorName, fromDossier.ActorRole, fromDossier.ActorUnitId).ShouldBe(((Guid?)me.AccountId, me.FullName, "Công dân", (Guid?)null));
        (fromDossier.AfterText("dossierCode"), fromDossier.AfterText("fileName")).ShouldBe((dossier.Code, "hợp đồng thuê nhà.pdf"));
        var fromStore = await AuditApi.SingleAsync(app, "CitizenDocumentDownloaded", document.Id.ToString());
        (fromStore.ActorId, fromStore.ActorName).ShouldBe(((Guid?)me.AccountId, me.FullName));
        (fromStore.AfterText("ownerIdNumber"), fromStore.AfterText("fileName")).ShouldBe(("001190000402", "hợp đồng thuê nhà.pdf"));

        // Another citizen is refused both, and nothing is recorded for them.
        var stranger = await SignInAsync(app, await CitizenAsync(app, "Người Lạ Tải", "001190000403", "0912340403"));
        (await GetAsync(stranger, $"{Url(dossier.Code)}/tep/{file.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync(stranger, $"/kho-du-lieu/tai/{document.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AuditApi.ReadAsync(app, "DossierFileDownloaded", file.Id.ToString())).Items.Count.ShouldBe(1);
        (await AuditApi.ReadAsync(app, "CitizenDocumentDownloaded", document.Id.ToString())).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RegisterExport_IsRecordedWithThePeriodAndTheOfficial()
    {
        await ScannedDossierAsync("Kha Thị Sổ Sách", "001190000405", "0912340405");
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var response = await desk.Http.GetAsync("/office/forms/07/export?from=2026-11-17&to=2026-11-17", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var entry = (await AuditApi.ReadAsync(app, "RegisterExported", "2026-11-17/2026-11-17")).Items.ShouldHaveSingleItem();
        (entry.ActorName, entry.ActorRole, entry.SubjectType).ShouldBe(("Cán bộ desk", "Cán bộ một cửa", "Register"));
        entry.AfterText("fileName").ShouldBe("mau-07-so-theo-doi-ho-so-20261117-20261117.xlsx");
    }

    [Fact]
    public async Task RefusedAccess_ToAnotherUnitsDossierAndToAdministration_IsLogged()
    {
        var (_, dossier, _) = await ScannedDossierAsync("Đào Văn Ngoài Phạm Vi", "001190000404", "0912340404");
        using var other = await app.ClientAsAsync("desk.other");
        var otherId = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "desk.other").Select(o => o.Id).SingleAsync(Ct));

        (await other.GetAsync($"/api/dossiers/{dossier.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/dossiers/{dossier.Id}/start-processing", JsonContent.Create(new { revision = 1 }), Ct)).StatusCode
            .ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await other.GetAsync("/api/jobs", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var deskPages = await OfficeClient.SignInAsync(app, "desk.other");
        (await deskPages.Http.GetAsync("/office/admin/units", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var refusals = app.Lines.Where(l => l.Level == LogLevel.Warning && l.Message.Contains(otherId.ToString(), StringComparison.Ordinal)).Select(l => l.Message).ToList();
        refusals.ShouldContain(m => m.Contains($"/api/dossiers/{dossier.Id}", StringComparison.Ordinal) && m.Contains("404", StringComparison.Ordinal));
        refusals.ShouldContain(m => m.Contains($"/api/dossiers/{dossier.Id}/start-processing", StringComparison.Ordinal));
        refusals.ShouldContain(m => m.Contains("/api/jobs", StringComparison.Ordinal) && m.Contains("Administrator", StringComparison.Ordinal));
        refusals.ShouldContain(m => m.Contains("/office/admin/units", StringComparison.Ordinal) && m.Contains("Administrator", StringComparison.Ordinal));
    }
}
