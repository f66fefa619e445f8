using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.NationalPortal;
using MotCua.Web.Features.NationalPortal.Sandbox;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.NationalPortal;

/// <summary>The app connected to its own national-portal simulator: the sync client's calls (token, records) and the
/// simulator's deliveries to the intake go over HTTP to the test server itself.</summary>
public class NationalPortalApp : AppFactory
{
    public const string IntakeSecret = "khoa-tiep-nhan-thu";
    public const string FileLinkSecret = "khoa-ky-lien-ket-tep-thu-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NationalPortal:BaseUrl", "http://localhost/sandbox/dvcqg/");
        builder.UseSetting("NationalPortal:ClientId", "motcua-tinh");
        builder.UseSetting("NationalPortal:ClientSecret", "bi-mat-cua-tinh");
        builder.UseSetting("NationalPortal:Simulator:ClientId", "motcua-tinh");
        builder.UseSetting("NationalPortal:Simulator:ClientSecret", "bi-mat-cua-tinh");
        builder.UseSetting("NationalPortal:IntakeClientSecret", IntakeSecret);
        builder.UseSetting("NationalPortal:Simulator:IntakeSecret", IntakeSecret);
        builder.UseSetting("NationalPortal:FileLinkSecret", FileLinkSecret);
        // The test server listens on no address: the links in records are on the address the test client uses.
        builder.UseSetting("NationalPortal:PublicBaseUrl", "http://localhost/");
        builder.ConfigureServices(services =>
        {
            services.AddHttpClient(NationalPortalClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            services.AddHttpClient(NationalPortalSimulator.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
        });
    }

    public NationalPortalSimulator Simulator => Services.GetRequiredService<NationalPortalSimulator>();

    public NationalPortalSimulatorOptions SimulatorOptions => Services.GetRequiredService<IOptionsMonitor<NationalPortalOptions>>().CurrentValue.Simulator;

    public Task<JobRunSummary> RunJobsAsync() => Services.GetRequiredService<JobRunner>().RunDueAsync(TestContext.Current.CancellationToken);
}

public static class NationalArrange
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _people;

    public const string DeskCode = "000.01.41.H98";

    public sealed record Intake(int Status, string Code, string NationalId, bool Before, Guid DossierId);

    /// <summary>A citizen submits a residence registration on the (simulated) national portal, to the desk of Phường Một.</summary>
    public static async Task<Intake> SubmitOnPortalAsync(NationalPortalApp app, string? nationalId = null, bool verified = true)
    {
        await app.SeedWorldAsync();
        var n = Interlocked.Increment(ref _people);
        var result = await app.Simulator.SubmitAsync(new NationalPortalSimulator.Submission("1.004222", DeskCode, $"Lê Văn Quốc {n}",
            $"0792{Random.Shared.NextInt64(10_000_000, 99_999_999)}", "0912345678", null, "TK,CHO_O", nationalId, verified,
            """{"noi_dang_ky":"Số 5 đường Hai, phường Một"}"""), Ct);
        return await ReadAsync(app, result);
    }

    public static async Task<Intake> ReadAsync(NationalPortalApp app, NationalPortalSimulator.SubmitResult result)
    {
        new[] { (int)HttpStatusCode.Created, (int)HttpStatusCode.OK }.ShouldContain(result.Status, result.Body);
        using var answer = JsonDocument.Parse(result.Body);
        var code = answer.RootElement.GetProperty("maHoSo").GetString()!;
        answer.RootElement.GetProperty("trangThaiHoSo").GetInt32().ShouldBeInRange(1, 10);
        var id = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).SingleAsync(Ct));
        return new Intake(result.Status, code, answer.RootElement.GetProperty("maHoSoQuocGia").GetString()!,
            answer.RootElement.GetProperty("daNhanTruocDo").GetBoolean(), id);
    }

    public static Task<Dossier> DossierAsync(AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Files).Include(d => d.Components).SingleAsync(d => d.Id == id, Ct));
}
