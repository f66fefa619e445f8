using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.DemoData;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Payments;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.DemoData;

/// <summary>The demo data is made by the domain's own operations, so it must obey every rule the domain
/// enforces; these tests read it back from the database and check that it does.</summary>
/// <summary>The app with the demo data seeded once for the whole class.</summary>
public sealed class DemoDataApp : AppFactory
{
    public string Report { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Report = await WithServiceAsync<DemoDataGenerator, string>(g => g.SeedAsync(new DemoOptions(), TestContext.Current.CancellationToken));
    }
}

public sealed class DemoDataTests(DemoDataApp app) : IClassFixture<DemoDataApp>
{
    private string Report => app.Report;

    [Fact]
    public async Task SeedDemo_CoversEveryStatusAndChannel()
    {
        Report.ShouldContain("đã tạo 300 hồ sơ");
        var byStatus = await app.WithDbAsync(db => db.Dossiers.GroupBy(d => d.Status).Select(g => g.Key).ToListAsync());
        byStatus.Order().ShouldBe(Enum.GetValues<DossierStatus>());
        var channels = await app.WithDbAsync(db => db.Dossiers.Select(d => d.Channel).Distinct().ToListAsync());
        channels.Order().ShouldBe([Channel.Desk, Channel.Online, Channel.Postal]);
        var procedures = await app.WithDbAsync(db => db.Procedures.CountAsync());
        procedures.ShouldBeGreaterThanOrEqualTo(25);
    }

    [Fact]
    public async Task SeedDemo_GivesTheDemoCitizenDossiersAndDocuments_SoThePortalHasSomethingToShow()
    {
        var citizen = await app.WithDbAsync(db => db.Citizens.SingleAsync(c => c.UserName == "congdan"));
        var owned = await app.WithDbAsync(db => db.Dossiers.Where(d => d.CitizenAccountId == citizen.Id).ToListAsync());
        owned.Count.ShouldBeGreaterThanOrEqualTo(3);
        owned.ShouldAllBe(d => d.Channel == Channel.Online && d.Applicant.IdNumber == citizen.PersonalIdNumber && d.SubmissionKey != null);
        var documents = await app.WithDbAsync(db => db.CitizenDocuments.Where(d => d.OwnerIdNumber == citizen.PersonalIdNumber).ToListAsync());
        documents.ShouldNotBeEmpty();
        // Every online dossier's uploads are filed in its applicant's store, each file once per owner.
        var onlineApplicants = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Channel == Channel.Online && d.Files.Any())
            .Select(d => d.Applicant.IdNumber).Distinct().CountAsync());
        var owners = await app.WithDbAsync(db => db.CitizenDocuments.Select(d => d.OwnerIdNumber).Distinct().CountAsync());
        owners.ShouldBeGreaterThanOrEqualTo(onlineApplicants);
    }

    [Fact]
    public async Task SeedDemo_EveryDossierObeysTheRules()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var dossiers = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery().Include(d => d.History).Include(d => d.Steps).ToListAsync());
        dossiers.Count.ShouldBe(300);
        dossiers.Select(d => d.Code).Distinct().Count().ShouldBe(300);
        foreach (var d in dossiers)
        {
            var history = d.History.OrderBy(e => e.Sequence).ToList();
            history.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, d.Revision), d.Code);
            history[0].FromStatus.ShouldBeNull(d.Code);
            for (var i = 1; i < history.Count; i++)
            {
                history[i].FromStatus.ShouldBe(history[i - 1].ToStatus, d.Code);
                history[i].AtUtc.ShouldBeGreaterThanOrEqualTo(history[i - 1].AtUtc, d.Code);
                if (history[i].FromStatus != history[i].ToStatus)
                    DossierTransitions.IsAllowed(history[i].FromStatus, Enum.Parse<DossierAction>(history[i].Kind.ToString()), history[i].ToStatus).ShouldBeTrue(d.Code);
            }
            history[^1].ToStatus.ShouldBe(d.Status, d.Code);
            history[^1].AtUtc.ShouldBeLessThanOrEqualTo(now, d.Code);
            history.ShouldAllBe(e => e.ActorName != "" && e.ActorRole != "");

            var first = d.ReceivedAtUtc ?? d.SubmittedAtUtc!.Value;
            var day = VietnamTime.ToLocal(d.Channel == Channel.Online ? d.SubmittedAtUtc!.Value : first).ToString("yyMMdd", CultureInfo.InvariantCulture);
            d.Code!.ShouldMatch($@"^000\.00\.3[123]\.H99-{day}-\d{{4}}$");
            if (d.ReceivedAtUtc is { } received)
            {
                d.DueAtUtc!.Value.ShouldBeGreaterThan(received, d.Code);
                d.OriginalDueAtUtc!.Value.ShouldBeLessThanOrEqualTo(d.DueAtUtc.Value, d.Code);
                d.Steps.ShouldAllBe(s => s.DueAtUtc <= d.DueAtUtc);
            }
            if (d.Status == DossierStatus.Returned)
            {
                d.ReturnedAtUtc!.Value.ShouldBeGreaterThanOrEqualTo(d.ProcessingEndedAtUtc!.Value, d.Code);
                d.AmountPaid.ShouldBe(d.FeesOwed, d.Code);
            }
            if (d.Status.IsTerminal() || d.Status == DossierStatus.Decided) d.ProcessingEndedAtUtc.ShouldNotBeNull(d.Code);
        }

        // Within an agency's day, sequence numbers follow the clock, as at a real desk.
        foreach (var day in dossiers.GroupBy(d => d.Code![..^5]))
        {
            var arrivals = day.OrderBy(d => d.Code).Select(d => d.History.Min(e => e.AtUtc)).ToList();
            arrivals.ShouldBe(arrivals.Order().ToList(), day.Key);
        }
    }

    [Fact]
    public async Task SeedDemo_RecordsEveryPaymentAsAPaymentOrder_WithItsReceiptNumber()
    {
        var ledger = await app.WithDbAsync(db => db.Dossiers.SelectMany(d => d.Payments, (d, p) => new { DossierId = d.Id, d.Status, p.PaymentOrderId, p.Amount, p.Method, p.Reference })
            .ToListAsync());
        var orders = (await app.WithDbAsync(db => db.Set<PaymentOrder>().AsNoTracking().ToListAsync())).ToDictionary(o => o.Id);

        ledger.Select(p => p.Method).Distinct().Order().ShouldBe([PaymentMethod.Desk, PaymentMethod.NationalPortal, PaymentMethod.LocalGateway]);
        ledger.ShouldAllBe(p => p.PaymentOrderId != null);
        ledger.Select(p => p.PaymentOrderId!.Value).Order().ShouldBe(orders.Keys.Order());
        foreach (var entry in ledger)
        {
            var order = orders[entry.PaymentOrderId!.Value];
            (order.DossierId, order.Amount, order.Channel, order.State is PaymentState.Paid).ShouldBe((entry.DossierId, entry.Amount, entry.Method, true));
            order.GatewayTransactionNo.ShouldBe(entry.Reference);
            (order.RefundDueAtUtc is not null).ShouldBe(entry.Status is DossierStatus.Refused or DossierStatus.Withdrawn or DossierStatus.Stopped);
        }
        orders.Values.Where(o => o.Channel == PaymentMethod.LocalGateway).ShouldAllBe(o => o.Provider == "vnpay");
        ShouldBeGapFree(orders.Values);
    }

    /// <summary>Each unit's receipt series of a year runs 1, 2, 3… without a gap.</summary>
    internal static void ShouldBeGapFree(IEnumerable<PaymentOrder> orders)
    {
        foreach (var series in orders.GroupBy(o => (o.ReceiptUnitId, o.ReceiptYear)))
        {
            series.Key.ReceiptUnitId.ShouldNotBeNull();
            series.Select(o => o.ReceiptNumber!.Value).Order().ShouldBe(Enumerable.Range(1, series.Count()));
        }
    }

    [Fact]
    public async Task SeedDemo_CreatesOfficialsOfEveryRoleInEveryCommune_WhoCanSignIn()
    {
        foreach (var key in new[] { "tranbien", "tamphuoc", "phuloc" })
        {
            var roles = await app.WithDbAsync(db => (
                from o in db.Officials
                join ur in db.UserRoles on o.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where o.UserName!.EndsWith("." + key)
                select r.Name!).Distinct().ToListAsync());
            roles.Order().ShouldBe(Enum.GetNames<OfficialRole>().Where(n => n != nameof(OfficialRole.Administrator)).Order());
        }
        var client = await app.ClientAsAsync("motcua.tranbien", "MotCua@2026");
        (await client.GetAsync("/api/dossiers/" + Guid.NewGuid(), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        Report.ShouldContain("motcua.tranbien");
    }
}

/// <summary>Running the verb again on a seeded database (as <c>seed-demo --dossiers N</c> does for benchmarks).</summary>
public sealed class DemoDataRerunTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task SeedDemo_Again_AddsDossiersWithoutDuplicatingUnitsOrCatalog()
    {
        await app.WithServiceAsync<DemoDataGenerator, string>(g => g.SeedAsync(new DemoOptions { Dossiers = 30 }, TestContext.Current.CancellationToken));

        var units = await app.WithDbAsync(db => db.Units.CountAsync());
        var report = await app.WithServiceAsync<DemoDataGenerator, string>(g => g.SeedAsync(new DemoOptions { Dossiers = 20, Seed = 1 }, TestContext.Current.CancellationToken));
        report.ShouldContain("0 thủ tục mới");
        (await app.WithDbAsync(db => db.Units.CountAsync())).ShouldBe(units);
        (await app.WithDbAsync(db => db.Dossiers.Select(d => d.Code).Distinct().CountAsync())).ShouldBe(await app.WithDbAsync(db => db.Dossiers.CountAsync()));
        (await app.WithDbAsync(db => db.Dossiers.CountAsync())).ShouldBe(50);
        DemoDataTests.ShouldBeGapFree(await app.WithDbAsync(db => db.Set<PaymentOrder>().AsNoTracking().ToListAsync()));
    }
}
