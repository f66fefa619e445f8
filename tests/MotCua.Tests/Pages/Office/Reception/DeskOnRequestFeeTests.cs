using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Catalog;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Office.Reception.ReceptionForms;

namespace MotCua.Tests.Pages.Office.Reception;

/// <summary>Birth registration is free but its extract copies are charged per copy asked for (8,000 đ, on request): the
/// desk enters how many at reception, and the fee is the one computation's, on the page, its live preview, the received
/// dossier and the API. A number that cannot be one, or a field no fee line counts from, is refused and nothing is made.</summary>
public sealed class DeskOnRequestFeeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Birth = "1.001193";
    private const string Field = "Input.Requested[extractCopies]";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly SemaphoreSlim Arrange = new(1, 1);

    private async Task ArrangeAsync()
    {
        await app.SeedWorldAsync();
        await Arrange.WaitAsync(Ct);
        try
        {
            await app.WithDbAsync(async db =>
            {
                if (await db.Procedures.AnyAsync(p => p.Code == Birth, Ct)) return;
                var birth = new Procedure(Guid.NewGuid(), Birth);
                birth.Publish(SeedCatalog.Content(Birth), new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc), "Quyết định thử nghiệm");
                db.Procedures.Add(birth);
                await db.SaveChangesAsync(Ct);
            });
        }
        finally
        {
            Arrange.Release();
        }
    }

    private static Dictionary<string, string> Filled(IHtmlDocument page, string idNumber)
    {
        var fields = FieldsOf(page, "#desk-form");
        fields["Input.FullName"] = "Lê Văn Khai";
        fields["Input.IdNumber"] = idNumber;
        fields["Input.Phone"] = "0912 345 678";
        fields["Input.Address"] = "Số 9, khu phố 1, phường Một";
        foreach (var code in new[] { "to-khai", "giay-chung-sinh" }) fields[$"Input.Components[{RowOf(page, code)}].Received"] = "true";
        return fields;
    }

    private Task<List<Dossier>> DossiersOfAsync(string idNumber) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Applicant.IdNumber == idNumber).ToListAsync(Ct));

    [Fact]
    public async Task TheDesk_EntersTheExtractCopiesAskedFor_AndTheDossierIsChargedForThem()
    {
        await ArrangeAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync($"/office/reception/desk?procedure={Birth}");
        var input = page.QuerySelector<IHtmlInputElement>("#requested-extractCopies")!;
        (input.Name, input.Value).ShouldBe((Field, "0"));
        page.QuerySelector("label[for='requested-extractCopies']")!.TextContent.ShouldContain("Số bản sao trích lục đề nghị cấp");
        page.QuerySelector("#copies").ShouldBeNull("the request's copies count for no line of this procedure");
        page.QuerySelector(".fee-total")!.TextContent.ShouldBe("0 ₫");

        var fields = Filled(page, "079190000301");
        fields[Field] = "3";
        var recomputed = await OfficeClient.ParseAsync(await (await PostMultipartAsync(desk, ActionOf(page, "fees"), fields)).Content.ReadAsStringAsync(Ct));
        recomputed.QuerySelector(".fee-total")!.TextContent.ShouldBe("24.000 ₫");
        recomputed.QuerySelector<IHtmlInputElement>("#requested-extractCopies")!.Value.ShouldBe("3");
        var fragment = await desk.Http.GetStringAsync(
            $"/office/reception/desk?procedure={Birth}&handler=FeePreview&channel=Desk&copies=1&pages=1&requested%5BextractCopies%5D=2", Ct);
        (await OfficeClient.ParseAsync(fragment)).QuerySelector(".fee-total")!.TextContent.ShouldBe("16.000 ₫");
        var noneAsked = await desk.Http.GetStringAsync($"/office/reception/desk?procedure={Birth}&handler=FeePreview&channel=Desk&copies=1&pages=1", Ct);
        (await OfficeClient.ParseAsync(noneAsked)).QuerySelector(".fee-total")!.TextContent.ShouldBe("0 ₫");
        var notANumber = await desk.Http.GetStringAsync(
            $"/office/reception/desk?procedure={Birth}&handler=FeePreview&channel=Desk&copies=1&pages=1&requested%5BextractCopies%5D=hai", Ct);
        (await OfficeClient.ParseAsync(notANumber)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Số bản đề nghị cấp phải từ 0 đến 10000");

        var received = await PostMultipartAsync(desk, ActionOf(page, "receive"), fields);

        received.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await OfficeClient.ParseAsync(await received.Content.ReadAsStringAsync(Ct))).QuerySelector("[role=alert]")?.TextContent);
        var dossier = (await DossiersOfAsync("079190000301")).ShouldHaveSingleItem();
        dossier.FeesOwed.ShouldBe(24_000);
        dossier.Fees.Single(f => f.Code == "phi-ban-sao-trich-luc").Explanation.ShouldBe("8.000 ₫ × 3 bản");
    }

    [Fact]
    public async Task ANumberThatCannotBeOne_IsRefusedInVietnamese_AndNothingIsReceived()
    {
        await ArrangeAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync($"/office/reception/desk?procedure={Birth}");

        foreach (var (value, message) in new[] { ("-1", "Số bản đề nghị cấp phải từ 0 đến 10000"), ("10001", "Số bản đề nghị cấp phải từ 0 đến 10000"),
                     ("hai", "Một số ô nhập không đúng định dạng") })
        {
            var fields = Filled(page, "079190000302");
            fields[Field] = value;
            var response = await PostMultipartAsync(desk, ActionOf(page, "receive"), fields);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct))).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        }
        (await DossiersOfAsync("079190000302")).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheApi_TakesTheSameNumbers_AndRefusesAFieldNoFeeLineCountsFrom()
    {
        await ArrangeAsync();
        var desk = await app.ClientAsAsync("desk");
        static object Request(string idNumber, object declared) => new
        {
            procedureCode = Birth,
            applicant = new { kind = "Person", fullName = "Lê Văn Khai", idNumber, phone = "0912345678" },
            components = new[] { new { requirementCode = "to-khai" }, new { requirementCode = "giay-chung-sinh" } },
            declared,
        };

        var unknown = await desk.PostAsJsonAsync("/api/dossiers/desk", Request("079190000303", new Dictionary<string, int> { ["soBanKhongCo"] = 2 }), Ct);
        var negative = await desk.PostAsJsonAsync("/api/dossiers/desk", Request("079190000303", new Dictionary<string, int> { ["extractCopies"] = -2 }), Ct);
        var specialist = await (await app.ClientAsAsync("specialist")).PostAsJsonAsync("/api/dossiers/desk",
            Request("079190000303", new Dictionary<string, int> { ["extractCopies"] = 2 }), Ct);
        var ok = await desk.PostAsJsonAsync("/api/dossiers/desk", Request("079190000304", new Dictionary<string, int> { ["extractCopies"] = 2 }), Ct);

        (unknown.StatusCode, negative.StatusCode, specialist.StatusCode).ShouldBe(
            (HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.Forbidden));
        var refusal = await unknown.Content.ReadAsStringAsync(Ct);
        refusal.ShouldContain("không có khoản phí, lệ phí nào tính theo");
        refusal.ShouldContain("soBanKhongCo");
        (await DossiersOfAsync("079190000303")).ShouldBeEmpty();
        ok.StatusCode.ShouldBe(HttpStatusCode.Created, await ok.Content.ReadAsStringAsync(Ct));
        (await DossiersOfAsync("079190000304")).ShouldHaveSingleItem().FeesOwed.ShouldBe(16_000);
    }
}
