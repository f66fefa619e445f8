using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Tests.Scorecard;
using static MotCua.Tests.Scorecard.ScorecardData;

namespace MotCua.Tests.Reports;

/// <summary>The province dashboard's 766 totals are counted once per unit and period for five minutes (docs/adr/0032e):
/// a dossier changed meanwhile shows at the first visit after that, and the page says when the totals were counted.</summary>
public sealed class DashboardRankingCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProvinceDashboard_ReusesTheTotalsForFiveMinutes_ThenShowsTheChange()
    {
        var world = await app.SeedWorldAsync();
        var v = await app.ProcedureAsync("9.000431", Paper("Thủ tục thử bảng xếp hạng"));
        var ids = await app.DossiersAsync(
            new DossierSpec { UnitId = world.CommuneId, Version = v, ReceivedUtc = Vn(2026, 3, 2), DueUtc = Vn(2026, 3, 9), Status = DossierStatus.Decided, EndedUtc = Vn(2026, 3, 4) },
            new DossierSpec { UnitId = world.OtherCommuneId, Version = v, ReceivedUtc = Vn(2026, 3, 2), DueUtc = Vn(2026, 3, 9), Status = DossierStatus.Decided, EndedUtc = Vn(2026, 3, 4) });
        app.Clock.Set(Vn(2026, 10, 1, 9));
        var admin = await OfficeClient.SignInAsync(app, "admin");
        async Task<(string Score, string Counted)> VisitAsync()
        {
            var page = await admin.GetPageAsync("/office/dashboard");
            return (page.QuerySelector($"#ranking tr[data-unit='{world.OtherCommuneCode}'] td.num:last-child")!.TextContent,
                page.QuerySelector("#scores-counted")!.TextContent);
        }

        var first = await VisitAsync();
        first.Counted.ShouldBe("Điểm 766 được tính lúc 09:00 01/10/2026 và dùng lại trong 5 phút: thay đổi của hồ sơ sau thời điểm đó hiện ra ở lần tính sau.");
        // Xã Hai's dossier is synced to the national portal: 1.4 gains 6 points, but not before the five minutes are out.
        await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(d => d.SyncState, SyncState.Synced), Ct));
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        (await VisitAsync()).ShouldBe(first);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await VisitAsync();
        after.Counted.ShouldStartWith("Điểm 766 được tính lúc 09:05 01/10/2026");
        double.Parse(after.Score, System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))
            .ShouldBe(double.Parse(first.Score, System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + 6, 0.01);
    }
}
