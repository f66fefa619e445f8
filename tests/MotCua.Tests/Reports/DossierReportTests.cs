using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Reports;

namespace MotCua.Tests.Reports;

/// <summary>The report's figures on the hand-built set of <see cref="ReportApp"/>: every column, by channel, field and
/// procedure, carried over, the period's boundary in Vietnam time, pending judged at the period's end, the province with
/// its communes ranked; on SQLite or PostgreSQL as the run is configured.</summary>
public sealed class DossierReportTests(ReportApp app) : IClassFixture<ReportApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Commune = "000.00.41.H98";
    private const string Province = TestData.ProvinceCode;

    private async Task<DossierReport.Result> GetAsync(string user, string query)
    {
        await app.ReadyAsync();
        var client = await app.ClientAsAsync(user);
        var response = await client.GetAsync($"/api/reports/dossiers?{query}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<DossierReport.Result>(TestJson.Options, Ct))!;
    }

    /// <summary>carried, online, desk, postal | early, on time, late | in time, overdue | refused, withdrawn, stopped.</summary>
    private static ReportFigures F(int carried, int online, int desk, int postal, int early, int onTime, int late, int inTime, int overdue,
        int refused = 0, int withdrawn = 0, int stopped = 0) =>
        new(carried, online, desk, postal, early, onTime, late, inTime, overdue, refused, withdrawn, stopped);

    [Fact]
    public async Task November_ForTheCommune_CountsEveryColumn()
    {
        var report = await GetAsync("stats", $"unit={Commune}&from=2026-11-01&to=2026-11-30");

        (report.Unit.Code, report.Unit.Name, report.Period).ShouldBe((Commune, "Phường Một", "Tháng 11/2026"));
        report.MeasuredAtUtc.ShouldBe(ReportApp.Vn(12, 1, 0)); // the period's end, not now
        report.Total.ShouldBe(F(carried: 1, online: 1, desk: 8, postal: 1, early: 1, onTime: 2, late: 1, inTime: 4, overdue: 1, refused: 1, withdrawn: 1, stopped: 1));
        (report.Total.Received, report.Total.ReceivedInPeriod, report.Total.Settled, report.Total.Pending).ShouldBe((11, 10, 4, 5));
        (report.Total.SettledOnTimeRate, report.Total.SettledLateRate, report.Total.PendingOverdueRate, report.Total.OnlineRate).ShouldBe((0.75, 0.25, 0.2, 0.1));
        // Received = settled + pending + withdrawn + stopped.
        report.Total.Received.ShouldBe(report.Total.Settled + report.Total.Pending + report.Total.Withdrawn + report.Total.Stopped);

        report.Fields.Select(f => (f.FieldCode, f.FieldName)).ShouldBe([("CT", "Chứng thực"), ("CU", "Cư trú")]);
        report.Fields[0].Figures.ShouldBe(F(0, 0, 1, 0, 0, 1, 0, 0, 0));
        report.Fields[1].Figures.ShouldBe(F(1, 1, 7, 1, 1, 1, 1, 4, 1, refused: 1, withdrawn: 1, stopped: 1));
        report.Fields[1].Procedures.ShouldHaveSingleItem().ShouldBe(new DossierReport.ProcedureRow("1.004222", "Đăng ký thường trú", report.Fields[1].Figures));
        report.Fields[0].Procedures.Single().Code.ShouldBe("2.000815");
        report.Units.ShouldBeEmpty(); // a ward has no administrative unit under it
    }

    [Fact]
    public async Task December_CarriesOverWhatNovemberLeftPending_AndTakesTheDossierReceivedAfterMidnightVietnamTime()
    {
        var december = await GetAsync("stats", $"unit={Commune}&from=2026-12-01&to=2026-12-31");
        var november = await GetAsync("stats", $"unit={Commune}&from=2026-11-01&to=2026-11-30");

        december.Total.CarriedOver.ShouldBe(november.Total.Pending);
        // Received 01/12 00:30 in Vietnam (30/11 in UTC): December's; the one decided 02/12 is settled early in December.
        december.Total.ShouldBe(F(carried: 5, online: 0, desk: 1, postal: 0, early: 1, onTime: 0, late: 0, inTime: 4, overdue: 1));
        december.MeasuredAtUtc.ShouldBe(ReportApp.Now); // the period runs: pending dossiers are judged now
    }

    [Fact]
    public async Task Year_CountsEverythingReceivedInIt()
    {
        var year = await GetAsync("stats", $"unit={Commune}&from=2026-01-01&to=2026-12-31");

        year.Period.ShouldBe("Năm 2026");
        year.Total.ShouldBe(F(carried: 0, online: 1, desk: 11, postal: 1, early: 3, onTime: 2, late: 1, inTime: 4, overdue: 1, refused: 1, withdrawn: 1, stopped: 1));
        year.Total.SettledOnTimeRate.ShouldBe(0.8333);
    }

    [Fact]
    public async Task Province_AddsUpItsCommunes_AndRanksThemByTheShareSettledOnTime()
    {
        var report = await GetAsync(ReportApp.ProvinceStats, $"unit={Province}&from=2026-11-01&to=2026-11-30");
        var commune = await GetAsync("stats", $"unit={Commune}&from=2026-11-01&to=2026-11-30");

        report.Total.ShouldBe(commune.Total + F(0, 0, 2, 0, 2, 0, 0, 0, 0));
        report.Units.Select(u => (u.Rank, u.Name, u.Code)).ShouldBe([(1, "Xã Hai", "000.00.42.H98"), (2, "Phường Một", Commune)]);
        report.Units[1].Figures.ShouldBe(commune.Total);
        report.Units[0].Figures.SettledOnTimeRate.ShouldBe(1.0);
    }

    [Fact]
    public async Task Province_WithoutAUnit_IsTheOfficialsOwnUnit()
    {
        var report = await GetAsync(ReportApp.ProvinceStats, "from=2026-11-01&to=2026-11-30");
        report.Unit.Code.ShouldBe(Province);
    }

    [Theory]
    [InlineData("stats", Province, HttpStatusCode.Forbidden, "đơn vị mình")]
    [InlineData("desk.other", Commune, HttpStatusCode.Forbidden, "Phường Một")]
    [InlineData("stats", "000.00.99.H98", HttpStatusCode.NotFound, "000.00.99.H98")]
    public async Task AnotherUnit_OrNoSuchUnit_IsRefusedInVietnamese(string user, string unit, HttpStatusCode status, string mentions)
    {
        await app.ReadyAsync();
        var response = await (await app.ClientAsAsync(user)).GetAsync($"/api/reports/dossiers?unit={unit}&from=2026-11-01&to=2026-11-30", Ct);

        response.StatusCode.ShouldBe(status);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain(mentions);
    }

    [Fact]
    public async Task Citizen_AndAnonymous_AreRefused()
    {
        await app.ReadyAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        (await citizen.Http.GetAsync($"/api/reports/dossiers?unit={Commune}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync($"/api/reports/dossiers?unit={Commune}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from", "yyyy-MM-dd")]
    [InlineData("from=01/11/2026", "from", "yyyy-MM-dd")]
    [InlineData("from=2026-11-30&to=2026-11-01", "to", "sau hoặc bằng ngày bắt đầu")]
    [InlineData("from=2020-01-01&to=2026-11-30", "to", "tối đa")]
    [InlineData("from=2027-01-01&to=2027-01-31", "from", "chưa bắt đầu")]
    [InlineData("from=0001-01-01", "from", "01/01/1900")]
    [InlineData("format=docx", "format", "xlsx")]
    public async Task BadPeriodOrFormat_Is400WithTheReasonInVietnamese(string query, string field, string mentions)
    {
        await app.ReadyAsync();
        var response = await (await app.ClientAsAsync("stats")).GetAsync($"/api/reports/dossiers?unit={Commune}&{query}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Title.ShouldBe("Điều kiện lập báo cáo không hợp lệ");
        problem.Errors[field].ShouldHaveSingleItem().ShouldContain(mentions);
    }

    [Fact]
    public async Task TheDefaultPeriod_IsTheCurrentMonth()
    {
        var report = await GetAsync("stats", $"unit={Commune}");
        (report.From, report.To).ShouldBe((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)));
    }
}
