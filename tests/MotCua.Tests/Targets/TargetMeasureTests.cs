using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Features.Targets;
using static MotCua.Tests.Targets.TargetsTestKit;

namespace MotCua.Tests.Targets;

/// <summary>Each metric measured on a hand-built set of dossiers, through <c>GET /api/targets</c>, with exact figures:
/// three dossiers of Phường Một received this year, one of Xã Hai and one of last year that must not count.</summary>
public sealed class TargetMeasureTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryMetric_IsMeasuredOnTheUnitsDossiersOfTheYear_WithExactFigures()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9));
        var a = await ReceiveAsync(app, "desk", "079190008001");   // desk: both components scanned, paid online
        var b = await ReceiveAsync(app, "desk", "079190008002");   // fully online, one component scanned, late
        var c = await ReceiveAsync(app, "desk", "079190008003");   // partly online, a component re-used, no fees
        var other = await ReceiveAsync(app, "desk.other", "079190008004"); // Xã Hai: not Phường Một's
        var lastYear = await ReceiveAsync(app, "desk", "079190008005");    // received in 2025
        await OnlineAsync(app, b.Id, OnlineLevel.Full);
        await OnlineAsync(app, c.Id, OnlineLevel.Partial);
        await OnlineAsync(app, other.Id, OnlineLevel.Full);
        await OnlineAsync(app, lastYear.Id, OnlineLevel.Full);
        await ReceivedAtAsync(app, lastYear.Id, TestClock.Vn(2025, 12, 31, 16));
        await ScanAsync(app, a.Id, a.Components[0]);
        await ScanAsync(app, a.Id, a.Components[1]);
        await ScanAsync(app, b.Id, b.Components[0]);
        await ReuseAsync(app, c.Id, c.Components[0]);
        await PayOnlineAsync(app, a.Id, 20_000);
        await NoFeesAsync(app, c.Id);
        await DueAtAsync(app, b.Id, TestClock.Vn(2026, 11, 16, 17));
        // Ratings of a returned dossier: a liked, b disliked.
        await app.WithDbAsync(async db =>
        {
            await db.Dossiers.Where(d => d.Id == a.Id || d.Id == b.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DossierStatus.Returned), Ct);
            foreach (var (id, liked) in new[] { (a.Id, true), (b.Id, false) })
            {
                var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == id, Ct);
                db.SatisfactionRatings.Add(SatisfactionRating.Rate(null, dossier, world.CitizenId, liked, liked ? 5 : 1, null, app.Clock.GetUtcNow().UtcDateTime));
            }
            await db.SaveChangesAsync(Ct);
        });
        // Returned without a processing end, a and b are no longer judged on time: give them their end.
        await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == a.Id || d.Id == b.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ProcessingEndedAtUtc, TestClock.Vn(2026, 11, 17, 8)), Ct));

        var result = await GetAsync<GetTargetProgress.Result>(await app.ClientAsAsync("stats"), "/api/targets?year=2026");

        result.Unit.ShouldBe(world.CommuneCode);
        var m = result.Metrics.ToDictionary(r => r.Metric);
        string F(TargetMetric metric) => $"{metric} {m[metric].Numerator}/{m[metric].Denominator} {m[metric].Measured?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {m[metric].HasData}";
        TargetMetrics.All.Where(x => x != TargetMetric.OfficialsUsingSystem).Select(F).ShouldBe(
        [
            "SubmittedOnline 2/3 66.67 True",
            "FullyOnline 1/3 33.33 True",
            // 4.3: c owes nothing: only a and b are counted, and a was paid on the national portal.
            "PaidOnline 1/2 50 True",
            // 6.2 asks a result file too: no result was issued yet.
            "Digitized 0/3 0 True",
            // 6.4 counts a digitized (scanned) component as well as a re-used one.
            "DataReused 3/3 100 True",
            // 6.1 counts the procedures whose result is a paper document; the residence's is not one: nothing to count.
            "ElectronicResults 0/0 - False",
            // 2.1: b ended after its due date; a ended on time; c is still within its time.
            "SettledOnTime 2/3 66.67 True",
            // 5.2: no feedback was sent to the unit: nothing counted, which is not 0 %.
            "FeedbackOnTime 0/0 - False",
            // 5.4: 100 % − late (b) − disliked (b), over the judged dossiers.
            "Satisfaction 1/3 33.33 True",
            "ElectronicCertifiedCopies 0/0 - False",
            "ProceduresOnline 2/2 100 True",
        ]);
        m[TargetMetric.FeedbackOnTime].PaceText.ShouldBe("");
        // The desk official acted on the dossiers; the others of Phường Một did not.
        var officials = m[TargetMetric.OfficialsUsingSystem];
        officials.Numerator.ShouldBe(1);
        officials.Denominator.ShouldBe(await app.WithDbAsync(db => db.Officials.CountAsync(o => o.UnitId == world.CommuneId || o.UnitId == world.DeskId || o.UnitId == world.JusticeId, Ct)));

        // Xã Hai's own figures hold its dossier only.
        var xaHai = await GetAsync<GetTargetProgress.Result>(await app.ClientAsAsync("admin"), $"/api/targets?unit={world.OtherCommuneCode}&year=2026");
        var online = xaHai.Metrics.Single(r => r.Metric == TargetMetric.FullyOnline);
        (online.Numerator, online.Denominator).ShouldBe((1, 1));
        // The province covers both communes.
        var province = await GetAsync<GetTargetProgress.Result>(await app.ClientAsAsync("admin"), "/api/targets?year=2026");
        var all = province.Metrics.Single(r => r.Metric == TargetMetric.SubmittedOnline);
        (all.Numerator, all.Denominator).ShouldBe((3, 4));
        // Last year holds the one received on 31/12/2025.
        var previous = await GetAsync<GetTargetProgress.Result>(await app.ClientAsAsync("stats"), "/api/targets?year=2025");
        var before = previous.Metrics.Single(r => r.Metric == TargetMetric.FullyOnline);
        (before.Numerator, before.Denominator).ShouldBe((1, 1));
    }
}
