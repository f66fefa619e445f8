using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;

namespace MotCua.Tests.Features.Catalog;

/// <summary>GET /api/procedures/{code}/fees: the published fee schedule applied to a request, open to anyone, with
/// Vietnamese answers to wrong input.</summary>
public class QuoteFeesTests(CatalogApp fixture) : IClassFixture<CatalogApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> AnonymousAsync()
    {
        await fixture.App.WithServiceAsync<ImportCatalog.Handler, ImportCatalog.Result>(handler => handler.HandleAsync(SeedCatalog.Entries, Ct));
        return fixture.App.CreateClient();
    }

    private async Task<QuoteFees.Result> QuoteAsync(string query)
    {
        var response = await (await AnonymousAsync()).GetAsync("/api/procedures/" + query, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<QuoteFees.Result>(Ct))!;
    }

    [Fact]
    public async Task Certification_ChargesTiersPerCopy_ToAnAnonymousCaller()
    {
        var quote = await QuoteAsync("2.000815/fees?channel=desk&copies=3&pages=5");

        quote.Total.ShouldBe(21_000);
        quote.TotalText.ShouldBe("21.000 ₫");
        quote.Lines.ShouldHaveSingleItem().Explanation.ShouldBe("5 trang/bản: 7.000 ₫/bản × 3 bản");
    }

    [Fact]
    public async Task Residence_IsCheaperOnline_AndFreeForAnExemptGroup()
    {
        (await QuoteAsync("1.004222/fees?channel=desk")).Total.ShouldBe(20_000);
        (await QuoteAsync("1.004222/fees?channel=online")).Total.ShouldBe(10_000);
        var exempt = await QuoteAsync("1.004222/fees?channel=online&groups=elderly");
        exempt.Total.ShouldBe(0);
        exempt.Lines.ShouldHaveSingleItem().ShouldSatisfyAllConditions(l => l.Exempted.ShouldBeTrue(), l => l.Explanation.ShouldBe("Miễn: Người cao tuổi"));
    }

    [Fact]
    public async Task BirthRegistration_ChargesTheExtractCopiesAskedFor()
    {
        (await QuoteAsync("1.001193/fees")).Total.ShouldBe(0);
        var two = await QuoteAsync("1.001193/fees?extractCopies=2");
        two.Total.ShouldBe(16_000);
        two.Lines.Single(l => l.Code == "phi-ban-sao-trich-luc").Explanation.ShouldBe("8.000 ₫ × 2 bản");
    }

    [Fact]
    public async Task CivilStatusExtract_SaysItIsPaidBeforeSubmission()
    {
        var quote = await QuoteAsync("2.000635/fees?copies=2");

        (quote.Total, quote.PayBeforeSubmission).ShouldBe((16_000L, true));
    }

    [Theory]
    [InlineData("copies=0", "copies")]
    [InlineData("copies=-2", "copies")]
    [InlineData("copies=10001", "copies")]
    [InlineData("copies=hai", "copies")]
    [InlineData("pages=0", "pages")]
    [InlineData("pages=99999999999", "pages")]
    [InlineData("channel=quay", "channel")]
    [InlineData("groups=vip", "groups")]
    [InlineData("extractCopies=-1", "extractCopies")]
    public async Task WrongInput_Is422_InVietnamese_UnderItsName(string query, string field)
    {
        var response = await (await AnonymousAsync()).GetAsync($"/api/procedures/2.000815/fees?{query}".Replace("2.000815", field == "extractCopies" ? "1.001193" : "2.000815", StringComparison.Ordinal), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Điều kiện tính phí không hợp lệ");
        var message = problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString()!;
        message.ShouldNotBeNullOrWhiteSpace();
        message.ShouldContain(field == "groups" ? "Không có đối tượng miễn" : field == "channel" ? "Kênh nộp" : "phải là số nguyên");
    }

    [Fact]
    public async Task AnUnknownProcedure_Is404_InVietnamese()
    {
        var response = await (await AnonymousAsync()).GetAsync("/api/procedures/9.999999/fees", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Không có thủ tục mã");
    }
}
