using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.NationalPortal;
using MotCua.Web.Features.NationalPortal.Sandbox;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.NationalPortal;

/// <summary>The national portal's simulator served by Kestrel in the test process (it must outlive the app it receives
/// from), and the office making changes there on the shared database: each change queues its sync job, which a separate
/// app process delivers. The clock is the real one, since that process's is.</summary>
public sealed class SyncCrashApp : AppFactory
{
    public const string ClientSecret = "bi-mat-cua-tinh-khi-sap";

    public SyncCrashApp()
    {
        UseKestrel(0);
        Clock.Set(DateTime.UtcNow);
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Set so that the changes made here queue their sync; this process runs no jobs (Testing): the app process does.
        builder.UseSetting("NationalPortal:BaseUrl", "/sandbox/dvcqg/");
        builder.UseSetting("NationalPortal:FileLinkSecret", NationalPortalApp.FileLinkSecret);
        builder.UseSetting("NationalPortal:IntakeClientSecret", NationalPortalApp.IntakeSecret);
        builder.UseSetting("NationalPortal:Simulator:IntakeSecret", NationalPortalApp.IntakeSecret);
        builder.UseSetting("NationalPortal:Simulator:ClientId", "motcua-tinh");
        builder.UseSetting("NationalPortal:Simulator:ClientSecret", ClientSecret);
        // Every record takes a while on the wire, so that the kill finds some there.
        builder.UseSetting("NationalPortal:Simulator:Mode", nameof(SimulatorMode.Slow));
        builder.UseSetting("NationalPortal:Simulator:Delay", "00:00:00.040");
    }

    public override ValueTask InitializeAsync()
    {
        StartServer();
        BaseAddress = new Uri(ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority));
        return ValueTask.CompletedTask;
    }

    public NationalPortalSimulator Simulator => Services.GetRequiredService<NationalPortalSimulator>();

    /// <summary>The province's app as its own process, delivering the outbox to this simulator, quickly: short claims
    /// (a killed node's jobs are taken over after 2 s) and short waits between attempts.</summary>
    public Task<AppProcess> StartDelivererAsync() => AppProcess.StartAsync(Database,
        $"--NationalPortal:BaseUrl={BaseAddress}sandbox/dvcqg/", "--NationalPortal:ClientId=motcua-tinh", $"--NationalPortal:ClientSecret={ClientSecret}",
        $"--NationalPortal:FileLinkSecret={NationalPortalApp.FileLinkSecret}", "--NationalPortal:RetryMaxDelay=00:00:00.500",
        "--Jobs:Enabled=true", "--Jobs:PollInterval=00:00:00.100", "--Jobs:BaseDelay=00:00:00.100",
        "--Jobs:HandlerTimeout=00:00:01", "--Jobs:Lease=00:00:02");
}

/// <summary>Kill -9 while the outbox is delivered to the national portal: after the restart every change has reached the
/// portal, each record once, never an older revision after a newer one, and every dossier is synchronised.</summary>
public sealed class SyncCrashTests(SyncCrashApp app) : IClassFixture<SyncCrashApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledWhileDeliveringTheOutbox_AfterTheRestart_EveryRecordReachedThePortalOnce_InOrder()
    {
        var world = await app.SeedWorldAsync();
        var dossiers = new List<(Guid Id, string Code)>();
        for (var i = 0; i < 10; i++)
        {
            var submitted = await app.Simulator.SubmitAsync(new NationalPortalSimulator.Submission("1.004222", NationalArrange.DeskCode, $"Đinh Văn Sập {i}",
                $"07919{i:D7}", "0912345678", null, "TK,CHO_O"), Ct);
            submitted.Status.ShouldBe(201, submitted.Body);
            var id = await app.WithDbAsync(db => db.Set<NationalDossierLink>().Where(l => l.NationalId == submitted.NationalId).Select(l => l.DossierId).SingleAsync(Ct));
            await TrackingArrange.ReceiveAsync(app, id);
            dossiers.Add((id, await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id).Select(d => d.Code!).SingleAsync(Ct))));
        }

        using (var deliverer = await app.StartDelivererAsync())
        {
            // More changes while it delivers; killed once part of the outbox is through and part is not.
            foreach (var (id, _) in dossiers.Take(5)) await OfficeDossiers.ToAppraisalAsync(app, world, id);
            await WaitAsync(() => Task.FromResult(app.Simulator.Deliveries.Count >= 6), TimeSpan.FromSeconds(30));
            deliverer.Kill();
        }
        var left = await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == SyncDossier.Kind && j.State != JobState.Succeeded, Ct));
        left.ShouldBeGreaterThan(0, "the kill came after the outbox was delivered: nothing was tested");
        foreach (var (id, _) in dossiers.Skip(5)) await OfficeDossiers.ToAppraisalAsync(app, world, id);

        using (await app.StartDelivererAsync())
            await WaitAsync(() => app.WithDbAsync(db => db.Dossiers.Where(d => dossiers.Select(x => x.Id).Contains(d.Id)).AllAsync(d => d.SyncState == SyncState.Synced, Ct)),
                TimeSpan.FromSeconds(60));

        app.Simulator.Deliveries.Where(d => !d.Kept && !d.Duplicate).Select(d => $"{d.MaHoSo} r{d.Revision}: {string.Join("; ", d.Errors)}").ShouldBeEmpty();
        foreach (var (id, code) in dossiers)
        {
            var dossier = await NationalArrange.DossierAsync(app, id);
            var kept = app.Simulator.Kept(code);
            kept.Select(k => k.Key).ShouldBeUnique();
            kept.Select(k => k.Revision).ShouldBe(kept.Select(k => k.Revision).Order().Distinct(), $"{code}: revisions out of order");
            (kept[^1].Revision, kept[^1].TrangThaiHoSo).ShouldBe((dossier.Revision, 4), code);
            kept[^1].Record.QuaTrinhXuLy!.Count.ShouldBe(dossier.Revision);
        }
        (await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == SyncDossier.Kind && j.State == JobState.Dead, Ct))).ShouldBe(0);
    }

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            if (watch.Elapsed > limit) throw new TimeoutException($"Not done within {limit.TotalSeconds} s.");
            await Task.Delay(50, Ct);
        }
    }
}
