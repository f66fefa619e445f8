using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.DemoData;
using MotCua.Web.Features.Targets;
using static MotCua.Tests.Targets.TargetsTestKit;

namespace MotCua.Tests.Targets;

/// <summary>The demo data carries the seed plans' targets, Trần Biên's campaign and a plan's tasks, once.</summary>
public sealed class DemoPlansTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo accounts' password (DemoUnits.Password).</summary>
    private const string DemoPassword = "MotCua@2026";

    [Fact]
    public async Task DemoData_SeedsThePlansTargetsCampaignAndTasks_Once()
    {
        await app.WithServiceAsync<DemoDataGenerator, string>(g => g.SeedAsync(new DemoOptions { Dossiers = 30 }, Ct));
        await app.WithServiceAsync<DemoDataGenerator, string>(g => g.SeedAsync(new DemoOptions { Dossiers = 0 }, Ct));

        var tranBien = await app.ClientAsAsync("thongke.tranbien", DemoPassword);
        var progress = await GetAsync<GetTargetProgress.Result>(tranBien, "/api/targets");
        progress.Metrics.Where(m => m.Target is not null).Select(m => (m.Metric, m.Target)).ShouldBe(
            [(TargetMetric.PaidOnline, 100m), (TargetMetric.Digitized, 80m), (TargetMetric.Satisfaction, 90m)]);
        var campaigns = await GetAsync<ListCampaigns.Result>(tranBien, "/api/campaigns");
        var campaign = await GetAsync<GetCampaign.View>(tranBien, $"/api/campaigns/{campaigns.Items.Single().Id}");
        campaign.Weeks.Select(w => w.State).ShouldBe([WeekState.Past, WeekState.Past, WeekState.Past, WeekState.Current]);

        var tasks = await GetAsync<ListPlanTasks.Result>(await app.ClientAsAsync("thongke.tamphuoc", DemoPassword), "/api/plan-tasks");
        tasks.Items.Count.ShouldBe(5);
        tasks.Overdue.ShouldBe(1);
        (await app.WithDbAsync(db => db.Set<UnitTarget>().CountAsync(Ct))).ShouldBe(13);
    }
}
