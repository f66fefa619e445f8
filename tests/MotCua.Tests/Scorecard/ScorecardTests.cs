using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Features.Units;
using static MotCua.Tests.Scorecard.ScorecardData;

namespace MotCua.Tests.Scorecard;

/// <summary>The 766 scorecard over dossier sets written by hand, each indicator's edge cases asserted as exact figures
/// (<c>kpi-766.md</c>), on SQLite and on PostgreSQL (MOTCUA_TEST_PROVIDER). Each test scores a commune of its own.</summary>
public sealed class ScorecardTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestData.World World, HttpClient Province)> ProvinceAsync()
    {
        var world = await app.SeedWorldAsync();
        return (world, (await OfficeClient.SignInAsync(app, "admin")).Http);
    }

    private static async Task<GetScorecard.Result> ScorecardAsync(HttpClient client, string unit, string from, string to)
    {
        using var response = await client.GetAsync($"/api/scorecard?unit={unit}&from={from}&to={to}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<GetScorecard.Result>(TestJson.Options, Ct))!;
    }

    private static async Task<ListLostPoints.Result> LostAsync(HttpClient client, string unit, string from, string to, string indicator)
    {
        using var response = await client.GetAsync($"/api/scorecard/lost?unit={unit}&from={from}&to={to}&indicator={indicator}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ListLostPoints.Result>(TestJson.Options, Ct))!;
    }

    private static IndicatorResult Indicator(GetScorecard.Result card, string id) => card.Groups.SelectMany(g => g.Indicators).Single(i => i.Id == id);

    /// <summary>An indicator's figures in one line, to compare with the brief's arithmetic.</summary>
    private static string Figures(IndicatorResult i) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{i.Numerator}/{i.Denominator} ratio {i.Ratio} score {i.Score} of {i.Max}, lost {i.Lost} gain {i.Gain}");

    [Fact]
    public async Task Progress21_OnTimeByTheBriefsRules_AndTheLateOnesListedWithTheirReasons()
    {
        var (world, client) = await ProvinceAsync();
        var unit = await app.UnitAsync("Xã Ba", UnitKind.Commune, world.ProvinceId, "000.00.43.H98");
        var v = await app.ProcedureAsync("9.000021", Paper("Thủ tục thử 2.1"));
        var due = Vn(2026, 10, 14);
        DossierSpec S(DateTime received) => new() { UnitId = unit, Version = v, ReceivedUtc = received, DueUtc = due };
        var ids = await app.DossiersAsync(
            S(Vn(2026, 10, 5)) with { Status = DossierStatus.Decided, EndedUtc = Vn(2026, 10, 13) },                 // on time
            S(Vn(2026, 10, 5, 10)) with { Status = DossierStatus.Decided, EndedUtc = Vn(2026, 10, 16, 15) },         // late: 2 working days
            S(Vn(2026, 10, 6)) with                                                                                   // asked twice: late
            {
                Status = DossierStatus.Decided, EndedUtc = Vn(2026, 10, 8),
                Supplements = [(Vn(2026, 10, 6, 10), Vn(2026, 10, 6, 15)), (Vn(2026, 10, 7, 10), Vn(2026, 10, 7, 15))],
            },
            S(Vn(2026, 10, 7)) with { DueUtc = Vn(2026, 10, 20) },                                                   // unfinished, late at the period's end
            S(Vn(2026, 10, 8)) with { DueUtc = Vn(2026, 11, 5) },                                                    // unfinished, in time
            S(Vn(2026, 10, 8)) with { Status = DossierStatus.Withdrawn, EndedUtc = Vn(2026, 10, 10) },               // withdrawn in time
            S(Vn(2026, 10, 9)) with { Status = DossierStatus.SupplementRequested, Supplements = [(Vn(2026, 10, 12), null)] }, // open request asked in time
            S(Vn(2026, 10, 9)) with { Status = DossierStatus.Returned, EndedUtc = Vn(2026, 10, 13), ReturnedUtc = Vn(2026, 10, 20) }, // 9 before 10
            S(Vn(2026, 9, 30, 23)) with { DueUtc = Vn(2026, 10, 9), Status = DossierStatus.Decided, EndedUtc = Vn(2026, 10, 20) }, // September (VN)
            S(Vn(2026, 10, 31, 23, 30)) with { DueUtc = Vn(2026, 11, 10), Status = DossierStatus.Decided, EndedUtc = Vn(2026, 11, 2) }, // October (VN)
            S(Vn(2026, 10, 9)) with { UnitId = world.OtherCommuneId, Status = DossierStatus.Decided, EndedUtc = Vn(2026, 10, 30) }); // another unit

        var card = await ScorecardAsync(client, "000.00.43.H98", "2026-10-01", "2026-10-31");

        Figures(Indicator(card, "2.1")).ShouldBe("6/9 ratio 0.6667 score 13.33 of 20, lost 3 gain 6.67");
        var lost = await LostAsync(client, "000.00.43.H98", "2026-10-01", "2026-10-31", "2.1");
        lost.Total.ShouldBe(3);
        lost.Items.Select(i => $"{i.Id} {string.Join("; ", i.Reasons)} +{i.Gain.ToString(System.Globalization.CultureInfo.InvariantCulture)} {i.Link}").ShouldBe(new[]
        {
            $"{ids[1]} quá hạn 2 ngày làm việc +2.22 /office/dossiers/{ids[1]}",
            $"{ids[2]} yêu cầu bổ sung 2 lần +2.22 /office/dossiers/{ids[2]}",
            $"{ids[3]} đang xử lý, đã quá hạn 9 ngày làm việc +2.22 /office/dossiers/{ids[3]}",
        });
    }

    [Fact]
    public async Task Digitization_Sync_Payment_FullOnline_Population_ScoreByTheirFormulas_WithTheThresholdCurve()
    {
        var (world, client) = await ProvinceAsync();
        var unit = await app.UnitAsync("Xã Bốn", UnitKind.Commune, world.ProvinceId, "000.00.44.H98");
        var v = await app.ProcedureAsync("9.000022", Paper("Thủ tục thử số hóa"));
        var received = Vn(2026, 9, 10);
        var ids = await app.DossiersAsync(
            new DossierSpec
            {
                UnitId = unit, Version = v, ReceivedUtc = received, Status = DossierStatus.Decided, EndedUtc = received.AddDays(1), Synced = true,
                Channel = Channel.Online, Level = OnlineLevel.Full, ComponentFile = true, ResultFile = true, ResultCode = "KQ-1",
                Fee = 20_000, Paid = PaymentMethod.NationalPortal, IdentityVerified = true,
            },
            new DossierSpec { UnitId = unit, Version = v, ReceivedUtc = received, Fee = 20_000 },
            new DossierSpec
            {
                UnitId = unit, Version = v, ReceivedUtc = received, Status = DossierStatus.Decided, EndedUtc = received.AddDays(1), Synced = true,
                ComponentFile = true, ResultFile = true, Databases = ["CSDLQGDC"],
            });

        var card = await ScorecardAsync(client, "000.00.44.H98", "2026-09-01", "2026-09-30");

        Figures(Indicator(card, "1.4")).ShouldBe("2/3 ratio 0.6667 score 4 of 6, lost 1 gain 2");
        Figures(Indicator(card, "3.4")).ShouldBe("1/3 ratio 0.3333 score 4 of 12, lost 2 gain 8");
        Figures(Indicator(card, "4.3")).ShouldBe("1/2 ratio 0.5 score 3 of 6, lost 1 gain 3");
        Figures(Indicator(card, "6.1")).ShouldBe("2/3 ratio 0.6667 score 4 of 6, lost 1 gain 2");
        Figures(Indicator(card, "6.6")).ShouldBe("2/3 ratio 0.6667 score 1.33 of 2, lost 1 gain 0.67");
        // 6.2 has a threshold of 80 %: 1/3 scores 4 × (0.333 / 0.8); fixing both others reaches the cap of 4.
        Figures(Indicator(card, "6.2")).ShouldBe("1/3 ratio 0.3333 score 1.67 of 4, lost 2 gain 2.33");
        Indicator(card, "6.2").Threshold.ShouldBe(0.8);

        var lost = await LostAsync(client, "000.00.44.H98", "2026-09-01", "2026-09-30", "6.2");
        lost.Items.Select(i => $"{i.Id} {string.Join("; ", i.Reasons)} +{i.Gain.ToString(System.Globalization.CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal).ShouldBe(new[]
        {
            $"{ids[1]} thành phần hồ sơ nộp trực tiếp chưa số hóa; chưa có tệp kết quả (hồ sơ chưa giải quyết xong); kết quả là giấy tờ nhưng chưa có kết quả điện tử (mã kết quả và tệp) +1.67",
            $"{ids[2]} kết quả là giấy tờ nhưng chưa có kết quả điện tử (mã kết quả và tệp) +1.67",
        }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SettlingTime22_AveragesWorkingDaysThroughTheCalendar_AcrossHolidays_WithoutSupplementTime()
    {
        var (world, client) = await ProvinceAsync();
        var unit = await app.UnitAsync("Xã Hai Hai", UnitKind.Commune, world.ProvinceId, "000.00.48.H98");
        var five = await app.ProcedureAsync("9.000025", Paper("Thủ tục thử 2.2 năm ngày") with { LegalTime = LegalTime.Days(5) });
        var three = await app.ProcedureAsync("9.000026", Paper("Thủ tục thử 2.2 ba ngày") with { LegalTime = LegalTime.Days(3) });
        DossierSpec S(ProcedureVersion v, DateTime received, DateTime ended, DossierStatus status = DossierStatus.Decided) =>
            new() { UnitId = unit, Version = v, ReceivedUtc = received, DueUtc = ended, Status = status, EndedUtc = ended };
        // 2026 (default rules): Giỗ Tổ 10/3 lunar = Sunday 26/4, compensated Monday 27/4; 30/4 (Thu) and 1/5 (Fri) off.
        // Office hours 07:30–11:30, 13:30–17:00: a working day is 7.5 h.
        var ids = await app.DossiersAsync(
            // Fri 24/4 09:00 → Tue 5/5 09:00: 6 h + Tue 28, Wed 29, Mon 4 (22.5 h) + 1.5 h = 30 h = 4 working days.
            S(five, Vn(2026, 4, 24, 9), Vn(2026, 5, 5, 9)),
            // Mon 4/5 07:30 → Tue 12/5 07:30: 6 days (45 h) − the supplement Tue 5/5 10:00 → Wed 6/5 10:00 (7.5 h) = 5 days.
            S(five, Vn(2026, 5, 4, 7, 30), Vn(2026, 5, 12, 7, 30)) with { Supplements = [(Vn(2026, 5, 5, 10), Vn(2026, 5, 6, 10))] },
            // Wed 29/4 14:00 → Wed 6/5 14:00 (returned): 3 h + Mon 4, Tue 5 (15 h) + 4.5 h = 22.5 h = 3 days.
            S(three, Vn(2026, 4, 29, 14), Vn(2026, 5, 6, 14), DossierStatus.Returned) with { ReturnedUtc = Vn(2026, 5, 7, 9) },
            // Mon 11/5 07:30 → Mon 18/5 07:30: 5 days.
            S(three, Vn(2026, 5, 11, 7, 30), Vn(2026, 5, 18, 7, 30)),
            // Not counted: still in processing, refused, received before the period.
            new DossierSpec { UnitId = unit, Version = three, ReceivedUtc = Vn(2026, 5, 11), DueUtc = Vn(2026, 5, 14) },
            S(three, Vn(2026, 5, 12), Vn(2026, 5, 13), DossierStatus.Refused),
            S(three, Vn(2026, 3, 31), Vn(2026, 4, 20)));

        var card = await ScorecardAsync(client, "000.00.48.H98", "2026-04-01", "2026-05-31");

        var settling = Indicator(card, "2.2");
        // (4 + 5 + 3 + 5) working days / 4 dossiers.
        Figures(settling).ShouldBe("17/4 ratio  score 0 of 0, lost 1 gain 0");
        settling.Average.ShouldBe(4.25);
        settling.Tracked.ShouldBeTrue();
        settling.ToConfirm.ShouldBeTrue();
        settling.Note.ShouldStartWith("Trung bình 4,25 ngày làm việc/hồ sơ (tổng 17 ngày làm việc, 4 hồ sơ)");

        // 9.000026 averages 4 days for a legal time of 3: it pulls the average down; 9.000025 (4.5 of 5) does not.
        var lost = await LostAsync(client, "000.00.48.H98", "2026-04-01", "2026-05-31", "2.2");
        lost.Total.ShouldBe(1);
        var code = await app.WithDbAsync(db => Task.FromResult(db.Dossiers.Single(d => d.Id == ids[3]).Code));
        lost.Items.Select(i => $"{i.Code} {i.Title}: {string.Join("; ", i.Reasons)} {i.Link}").ShouldBe(new[]
        {
            $"9.000026 Thủ tục thử 2.2 ba ngày: trung bình 4 ngày làm việc/hồ sơ (2 hồ sơ đã giải quyết), vượt thời hạn giải quyết 3 ngày làm việc; "
                + $"lâu nhất: hồ sơ {code} (5 ngày làm việc) /office/dossiers/{ids[3]}",
        });

        // The province's card adds the commune's settled dossiers to its own figures.
        Indicator(await ScorecardAsync(client, TestData.ProvinceCode, "2026-04-01", "2026-05-31"), "2.2").Denominator!.Value.ShouldBeGreaterThanOrEqualTo(4);
    }

    /// <summary>2.2 is measured by the database over the calendar's rows (<see cref="CalendarPositions"/>): for random
    /// receptions, ends and supplement pauses (nights, weekends, Tết, lunch, pauses cut by the end or never answered) it
    /// equals what the in-memory calendar gives, to the tick; and a changed calendar is a new set of rows.</summary>
    [Fact]
    public async Task SettlingTime22_InTheDatabase_EqualsTheCalendarsWorkingTime_ForRandomTimesAndPauses()
    {
        var (world, _) = await ProvinceAsync();
        var unit = await app.UnitAsync("Xã Hai Bảy", UnitKind.Commune, world.ProvinceId, "000.00.27.H98");
        var v = await app.ProcedureAsync("9.000027", Paper("Thủ tục thử 2.2 ngẫu nhiên") with { LegalTime = LegalTime.Days(5) });
        var random = new Random(766);
        DateTime After(DateTime from, int days) => from.AddMinutes(random.Next(1, days * 24 * 60));
        var specs = new List<DossierSpec>();
        for (var i = 0; i < 80; i++)
        {
            var received = After(Vn(2026, 1, 1, 0), 360);
            var ended = After(received, 40);
            var supplements = new List<(DateTime, DateTime?)>();
            var cursor = received;
            for (var n = random.Next(0, 3); n > 0; n--)
            {
                var requested = After(cursor, 8);
                DateTime? answered = random.Next(6) == 0 ? null : After(requested, 10);
                supplements.Add((requested, answered));
                if (answered is null) break;
                cursor = answered.Value;
            }
            specs.Add(new DossierSpec
            {
                UnitId = unit, Version = v, ReceivedUtc = received, DueUtc = ended, EndedUtc = ended, Supplements = supplements,
                Status = i % 2 == 0 ? DossierStatus.Decided : DossierStatus.Returned, ReturnedUtc = i % 2 == 0 ? null : ended.AddDays(1),
            });
        }
        await app.DossiersAsync([.. specs]);

        async Task<SettlingFigures> MeasureAsync(WorkingCalendar calendar)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MotCua.Web.Infrastructure.AppDbContext>();
            var options = new ScorecardOptions();
            var catalog = await CatalogFacts.LoadAsync(db, [], Ct);
            var rules = new DossierRules(Vn(2027, 1, 1), catalog, options, db.SatisfactionRatings, db.Dossiers.Where(_ => false).Select(d => d.Id));
            var days = await scope.ServiceProvider.GetRequiredService<CalendarPositions>().ForAsync(calendar, Ct);
            return (await SettlingTime.MeasureAsync(db.Dossiers.Where(d => d.CompetentUnitId == unit), rules, catalog, calendar, days, options, Ct)).Single();
        }
        TimeSpan Expected(WorkingCalendar calendar, out TimeSpan slowest)
        {
            var times = specs.Select(s => calendar.WorkingTimeBetween(s.ReceivedUtc, s.EndedUtc!.Value, s.Supplements)).ToList();
            slowest = times.Max();
            return TimeSpan.FromTicks(times.Sum(t => t.Ticks));
        }

        var rules2026 = WorkingCalendar.FromRules(2025, 2027);
        var measured = await MeasureAsync(rules2026);
        measured.Dossiers.ShouldBe(80);
        measured.Total.ShouldBe(Expected(rules2026, out var slowest));
        measured.Slowest.ShouldBe(slowest);
        measured.Total.ShouldBeGreaterThan(TimeSpan.Zero);

        // An extra day off on a weekday inside the year (as an administrator would add) is another calendar, another set.
        var extra = WorkingCalendar.IsWeekend(new DateOnly(2026, 6, 10)) ? new DateOnly(2026, 6, 11) : new DateOnly(2026, 6, 10);
        var changed = new WorkingCalendar(2025, 2027,
            Enumerable.Range(2025, 3).SelectMany(y => HolidayRules.ForYear(y)).Select(d => d.Date).Append(extra), [], OfficeHours.Default);
        changed.Fingerprint.ShouldNotBe(rules2026.Fingerprint);
        var remeasured = await MeasureAsync(changed);
        remeasured.Total.ShouldBe(Expected(changed, out _));
        remeasured.Total.ShouldBeLessThan(measured.Total);
        (await app.WithDbAsync(db => db.CalendarPositionSets.CountAsync(Ct))).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Satisfaction54_SubtractsTheLateShareAndTheDislikedShare_WithItsThreshold()
    {
        var (world, client) = await ProvinceAsync();
        var unit = await app.UnitAsync("Xã Năm", UnitKind.Commune, world.ProvinceId, "000.00.45.H98");
        var v = await app.ProcedureAsync("9.000023", Paper("Thủ tục thử hài lòng"));
        var received = Vn(2026, 8, 3);
        DossierSpec S() => new() { UnitId = unit, Version = v, ReceivedUtc = received, DueUtc = Vn(2026, 8, 12), Status = DossierStatus.Returned, EndedUtc = Vn(2026, 8, 10), ReturnedUtc = Vn(2026, 8, 11) };
        await app.DossiersAsync(S(), S(), S() with { EndedUtc = Vn(2026, 8, 13) }, S() with { Disliked = true });

        var card = await ScorecardAsync(client, "000.00.45.H98", "2026-08-01", "2026-08-31");

        // 100 % − 1/4 late − 1/4 disliked = 50 %; threshold 90 %: 6 × 0.5 / 0.9.
        Figures(Indicator(card, "5.4")).ShouldBe("2/4 ratio 0.5 score 3.33 of 6, lost 2 gain 2.67");
        var reasons = (await LostAsync(client, "000.00.45.H98", "2026-08-01", "2026-08-31", "5.4")).Items.SelectMany(i => i.Reasons).Order(StringComparer.Ordinal).ToList();
        string.Join(" | ", reasons).ShouldBe("người nộp đánh giá không hài lòng hoặc có phản ánh, kiến nghị về hồ sơ | quá hạn 1 ngày làm việc");
    }

    [Fact]
    public async Task EmptyDenominators_ScoreFullPoints_AndAProvinceRanksItsUnits()
    {
        var (world, client) = await ProvinceAsync();
        var empty = await ScorecardAsync(client, world.OtherCommuneCode, "2025-01-01", "2025-12-31");
        foreach (var id in new[] { "1.4", "2.1", "3.4", "4.3", "6.1", "6.2", "6.5", "6.6" })
            Figures(Indicator(empty, id)).ShouldBe(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0/0 ratio  score {Indicator(empty, id).Max} of {Indicator(empty, id).Max}, lost 0 gain 0"), id);

        var unit = await app.UnitAsync("Xã Sáu", UnitKind.Commune, world.ProvinceId, "000.00.46.H98");
        var v = await app.ProcedureAsync("9.000024", Paper("Thủ tục thử xếp hạng"));
        await app.DossiersAsync(new DossierSpec { UnitId = unit, Version = v, ReceivedUtc = Vn(2025, 5, 6), DueUtc = Vn(2025, 5, 7), Status = DossierStatus.Decided, EndedUtc = Vn(2025, 5, 8) });
        var province = await ScorecardAsync(client, TestData.ProvinceCode, "2025-01-01", "2025-12-31");
        var six = await ScorecardAsync(client, "000.00.46.H98", "2025-01-01", "2025-12-31");

        Figures(Indicator(province, "2.1")).ShouldBe("0/1 ratio 0 score 0 of 20, lost 1 gain 20");
        province.Children.Select(c => c.Unit).ShouldContain("000.00.46.H98");
        province.Children.Select(c => c.Rank).ShouldBe(Enumerable.Range(1, province.Children.Count));
        province.Children.Select(c => c.Total).ShouldBe(province.Children.Select(c => c.Total).OrderDescending());
        province.Children.Single(c => c.Unit == "000.00.46.H98").Total.ShouldBe(six.Total);
        province.Children.Single(c => c.Unit == "000.00.46.H98").Total.ShouldBeLessThan(province.Children.Single(c => c.Unit == world.OtherCommuneCode).Total);
    }

    [Fact]
    public async Task Answer_HasTheIssuesShape_WithEveryIndicatorAndMaximaSummingTo100()
    {
        var (world, client) = await ProvinceAsync();
        using var response = await client.GetAsync($"/api/scorecard?unit={world.CommuneCode}&from=2026-01-01&to=2026-03-31", Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        foreach (var name in new[] { "unit", "from", "to", "total", "groups" }) root.TryGetProperty(name, out _).ShouldBeTrue(name);
        root.GetProperty("unit").GetString().ShouldBe(world.CommuneCode);
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        string.Join(" ", groups.Select(g => g.GetProperty("id").GetString())).ShouldBe("1 2 3 4 5 6");
        groups.Sum(g => g.GetProperty("max").GetDouble()).ShouldBe(100);
        var indicators = groups.SelectMany(g => g.GetProperty("indicators").EnumerateArray()).ToList();
        string.Join(" ", indicators.Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal))
            .ShouldBe("1.1 1.2 1.3 1.4 2.1 2.2 3.1 3.2 3.3 3.4 4.1 4.2 4.3 5.1 5.2 5.3 5.4 6.1 6.2 6.3 6.4 6.5 6.6 6.7");
        foreach (var i in indicators)
            foreach (var name in new[] { "id", "name", "numerator", "denominator", "ratio", "score", "max", "threshold", "toConfirm" })
                i.TryGetProperty(name, out _).ShouldBeTrue(name);
        indicators.Single(i => i.GetProperty("id").GetString() == "4.2").GetProperty("toConfirm").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("unit=000.00.41.H98&from=2026-13-01&to=2026-12-31", 422, "yyyy-MM-dd")]
    [InlineData("unit=000.00.41.H98&from=2026-02-01&to=2026-01-31", 422, "phải trước")]
    [InlineData("unit=000.00.41.H98&from=2020-01-01&to=2026-01-31", 422, "tối đa")]
    [InlineData("unit=000.00.41.H98&to=2026-01-31", 422, "Chưa nhập")]
    [InlineData("unit=000.00.99.H98&from=2026-01-01&to=2026-01-31", 404, "Không tìm thấy đơn vị")]
    [InlineData("unit=000.00.41.H98&from=2026-01-01&to=2026-01-31&indicator=9.9", 422, "Không có chỉ số", "/lost")]
    public async Task BadRequests_AreRefusedInVietnamese(string query, int status, string message, string path = "")
    {
        var (_, client) = await ProvinceAsync();
        using var response = await client.GetAsync($"/api/scorecard{path}?{query}", Ct);
        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(message);
    }

    [Fact]
    public async Task Who_OfficialsOfTheUnitOrAbove_NeverAnotherCommune_NorCitizensOrAnonymous()
    {
        var world = await app.SeedWorldAsync();
        var query = $"/api/scorecard?unit={world.CommuneCode}&from=2026-01-01&to=2026-01-31";
        (await (await OfficeClient.SignInAsync(app, "stats")).Http.GetAsync(query, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await OfficeClient.SignInAsync(app, "admin")).Http.GetAsync(query, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var otherCommune = (await OfficeClient.SignInAsync(app, "desk.other")).Http;
        (await otherCommune.GetAsync(query, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherCommune.GetAsync(query.Replace("/api/scorecard?", "/api/scorecard/lost?indicator=2.1&", StringComparison.Ordinal), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A commune official does not see the province's figures either.
        (await (await OfficeClient.SignInAsync(app, "stats")).Http.GetAsync($"/api/scorecard?unit={TestData.ProvinceCode}&from=2026-01-01&to=2026-01-31", Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone)).Http.GetAsync(query, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync(query, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
