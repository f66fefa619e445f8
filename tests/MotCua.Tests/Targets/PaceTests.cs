using MotCua.Web.Features.Targets;

namespace MotCua.Tests.Targets;

/// <summary>The pace formula of docs/adr/0030c: required share of the rest = (T × (n + r) − m) / r, r = n × (1 − e) / e.</summary>
public sealed class PaceTests
{
    [Fact]
    public void Pace_ProjectsTheRestOfTheYear_AtTheRateSoFar()
    {
        // 14/03/2026 is day 73 of 365: e = 0.2, so r = 100 × 292 / 73 = 400 more dossiers are expected;
        // 60 % of 500 is 300, 30 are there: 270 of the 400 to come, 67.5 %.
        var pace = Pace.Of(60m, 30, 100, 2026, new DateOnly(2026, 3, 14));
        pace.ShouldBe(new Pace(PaceState.Needed, 67.5m, 400));
        pace.Text.ShouldBe("Cần đạt 67,5 % trong các tháng còn lại (khoảng 400 hồ sơ dự kiến).");
    }

    [Fact]
    public void Pace_IsSecured_WhenTheTargetIsReachedEvenIfNoneOfTheRestMeetsIt()
    {
        // 15 % of 500 is 75 and 95 are already there.
        Pace.Of(15m, 95, 100, 2026, new DateOnly(2026, 3, 14)).ShouldBe(new Pace(PaceState.Secured, 0m, 400));
    }

    [Fact]
    public void Pace_IsUnreachable_AboveOneHundredPercent()
    {
        // 90 % of 500 is 450, none so far: 450 of 400.
        var pace = Pace.Of(90m, 0, 100, 2026, new DateOnly(2026, 3, 14));
        pace.ShouldBe(new Pace(PaceState.Unreachable, 112.5m, 400));
        pace.Text.ShouldStartWith("Không thể đạt trong năm");
    }

    [Fact]
    public void Pace_WithoutDossiersYet_IsTheTargetItself_AndEndsWithTheYear()
    {
        Pace.Of(60m, 0, 0, 2026, new DateOnly(2026, 1, 1)).ShouldBe(new Pace(PaceState.Needed, 60m, 0));
        Pace.Of(60m, 10, 20, 2026, new DateOnly(2026, 12, 31)).State.ShouldBe(PaceState.YearOver);
        Pace.Of(60m, 10, 20, 2025, new DateOnly(2026, 3, 1)).State.ShouldBe(PaceState.YearOver);
        Pace.Of(60m, 0, 0, 2027, new DateOnly(2026, 3, 1)).ShouldBe(new Pace(PaceState.Needed, 60m, 0));
    }

    [Fact]
    public void Pace_OnTheLastButOneDay_CountsTheOneDayLeft()
    {
        // 30/12/2026 is day 364: r = 364 × 1 / 364 = 1 dossier; 50 % of 365 is 182.5, 182 there: 0.5 of 1.
        Pace.Of(50m, 182, 364, 2026, new DateOnly(2026, 12, 30)).ShouldBe(new Pace(PaceState.Needed, 50m, 1));
    }
}
