using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Features.Units;
using static MotCua.Tests.Scorecard.ScorecardData;

namespace MotCua.Tests.Scorecard;

/// <summary>The office's scorecard page and its export, and the shape of the one aggregate query behind them.</summary>
public sealed partial class ScorecardPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_ShowsTheIndicators_WhatToFixWithLinks_TheUnitsRanked_AndExportsTheSameAsXlsx()
    {
        var world = await app.SeedWorldAsync();
        var unit = await app.UnitAsync("Xã Bảy", UnitKind.Commune, world.ProvinceId, "000.00.47.H98");
        var v = await app.ProcedureAsync("9.000027", Paper("Thủ tục thử trang bảng điểm"));
        var late = await app.DossierAsync(new DossierSpec
        {
            UnitId = unit, Version = v, ReceivedUtc = Vn(2025, 3, 3), DueUtc = Vn(2025, 3, 4), Status = DossierStatus.Decided, EndedUtc = Vn(2025, 3, 6),
        });
        var code = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == late).Select(d => d.Code).SingleAsync(Ct));
        var province = await OfficeClient.SignInAsync(app, "admin");

        var page = await province.GetPageAsync("/office/scorecard?unit=000.00.47.H98&period=month&year=2025&month=3");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Bảng điểm Bộ chỉ số 766");
        string.Join(" | ", page.QuerySelectorAll("#chi-so-2\\.1 td").Select(td => td.TextContent.Trim()).Skip(2).Take(4)).ShouldBe("0 / 1 | 0.0 % |  | 0/20");
        var fix = page.QuerySelectorAll("tr.lost a").Select(a => a.GetAttribute("href")).ToList();
        fix.ShouldContain($"/office/dossiers/{late}");
        page.Body!.TextContent.ShouldContain("quá hạn 2 ngày làm việc");

        var provincePage = await province.GetPageAsync($"/office/scorecard?unit={TestData.ProvinceCode}&period=year&year=2025");
        provincePage.QuerySelector("#xep-hang")!.TextContent.ShouldBe("Xếp hạng các đơn vị trực thuộc");
        provincePage.QuerySelectorAll("#xep-hang ~ table a").Select(a => a.TextContent).ShouldContain("Xã Bảy");

        var export = await province.Http.GetAsync("/office/scorecard?handler=Export&unit=000.00.47.H98&period=custom&from=2025-03-01&to=2025-03-31", Ct);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = ReadSheet(await export.Content.ReadAsByteArrayAsync(Ct));
        var at = sheet.FindIndex(r => r[0] == "2.1");
        var row = sheet[at];
        (row[2], row[3], row[6], row[7]).ShouldBe(("0", "1", "0", "20"));
        // The indicator's lost points follow its row.
        var item = sheet[at + 1];
        item[1].ShouldStartWith(code!);
        item[8].ShouldBe("quá hạn 2 ngày làm việc");
        item[9].ShouldBe("20");
        item[10].ShouldEndWith($"/office/dossiers/{late}");
    }

    [Fact]
    public async Task Page_OfAnotherCommune_IsNotShown()
    {
        var world = await app.SeedWorldAsync();
        var other = await OfficeClient.SignInAsync(app, "desk.other");
        var response = await other.Http.GetAsync($"/office/scorecard?unit={world.CommuneCode}&period=month&year=2026&month=1", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Scorecard_IsOneGroupedAggregateInTheDatabase_NotRowsLoaded()
    {
        var sql = await app.WithDbAsync(async db =>
        {
            var catalog = await CatalogFacts.LoadAsync(db, ["2.000815"], Ct);
            var from = Vn(2026, 1, 1, 0);
            var rules = new DossierRules(from.AddYears(1), catalog, new ScorecardOptions(), db.SatisfactionRatings,
                db.Set<MotCua.Web.Features.Feedback.FeedbackItem>().Where(f => f.DossierId != null).Select(f => f.DossierId!.Value),
                new MotCua.Web.Features.Certification.SignedCopyFigures(db).DossiersWithSignedCopy);
            var counters = new Counters(rules, from, alsoProcessed: false);
            return ScorecardQuery.Aggregate(ScorecardQuery.Scope(db, [Guid.NewGuid()], from, from.AddYears(1), false), counters.List).ToQueryString();
        });
        TestContext.Current.TestOutputHelper?.WriteLine(sql);
        sql.ShouldContain("GROUP BY");
        // 26 counters are used; EF shares one SUM between counters with the same condition over the derived row (the
        // "every dossier" denominators of 1.4, 3.3, 6.2, 6.4–6.6 are all SUM(1)), so 25 distinct sums remain.
        SumPattern().Count(sql).ShouldBeGreaterThanOrEqualTo(25);
        // The only rows read back are the groups: no dossier column is selected outside an aggregate.
        sql[..sql.IndexOf("FROM", StringComparison.Ordinal)].ShouldNotContain("\"Code\"");
    }

    [GeneratedRegex(@"\bSUM\(", RegexOptions.IgnoreCase)]
    private static partial Regex SumPattern();

    private static List<string[]> ReadSheet(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray())
            .ToList();
    }
}
