using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Calendar;

/// <summary>The app with the test world seeded once for the class. Each test works on a year of its own, so
/// that their order does not matter: 2026 is only read.</summary>
public sealed class CalendarApp : IAsyncLifetime
{
    public AppFactory App { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        await App.SeedWorldAsync();
        Admin = await App.ClientAsAsync("admin");
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        await App.DisposeAsync();
    }
}

public class CalendarEndpointsTests(CalendarApp fixture) : IClassFixture<CalendarApp>
{
    private readonly AppFactory _app = fixture.App;
    private readonly HttpClient _admin = fixture.Admin;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record DayJson(string Date, string Reason, string Kind);

    private sealed record SwapJson(string Date, string Reason);

    private sealed record YearJson(int Year, List<DayJson> NonWorkingDays, List<SwapJson> SwappedWorkdays);

    private async Task<YearJson> GetYearAsync(int year)
    {
        using var anonymous = _app.CreateClient();
        using var response = await anonymous.GetAsync(new Uri($"/api/calendar/{year}", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<YearJson>(Ct))!;
    }

    private async Task<HttpResponseMessage> AddAsync(int year, string date, string kind, string? reason) =>
        await _admin.PostAsJsonAsync(new Uri($"/api/calendar/{year}/days", UriKind.Relative), new { date, kind, reason }, Ct);

    private async Task<HttpResponseMessage> RemoveAsync(int year, string date) =>
        await _admin.DeleteAsync(new Uri($"/api/calendar/{year}/days/{date}", UriKind.Relative), Ct);

    private Task<List<CalendarDay>> StoredDaysAsync(int year) =>
        _app.WithDbAsync(db => db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= new DateOnly(year, 1, 1) && d.Date <= new DateOnly(year, 12, 31))
            .OrderBy(d => d.Date).ToListAsync(Ct));

    private Task<WorkingCalendar> CalendarAsync(int year) =>
        _app.WithServiceAsync<CalendarService, WorkingCalendar>(s => s.GetAsync(year, year, Ct));

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!;

    [Fact]
    public async Task GetYear_WhenFirstAsked_PrefillsTheYearOnceAndListsHolidaysAndCompensations()
    {
        using var anonymous = _app.CreateClient();
        using var response = await anonymous.GetAsync(new Uri("/api/calendar/2026", UriKind.Relative), Ct);
        var json = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, json);
        json.ShouldContain("\"nonWorkingDays\":[{\"date\":\"2026-01-01\",\"reason\":");
        json.ShouldContain("\"kind\":\"CompensatoryDayOff\"");
        json.ShouldContain("\"swappedWorkdays\":[]");
        var year = await GetYearAsync(2026); // asked twice: pre-filled once
        year.Year.ShouldBe(2026);
        year.NonWorkingDays.Select(d => d.Date).ShouldBe(
        [
            "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
            "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02",
        ]);
        year.NonWorkingDays.Single(d => d.Date == "2026-04-27").ShouldBe(new DayJson(
            "2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch), trùng Chủ nhật 26/04/2026", "CompensatoryDayOff"));

        var stored = await StoredDaysAsync(2026);
        stored.Count.ShouldBe(12);
        stored.ShouldAllBe(d => d.Source == CalendarDaySource.Prefilled);
        var marker = await _app.WithDbAsync(db => db.CalendarYears.AsNoTracking().SingleAsync(y => y.Year == 2026, Ct));
        marker.PrefilledAt.ShouldBe(_app.Clock.GetUtcNow().UtcDateTime);
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2200)]
    public async Task GetYear_WhenOutsideSupportedYears_Returns400InVietnamese(int year)
    {
        using var anonymous = _app.CreateClient();
        using var response = await anonymous.GetAsync(new Uri($"/api/calendar/{year}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DetailAsync(response)).ShouldBe("Lịch làm việc chỉ có cho các năm từ 1900 đến 2199.");
    }

    [Fact]
    public async Task AddDay_WhenNotAdministrator_IsRefused()
    {
        using var anonymous = _app.CreateClient();
        using var asAnonymous = await anonymous.PostAsJsonAsync(new Uri("/api/calendar/2029/days", UriKind.Relative),
            new { date = "2029-03-05", kind = "Holiday", reason = "Thử" }, Ct);
        using var desk = await _app.ClientAsAsync("desk");
        using var asDesk = await desk.PostAsJsonAsync(new Uri("/api/calendar/2029/days", UriKind.Relative),
            new { date = "2029-03-05", kind = "Holiday", reason = "Thử" }, Ct);

        asAnonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        asDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await StoredDaysAsync(2029)).ShouldNotContain(d => d.Date == new DateOnly(2029, 3, 5));
    }

    [Fact]
    public async Task AddDay_WhenGovernmentSwapsADay_ChangesTheWorkingCalendarAtOnce()
    {
        (await CalendarAsync(2027)).IsWorkingDay(new DateOnly(2027, 2, 12)).ShouldBeTrue(); // cached now

        using var dayOff = await AddAsync(2027, "2027-02-12", "Holiday", "  Nghỉ Tết Nguyên Đán (hoán đổi, làm bù Thứ bảy 20/02/2027)  ");
        using var workday = await AddAsync(2027, "2027-02-20", "SwappedWorkday", "Làm bù cho Thứ sáu 12/02/2027");

        dayOff.StatusCode.ShouldBe(HttpStatusCode.Created, await dayOff.Content.ReadAsStringAsync(Ct));
        workday.StatusCode.ShouldBe(HttpStatusCode.Created, await workday.Content.ReadAsStringAsync(Ct));
        var year = await GetYearAsync(2027);
        year.NonWorkingDays.ShouldContain(new DayJson("2027-02-12", "Nghỉ Tết Nguyên Đán (hoán đổi, làm bù Thứ bảy 20/02/2027)", "Holiday"));
        year.SwappedWorkdays.ShouldBe([new SwapJson("2027-02-20", "Làm bù cho Thứ sáu 12/02/2027")]);
        var stored = await StoredDaysAsync(2027);
        stored.Single(d => d.Date == new DateOnly(2027, 2, 20)).ShouldSatisfyAllConditions(
            d => d.Kind.ShouldBe(CalendarDayKind.SwappedWorkday),
            d => d.Source.ShouldBe(CalendarDaySource.Administrator));
        var calendar = await CalendarAsync(2027);
        calendar.IsWorkingDay(new DateOnly(2027, 2, 12)).ShouldBeFalse();
        calendar.IsWorkingDay(new DateOnly(2027, 2, 20)).ShouldBeTrue();
    }

    [Fact]
    public async Task AddDay_WhenYearWasNeverPrefilled_PrefillsItFirst()
    {
        using var response = await AddAsync(2032, "2032-03-08", "Holiday", "Nghỉ theo quyết định của Chủ tịch UBND tỉnh");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var stored = await StoredDaysAsync(2032);
        stored.Count(d => d.Source == CalendarDaySource.Administrator).ShouldBe(1);
        stored.Count(d => d.Source == CalendarDaySource.Prefilled).ShouldBe(HolidayRules.ForYear(2032).Count);
    }

    [Theory]
    [InlineData("2028-03-06", "SwappedWorkday", "Ngày làm bù phải là Thứ bảy hoặc Chủ nhật; ngày 06/03/2028 là Thứ hai.")]
    [InlineData("2028-03-04", "Holiday", "Ngày 04/03/2028 là Thứ bảy, vốn đã là ngày nghỉ")]
    [InlineData("2028-09-01", "Holiday", "Ngày 01/09/2028 đã có trong lịch (Quốc khánh 2/9 (ngày liền kề)).")]
    public async Task AddDay_WhenRuleIsBroken_Returns422AndChangesNothing(string date, string kind, string message)
    {
        await GetYearAsync(2028); // pre-filled first, which the use case may do legitimately
        var before = await StoredDaysAsync(2028);

        using var response = await AddAsync(2028, date, kind, "Thử nghiệm");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await DetailAsync(response)).ShouldStartWith(message);
        (await StoredDaysAsync(2028)).Count.ShouldBe(before.Count);
    }

    [Theory]
    [InlineData("2029-05-07", "", "reason")]
    [InlineData("2030-05-07", "Nghỉ", "date")]
    public async Task AddDay_WhenInputIsInvalid_Returns400(string date, string reason, string field)
    {
        using var response = await AddAsync(2029, date, "Holiday", reason);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Errors.Keys.ShouldContain(field);
    }

    [Fact]
    public async Task RemoveDay_WhenPrefilledDayIsMoved_StaysRemovedAndTheNewDayCounts()
    {
        // The government chose 3/9 instead of 1/9 as the day next to Quốc khánh.
        using var removed = await RemoveAsync(2031, "2031-09-01");
        using var added = await AddAsync(2031, "2031-09-03", "Holiday", "Quốc khánh 2/9 (ngày liền kề)");

        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        var dates = (await GetYearAsync(2031)).NonWorkingDays.Select(d => d.Date).ToList();
        dates.ShouldNotContain("2031-09-01");
        dates.ShouldContain("2031-09-03");
        var calendar = await CalendarAsync(2031);
        calendar.IsWorkingDay(new DateOnly(2031, 9, 1)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2031, 9, 3)).ShouldBeFalse();
    }

    [Fact]
    public async Task RemoveDay_WhenDateHasNoEntry_Returns404()
    {
        using var response = await RemoveAsync(2031, "2031-03-12");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await DetailAsync(response)).ShouldBe("Ngày 12/03/2031 không có trong lịch năm 2031.");
    }

    [Fact]
    public async Task RemoveDayHandler_WhenPrefilledDayRemoved_IsNotPrefilledAgain()
    {
        var removed = await _app.WithServiceAsync<RemoveDay.Handler, CalendarDay?>(h => h.HandleAsync(2033, new DateOnly(2033, 9, 1), Ct));
        await _app.WithServiceAsync<CalendarService, int>(async s => { await s.EnsurePrefilledAsync(2033, 2033, Ct); return 0; });

        removed.ShouldNotBeNull().Source.ShouldBe(CalendarDaySource.Prefilled);
        (await StoredDaysAsync(2033)).ShouldNotContain(d => d.Date == new DateOnly(2033, 9, 1));
        (await CalendarAsync(2033)).IsWorkingDay(new DateOnly(2033, 9, 1)).ShouldBeTrue();
    }

    [Fact]
    public async Task AddSwappedWorkdayHandler_WhenDateIsAWeekday_ThrowsDomainException()
    {
        var error = await Should.ThrowAsync<DomainException>(() => _app.WithServiceAsync<AddSwappedWorkday.Handler, CalendarDay>(
            h => h.HandleAsync(2034, new AddSwappedWorkday.Request(new DateOnly(2034, 3, 1), "Làm bù"), Ct)));

        error.Message.ShouldBe("Ngày làm bù phải là Thứ bảy hoặc Chủ nhật; ngày 01/03/2034 là Thứ tư.");
        (await StoredDaysAsync(2034)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetAsync_WhenRequestsRaceToPrefill_WritesTheYearOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => CalendarAsync(2035), Ct)));

        results.ShouldAllBe(c => !c.IsWorkingDay(new DateOnly(2035, 9, 2)));
        (await StoredDaysAsync(2035)).Count.ShouldBe(HolidayRules.ForYear(2035).Count);
        (await _app.WithDbAsync(db => db.CalendarYears.CountAsync(y => y.Year == 2035, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_WhenCallerHasPendingChanges_DoesNotSaveThem()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.CalendarDays.Add(new CalendarDay(new DateOnly(2036, 3, 3), CalendarDayKind.Holiday, "Chưa lưu", CalendarDaySource.Administrator));

        await scope.ServiceProvider.GetRequiredService<CalendarService>().GetAsync(2036, 2036, Ct);

        (await StoredDaysAsync(2036)).ShouldNotContain(d => d.Date == new DateOnly(2036, 3, 3));
    }
}
