using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;

namespace MotCua.Tests.Features.Catalog;

/// <summary>The app with the test world (including its administrator) seeded once for the class. Tests use
/// their own procedure codes (TEST.x.nn) so that their order does not matter; importing the seed catalog is
/// idempotent, so the tests that need it can all import it.</summary>
public sealed class CatalogApp : IAsyncLifetime
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

public class CatalogEndpointsTests(CatalogApp fixture) : IClassFixture<CatalogApp>
{
    private readonly AppFactory _app = fixture.App;
    private readonly HttpClient _admin = fixture.Admin;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CatalogEntry Entry(string code, string seedCode = "1.001193") =>
        SeedCatalog.Entries.Single(e => e.Code == seedCode) with { Code = code };

    private static string Json(object value) => JsonSerializer.Serialize(value, CatalogJson.ApiOptions);

    private async Task<HttpResponseMessage> ImportAsync(IReadOnlyList<CatalogEntry> entries) =>
        await ImportAsync(Encoding.UTF8.GetString(CatalogJson.Write(entries)));

    private async Task<HttpResponseMessage> ImportAsync(string json) =>
        await _admin.PostAsync(new Uri("/api/catalog/import", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private async Task<ImportCatalog.Result> ImportOkAsync(IReadOnlyList<CatalogEntry> entries)
    {
        using var response = await ImportAsync(entries);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ImportCatalog.Result>(Ct))!;
    }

    /// <summary>The public endpoints' tests arrange the catalog through the import handler, so that they do
    /// not depend on signing in.</summary>
    private Task<ImportCatalog.Result> SeedAsync() =>
        _app.WithServiceAsync<ImportCatalog.Handler, ImportCatalog.Result>(handler => handler.HandleAsync(SeedCatalog.Entries, Ct));

    private Task<Procedure?> LoadAsync(string code) =>
        _app.WithDbAsync(db => db.Procedures.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Code == code, Ct));

    [Fact]
    public async Task Import_WhenProceduresAreNew_CreatesThem()
    {
        var result = await ImportOkAsync([Entry("TEST.A.01"), Entry("TEST.A.02", "2.000815")]);

        result.ShouldBe(new ImportCatalog.Result(2, 0, 0));
        var procedure = (await LoadAsync("TEST.A.02"))!;
        procedure.Name.ShouldBe("Chứng thực bản sao từ bản chính giấy tờ, văn bản");
        var version = procedure.Versions.ShouldHaveSingleItem();
        version.Number.ShouldBe(1);
        procedure.CurrentVersionId.ShouldBe(version.Id);
        version.EffectiveFromUtc.ShouldBe(_app.Clock.GetUtcNow().UtcDateTime);
        version.HasFees.ShouldBeTrue();
        Json(version.Content).ShouldBe(Json(SeedCatalog.Content("2.000815")));
    }

    [Fact]
    public async Task Import_WhenSameFileAgain_ChangesNothing()
    {
        var entries = new[] { Entry("TEST.B.01"), Entry("TEST.B.02", "1.004222") };
        await ImportOkAsync(entries);

        var again = await ImportOkAsync(entries);

        again.ShouldBe(new ImportCatalog.Result(0, 0, 2));
        (await LoadAsync("TEST.B.01"))!.Versions.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Import_WhenContentChanged_PublishesVersionTwoAndKeepsTheOld()
    {
        var original = Entry("TEST.C.01", "1.004222");
        await ImportOkAsync([original]);
        var fees = original.Content.Fees.Select(f => f with { DeskAmount = 25_000 }).ToList();
        var changed = original with { Decision = "Quyết định số 99/QĐ-UBND", Content = original.Content with { Fees = fees } };

        var result = await ImportOkAsync([changed, Entry("TEST.C.02")]);

        result.ShouldBe(new ImportCatalog.Result(1, 1, 0));
        var procedure = (await LoadAsync("TEST.C.01"))!;
        procedure.Versions.Select(v => v.Number).Order().ShouldBe([1, 2]);
        var first = procedure.Versions.Single(v => v.Number == 1);
        var second = procedure.Versions.Single(v => v.Number == 2);
        procedure.CurrentVersionId.ShouldBe(second.Id);
        first.Content.Fees.Single().DeskAmount.ShouldBe(20_000);
        second.Content.Fees.Single().DeskAmount.ShouldBe(25_000);
        second.Decision.ShouldBe("Quyết định số 99/QĐ-UBND");
    }

    [Fact]
    public async Task Import_WhenOnlyTheDecisionChanged_KeepsTheVersion()
    {
        var entry = Entry("TEST.D.01");
        await ImportOkAsync([entry]);

        var result = await ImportOkAsync([entry with { Decision = "Quyết định khác" }]);

        result.ShouldBe(new ImportCatalog.Result(0, 0, 1));
    }

    [Fact]
    public async Task Import_WhenAnEntryIsInvalid_Returns422AndSavesNothing()
    {
        var valid = Entry("TEST.E.01");
        var invalid = Entry("TEST.E.02", "2.000815");
        invalid = invalid with { Content = invalid.Content with { PartialOnlineReason = null } };

        using var response = await ImportAsync([valid, invalid]);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!;
        problem.Title.ShouldBe("Không nhập được danh mục");
        problem.Detail.ShouldNotBeNull();
        problem.Detail.ShouldContain("Mục 2 (mã TEST.E.02)");
        problem.Detail.ShouldContain("phải nêu lý do");
        problem.Detail.ShouldNotContain("TEST.E.01");
        (await _app.WithDbAsync(db => db.Procedures.CountAsync(p => p.Code.StartsWith("TEST.E."), Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Import_WhenCodesRepeatOrAreMalformed_NamesEveryProblem()
    {
        using var response = await ImportAsync([Entry("TEST.F.01"), Entry("TEST.F.01"), Entry("TEST F 02")]);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var detail = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!;
        detail.ShouldContain("2 mục chưa hợp lệ");
        detail.ShouldContain("xuất hiện nhiều lần");
        detail.ShouldContain("Mã thủ tục \"TEST F 02\" không hợp lệ");
        (await _app.WithDbAsync(db => db.Procedures.CountAsync(p => p.Code.StartsWith("TEST.F."), Ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData("""[{ "code": "TEST.G.01", """)]
    [InlineData("""[{ "code": "TEST.G.01", "decison": null, "content": null }]""")]
    [InlineData("""{ "code": "TEST.G.01" }""")]
    [InlineData("null")]
    public async Task Import_WhenJsonIsMalformed_Returns400InVietnamese(string json)
    {
        using var response = await ImportAsync(json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!;
        problem.Title.ShouldBe("Tệp danh mục không hợp lệ");
        problem.Detail.ShouldNotBeNull();
        problem.Detail.ShouldContain("chưa có thay đổi nào được lưu");
    }

    [Fact]
    public async Task Import_WhenNotAnAdministrator_IsRefused()
    {
        using var anonymous = _app.CreateClient();
        using var desk = await _app.ClientAsAsync("desk");
        var body = Encoding.UTF8.GetString(CatalogJson.Write([Entry("TEST.H.01")]));

        using var asAnonymous = await anonymous.PostAsync(new Uri("/api/catalog/import", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        using var asDesk = await desk.PostAsync(new Uri("/api/catalog/import", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        asAnonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        asDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await LoadAsync("TEST.H.01")).ShouldBeNull();
    }

    [Fact]
    public async Task Export_WhenImportedBack_IsUnchanged()
    {
        var imported = new[] { Entry("TEST.I.01", "2.000986"), Entry("TEST.I.02", "XA.DD.01") };
        await ImportOkAsync(imported);

        using var response = await _admin.GetAsync(new Uri("/api/catalog/export", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("danh-muc-thu-tuc-20261117.json");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Encoding.UTF8.GetString(bytes).ShouldContain("Đất đai");   // letters as they are, not \u escapes
        IReadOnlyList<CatalogEntry> exported;
        using (var stream = new MemoryStream(bytes)) exported = CatalogJson.Read(stream);
        exported.Select(e => e.Code).ShouldBe(exported.Select(e => e.Code).Order(StringComparer.Ordinal));
        foreach (var entry in imported)
            Json(exported.Single(e => e.Code == entry.Code)).ShouldBe(Json(entry));

        var again = await ImportOkAsync(exported);
        again.ShouldBe(new ImportCatalog.Result(0, 0, exported.Count));
    }

    [Fact]
    public async Task Search_WhenWordsHaveNoDiacritics_FindsTheProcedure()
    {
        await SeedAsync();

        var page = await SearchAsync("/api/procedures?q=dang%20ky%20khai%20sinh");

        var birth = page.Items.Where(i => i.Code == "1.001193").ShouldHaveSingleItem();
        birth.Name.ShouldBe("Đăng ký khai sinh");
        birth.FieldName.ShouldBe("Hộ tịch");
        birth.OnlineLevel.ShouldBe(OnlineLevel.Full);
        birth.LegalTime.ShouldBe("Trong ngày");
        birth.HasFees.ShouldBeTrue(); // registration is free, the extract copies asked for are charged per copy
        page.Items.ShouldContain(i => i.Code == "1.004884");   // "Đăng ký lại khai sinh": every word, any order
        page.Items.ShouldNotContain(i => i.Code == "1.000656");
    }

    [Fact]
    public async Task Search_WhenFilteredAndPaged_ReturnsOnePage()
    {
        await SeedAsync();

        var deskOnly = await SearchAsync("/api/procedures?field=CT&onlineLevel=none&pageSize=100");
        var firstPage = await SearchAsync("/api/procedures?pageSize=5");
        var secondPage = await SearchAsync("/api/procedures?pageSize=5&page=2");

        deskOnly.Items.ShouldNotBeEmpty();
        deskOnly.Items.ShouldAllBe(i => i.FieldCode == "CT" && i.OnlineLevel == OnlineLevel.None);
        deskOnly.Items.ShouldContain(i => i.Code == "2.001035" && i.LegalTime == "2 ngày làm việc" && i.HasFees);
        firstPage.Items.Count.ShouldBe(5);
        firstPage.Total.ShouldBeGreaterThanOrEqualTo(SeedCatalog.Entries.Count);
        secondPage.Items.Select(i => i.Code).ShouldNotContain(firstPage.Items[0].Code);
    }

    [Theory]
    [InlineData("/api/procedures?onlineLevel=whole", "onlineLevel")]
    [InlineData("/api/procedures?onlineLevel=2", "onlineLevel")]
    [InlineData("/api/procedures?page=0", "page")]
    [InlineData("/api/procedures?pageSize=1000", "pageSize")]
    public async Task Search_WhenParametersAreInvalid_Returns400(string url, string parameter)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Errors.ShouldContainKey(parameter);
    }

    [Fact]
    public async Task Get_WhenCodeIsKnown_ReturnsTheCurrentContent()
    {
        await SeedAsync();
        using var client = _app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/procedures/2.000815", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("\"onlineLevel\":\"Partial\"");   // enums by name, as in the catalog file
        var result = JsonSerializer.Deserialize<GetProcedure.Result>(body, CatalogJson.ApiOptions)!;
        result.Code.ShouldBe("2.000815");
        Json(result.Content).ShouldBe(Json(SeedCatalog.Content("2.000815")));
        var procedure = (await LoadAsync("2.000815"))!;
        result.VersionNumber.ShouldBe(procedure.Versions.Max(v => v.Number));
    }

    [Fact]
    public async Task Get_WhenCodeIsUnknown_Returns404InVietnamese()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/procedures/9.999999", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!;
        problem.Title.ShouldBe("Không tìm thấy thủ tục");
        problem.Detail!.ShouldContain("9.999999");
    }

    private async Task<SearchProcedures.Result> SearchAsync(string url)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<SearchProcedures.Result>(CatalogJson.ApiOptions, Ct))!;
    }
}
