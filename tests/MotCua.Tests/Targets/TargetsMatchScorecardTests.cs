using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Features.Targets;
using MotCua.Tests.Scorecard;
using static MotCua.Tests.Scorecard.ScorecardData;

namespace MotCua.Tests.Targets;

/// <summary>A target that means a 766 indicator is that indicator (docs/adr/0032e): on one hand-built set of dossiers and
/// feedback items, the year's target figures of a commune equal, metric by metric, the numerator, denominator and ratio
/// of the indicator on the scorecard of the same commune and year.</summary>
public sealed class TargetsMatchScorecardTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryTargetNamingAnIndicator_EqualsTheScorecardsIndicator_OnTheSameDossiers()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(Vn(2026, 10, 1, 9));
        var v = await app.ProcedureAsync("9.000321", Paper("Thủ tục thử chỉ tiêu"));
        var certification = await app.WithDbAsync(async db =>
        {
            var id = await db.Procedures.Where(p => p.Code == "2.000815").Select(p => p.CurrentVersionId).SingleAsync(Ct);
            return await db.ProcedureVersions.AsNoTracking().SingleAsync(x => x.Id == id, Ct);
        });
        DossierSpec S(DateTime received) => new() { UnitId = world.CommuneId, Version = v, ReceivedUtc = received, DueUtc = received.AddDays(7), Fee = 20_000 };
        await app.DossiersAsync(
            // Everything done: on time, filed, electronic result synced, paid online.
            S(Vn(2026, 3, 2)) with
            {
                Status = DossierStatus.Decided, EndedUtc = Vn(2026, 3, 5), Synced = true, ComponentFile = true, ResultFile = true,
                ResultCode = "KQ-1", Paid = PaymentMethod.NationalPortal, IdentityVerified = true,
            },
            // Fully online but late and disliked; a re-used component; fee not paid online.
            S(Vn(2026, 4, 1)) with
            {
                Channel = Channel.Online, Level = Web.Features.Catalog.OnlineLevel.Full, Status = DossierStatus.Decided,
                EndedUtc = Vn(2026, 4, 20), ComponentReused = true, Disliked = true,
            },
            // Partly online, unfinished and in time, but asked twice for a supplement: late by 2.1; owes nothing.
            S(Vn(2026, 9, 28)) with
            {
                Channel = Channel.Online, Level = Web.Features.Catalog.OnlineLevel.Partial, Fee = 0,
                Supplements = [(Vn(2026, 9, 28, 10), Vn(2026, 9, 28, 15)), (Vn(2026, 9, 29, 10), Vn(2026, 9, 29, 15))],
            },
            // Returned on time with a result file without a code (not an electronic result), not synced.
            S(Vn(2026, 5, 4)) with { Status = DossierStatus.Returned, EndedUtc = Vn(2026, 5, 6), ReturnedUtc = Vn(2026, 5, 7), ComponentFile = true, ResultFile = true },
            // Certified copies: one with an electronic result but no signed certified copy (not counted: ADR 0033e), one without a result yet.
            S(Vn(2026, 6, 1)) with { Version = certification, Fee = 0, Status = DossierStatus.Decided, EndedUtc = Vn(2026, 6, 1, 15), ResultFile = true, ResultCode = "BS-1", Synced = true },
            S(Vn(2026, 6, 2)) with { Version = certification, Fee = 0 },
            // Last year's: counted by neither.
            S(Vn(2025, 12, 30)) with { Status = DossierStatus.Decided, EndedUtc = Vn(2026, 1, 20) });
        // Feedback: one received long ago and never handled (late by now), one received lately (still in time).
        var anonymous = app.CreateClient();
        foreach (var (at, phone) in new[] { (Vn(2026, 8, 3, 9), "0912000301"), (Vn(2026, 9, 29, 9), "0912000302") })
        {
            app.Clock.Set(at);
            using var sent = await anonymous.PostAsJsonAsync("/api/feedback", new
            {
                category = "RulesAndProcedures", title = "Giấy tờ không có trong quy định", content = "Cán bộ yêu cầu nộp thêm giấy tờ không có trong quy định.",
                senderName = "Trần Văn Góp", senderPhone = phone, unit = world.CommuneCode,
            }, Ct);
            sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync(Ct));
        }
        app.Clock.Set(Vn(2026, 10, 1, 9));
        var admin = await app.ClientAsAsync("admin");

        var targets = await admin.GetFromJsonAsync<GetTargetProgress.Result>($"/api/targets?unit={world.CommuneCode}&year=2026", TestJson.Options, Ct);
        var card = await admin.GetFromJsonAsync<GetScorecard.Result>($"/api/scorecard?unit={world.CommuneCode}&from=2026-01-01&to=2026-12-31", TestJson.Options, Ct);

        var indicators = card!.Groups.SelectMany(g => g.Indicators).ToDictionary(i => i.Id);
        var compared = new List<string>();
        foreach (var row in targets!.Metrics)
        {
            if (row.Metric.Indicator() is not { } id) continue;
            var indicator = indicators[id];
            indicator.Denominator.ShouldNotBe(0, $"{row.Metric} ({id}) must count something to be compared");
            ((double?)row.Numerator, (double?)row.Denominator).ShouldBe((indicator.Numerator, indicator.Denominator), $"{row.Metric} = {id}");
            ((double)row.Measured!.Value).ShouldBe(100 * indicator.Ratio!.Value, 0.01, $"{row.Metric} = {id}");
            compared.Add($"{row.Metric} {row.Numerator}/{row.Denominator}");
        }
        // The figures themselves, so that a change on both sides at once is seen too.
        compared.ShouldBe(
        [
            "PaidOnline 1/3", "Digitized 1/6", "DataReused 1/6", "ElectronicResults 2/6", "SettledOnTime 3/6", "FeedbackOnTime 1/2",
            "Satisfaction 2/6", "ElectronicCertifiedCopies 0/2", $"ProceduresOnline {indicators["3.1"].Numerator}/{indicators["3.1"].Denominator}",
        ]);
        // The two that keep the plans' denominator still share the scorecard's condition: 3.4's numerator is the fully
        // online dossiers, over every dossier here because every procedure of the set is eligible but certification.
        var m = targets.Metrics.ToDictionary(r => r.Metric);
        (m[TargetMetric.FullyOnline].Numerator, m[TargetMetric.FullyOnline].Denominator).ShouldBe(((int)indicators["3.4"].Numerator!.Value, 6));
        (m[TargetMetric.SubmittedOnline].Numerator, m[TargetMetric.SubmittedOnline].Denominator).ShouldBe((2, 6));
    }
}
