using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Infrastructure;

/// <summary>One node of a province: the app on a database another node also uses, as on its own machine. What a machine
/// keeps in its home folder — where ASP.NET keeps Data Protection keys when the app names no key store — is this node's
/// own folder here: nodes in one test process would otherwise share the runner's home folder, which machines never do.</summary>
public sealed class Node : AppFactory
{
    private readonly string _machineFolder;
    private readonly bool _workers;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public Node(TestDatabase database, bool ownsDatabase, string name, bool workers, IReadOnlyDictionary<string, string>? settings = null)
        : base(database, ownsDatabase)
    {
        _machineFolder = Path.Combine(database.DataDirectory, "machine-" + name);
        _workers = workers;
        _settings = settings ?? new Dictionary<string, string>();
    }

    public string NodeId => Services.GetRequiredService<JobRunner>().NodeId;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_workers)
        {
            // The jobs worker runs as on a server, polling often so that both nodes take part in a short test.
            builder.UseSetting("Jobs:Enabled", "true");
            builder.UseSetting("Jobs:PollInterval", "00:00:00.050");
            builder.UseSetting("Jobs:BatchSize", "3");
        }
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddJobHandler<CountedJob>(CountedJob.Kind);
            // Runs after the app's own configuration: a key store the app names is kept; only without one does the
            // node fall back to "its machine's" folder, as ASP.NET would.
            services.AddOptions<KeyManagementOptions>().Configure(o =>
                o.XmlRepository ??= new FileSystemXmlRepository(new DirectoryInfo(_machineFolder), NullLoggerFactory.Instance));
        });
    }
}

/// <summary>A job whose every run is counted, with the node that ran it.</summary>
public sealed class CountedJob(JobRunner runner) : IJobHandler
{
    public const string Kind = "test.counted";

    public static ConcurrentDictionary<Guid, ConcurrentBag<string>> Runs { get; } = new();

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        Runs.GetOrAdd(job.Id, _ => []).Add(runner.NodeId);
        // Long enough that the other node's worker polls while this one is busy.
        await Task.Delay(20, ct);
    }
}

/// <summary>Two nodes on one database, started one after the other as a deployment does (the first migrates).</summary>
public class TwoNodes : IAsyncLifetime
{
    protected TwoNodes(bool workers)
    {
        A = new Node(TestDatabase.Create(), ownsDatabase: true, "a", workers);
        B = new Node(A.Database, ownsDatabase: false, "b", workers);
    }

    public TwoNodes() : this(workers: false)
    {
    }

    public Node A { get; }
    public Node B { get; }

    public async ValueTask InitializeAsync()
    {
        await A.InitializeAsync();
        await B.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class TwoWorkingNodes() : TwoNodes(workers: true);

/// <summary>A browser behind the province's proxy: one cookie jar, each request answered by whichever node the proxy
/// picks (no sticky sessions).</summary>
public sealed class ProxiedBrowser
{
    private static readonly HtmlParser Parser = new();
    private readonly CookieContainer _cookies = new();

    public HttpClient On(AppFactory node) => node.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(_cookies));

    public static async Task<string> AntiforgeryTokenAsync(HttpResponseMessage page)
    {
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await Parser.ParseDocumentAsync(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return html.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }
}

/// <summary>Sign-in, forms and links made on one node are good on the other: the Data Protection keys are the database's
/// (docs/adr/0035b). Dossier codes stay unique and gapless when both nodes receive at once.</summary>
public sealed class TwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string page, string token, Dictionary<string, string> fields) =>
        client.PostAsync(page, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))), Ct);

    [Fact]
    public async Task AnOfficialSignedInOnOneNode_IsSignedInOnTheOther_InTheOfficeAndTheApi()
    {
        await nodes.A.SeedWorldAsync();
        var browser = new ProxiedBrowser();
        var a = browser.On(nodes.A);
        var token = await ProxiedBrowser.AntiforgeryTokenAsync(await a.GetAsync("/office/login", Ct));
        var signIn = await SignInAsync(a, "/office/login", token, new() { ["UserName"] = "desk", ["Password"] = TestData.Password });
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var office = await browser.On(nodes.B).GetAsync("/office", Ct);
        office.StatusCode.ShouldBe(HttpStatusCode.OK, "node B reads node A's sign-in cookie");
        (await office.Content.ReadAsStringAsync(Ct)).ShouldContain("Cán bộ desk");

        // Identity's bearer token is protected the same way: a kiosk's token from node A works on node B.
        var login = await nodes.A.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "desk", password = TestData.Password }, Ct);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bearer = (await login.Content.ReadFromJsonAsync<TokenAnswer>(Ct))!.AccessToken;
        var api = nodes.B.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        (await api.GetAsync("/api/dossiers", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ACitizenSignedInOnOneNode_SeesTheirDossiersOnTheOther()
    {
        await nodes.A.SeedWorldAsync();
        var browser = new ProxiedBrowser();
        var a = browser.On(nodes.A);
        var token = await ProxiedBrowser.AntiforgeryTokenAsync(await a.GetAsync("/dang-nhap", Ct));
        (await SignInAsync(a, "/dang-nhap", token, new() { ["Identifier"] = TestData.CitizenIdNumber, ["Password"] = TestData.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var mine = await browser.On(nodes.B).GetAsync("/ho-so-cua-toi", Ct);
        mine.StatusCode.ShouldBe(HttpStatusCode.OK, "node B reads node A's sign-in cookie");
        (await mine.Content.ReadAsStringAsync(Ct)).ShouldContain(TestData.CitizenName);
    }

    [Fact]
    public async Task AFormFromOneNode_IsAcceptedWhenPostedToTheOther()
    {
        await nodes.A.SeedWorldAsync();
        var browser = new ProxiedBrowser();
        // The sign-in form (and its antiforgery cookie) from node A, posted to node B.
        var token = await ProxiedBrowser.AntiforgeryTokenAsync(await browser.On(nodes.A).GetAsync("/office/login", Ct));
        var b = browser.On(nodes.B);
        var posted = await SignInAsync(b, "/office/login", token, new() { ["UserName"] = "specialist", ["Password"] = TestData.Password });

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, "node B accepts node A's antiforgery token");
        (await b.GetAsync("/office", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A forged token is still refused: the check is on, not off.
        var forged = await SignInAsync(browser.On(nodes.B), "/office/login", token[..^4] + "AAAA", new() { ["UserName"] = "specialist", ["Password"] = TestData.Password });
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PaymentAndRatingLinksMadeOnOneNode_OpenOnTheOther()
    {
        await nodes.A.SeedWorldAsync();
        var received = await ReceiveAsync(nodes.A, await nodes.A.ClientAsAsync("desk"), "001099" + "000777");
        var payment = nodes.A.Services.GetRequiredService<PaymentLinks>().PathFor(received.Id);
        var rating = nodes.A.Services.GetRequiredService<RatingLinks>().PathFor(received.Id);
        var visitor = nodes.B.CreateClient();

        var paymentPage = await visitor.GetAsync(payment, Ct);
        paymentPage.StatusCode.ShouldBe(HttpStatusCode.OK, "node B reads node A's payment link");
        (await paymentPage.Content.ReadAsStringAsync(Ct)).ShouldContain(received.Code);
        var ratingPage = await visitor.GetAsync(rating, Ct);
        ratingPage.StatusCode.ShouldBe(HttpStatusCode.OK, "node B reads node A's rating link");
        (await ratingPage.Content.ReadAsStringAsync(Ct)).ShouldContain(received.Code);
    }

    [Fact]
    public async Task APasswordResetLinkMadeOnOneNode_SetsThePasswordOnTheOther()
    {
        var world = await nodes.A.SeedWorldAsync();
        // The e-mail's job may run on either node; the link's token is made by the node that runs it.
        var token = await nodes.A.WithServiceAsync<UserManager<AppUser>, string>(async users =>
            await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(world.HelperId.ToString()))!));
        var link = $"/dat-lai-mat-khau?id={world.HelperId}&token={Uri.EscapeDataString(token)}";
        var visitor = await OfficeClient.AnonymousAsync(nodes.B);

        var set = await visitor.PostFormAsync(link, "/dat-lai-mat-khau", new()
        {
            ["Id"] = world.HelperId.ToString(), ["Token"] = token, ["Password"] = "Moi@12345", ["ConfirmPassword"] = "Moi@12345",
        });

        set.StatusCode.ShouldBe(HttpStatusCode.Redirect, "node B accepts node A's reset token");
        (await nodes.B.WithServiceAsync<UserManager<AppUser>, bool>(async users =>
            await users.CheckPasswordAsync((await users.FindByIdAsync(world.HelperId.ToString()))!, "Moi@12345"))).ShouldBeTrue();
    }

    [Fact]
    public async Task DeskReceptionsOnBothNodesAtOnce_GetDistinctCodes_WithoutGaps()
    {
        await nodes.A.SeedWorldAsync();
        const int each = 12;
        var deskA = await nodes.A.ClientAsAsync("desk");
        var deskB = await nodes.B.ClientAsAsync("desk");
        var receptions = Enumerable.Range(0, 2 * each)
            .Select(i => Task.Run(() => ReceiveAsync(i % 2 == 0 ? nodes.A : nodes.B, i % 2 == 0 ? deskA : deskB,
                "0010" + (880000 + i).ToString("D8", CultureInfo.InvariantCulture)), Ct))
            .ToList();
        var received = await Task.WhenAll(receptions);

        received.Select(r => r.Code).Distinct().Count().ShouldBe(2 * each);
        // Every code of the day at this agency, whichever node or test made it: numbered 1, 2, 3 … with none missing,
        // and the counter stands at the last.
        var prefix = received[0].Code[..received[0].Code.LastIndexOf('-')];
        received.ShouldAllBe(r => r.Code.StartsWith(prefix + "-", StringComparison.Ordinal));
        var codes = await nodes.A.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Code!.StartsWith(prefix + "-")).Select(d => d.Code!).ToListAsync(Ct));
        var numbers = codes.Select(c => int.Parse(c[(prefix.Length + 1)..], CultureInfo.InvariantCulture)).Order().ToList();
        numbers.ShouldBe(Enumerable.Range(1, numbers.Count).ToList());
        var counters = await nodes.A.WithDbAsync(db => db.DossierCodeCounters.AsNoTracking().ToListAsync(Ct));
        counters.Where(c => prefix.StartsWith(c.AgencyCode + "-", StringComparison.Ordinal)).ShouldHaveSingleItem().LastNumber.ShouldBe(numbers.Count);
    }

    internal static async Task<ReceiveInPerson.Response> ReceiveAsync(AppFactory node, HttpClient desk, string idNumber)
    {
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "2.000815",
            applicant = new { kind = "Person", fullName = "Người Nộp " + idNumber[^4..], idNumber, phone = "0912" + idNumber[^6..] },
            components = new[] { new { requirementCode = "BAN_SAO" } },
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"{node.NodeName()}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!;
    }

    private sealed record TokenAnswer(string AccessToken);
}

/// <summary>Both nodes' workers drain the one jobs table: each job is run once, by one of them, and each recurring job has
/// one next occurrence, not one per node.</summary>
public sealed class TwoNodesJobsTests(TwoWorkingNodes nodes) : IClassFixture<TwoWorkingNodes>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JobsQueuedOnce_AreRunOnce_ByOneNodeOrTheOther()
    {
        const int count = 60;
        var now = nodes.A.Clock.GetUtcNow().UtcDateTime;
        var batch = Guid.NewGuid().ToString("N");
        var ids = await nodes.A.WithDbAsync(async db =>
        {
            var jobs = Enumerable.Range(0, count).Select(i => Job.Create(CountedJob.Kind, new { Number = i }, $"test:{batch}:{i}", now)).ToList();
            db.Jobs.AddRange(jobs);
            await db.SaveChangesAsync(Ct);
            return jobs.Select(j => j.Id).ToHashSet();
        });

        var deadline = DateTime.UtcNow.AddSeconds(90);
        List<Job> done;
        do
        {
            await Task.Delay(200, Ct);
            done = await nodes.B.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync(Ct));
        } while (done.Any(j => j.State != JobState.Succeeded) && DateTime.UtcNow < deadline);

        done.Count.ShouldBe(count);
        done.ShouldAllBe(j => j.State == JobState.Succeeded && j.Attempts == 1);
        foreach (var job in done)
            CountedJob.Runs[job.Id].ShouldHaveSingleItem().ShouldBe(job.LockedBy, $"job {job.Id}: run once, by the node that claimed it");
        done.Select(j => j.LockedBy).Distinct().Order().ShouldBe(new[] { nodes.A.NodeId, nodes.B.NodeId }.Order(), "both nodes' workers took part");
    }

    [Fact]
    public async Task EachRecurringJob_HasOneNextOccurrence_NotOnePerNode()
    {
        var queued = await nodes.A.WithDbAsync(db => db.Jobs.AsNoTracking()
            .Where(j => j.Kind.StartsWith("recurring:") && j.State == JobState.Pending).Select(j => j.Kind).ToListAsync(Ct));

        queued.ShouldNotBeEmpty();
        queued.GroupBy(k => k).ShouldAllBe(g => g.Count() == 1);
        queued.ShouldContain("recurring:" + MotCua.Web.Infrastructure.PendingFileSweep.Name);
    }
}

internal static class NodeNames
{
    public static string NodeName(this AppFactory node) => node is Node n ? n.NodeId : "node";
}
