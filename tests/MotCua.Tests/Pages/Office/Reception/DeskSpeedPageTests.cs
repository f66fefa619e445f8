using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using static MotCua.Tests.Pages.Office.Reception.ReceptionForms;

namespace MotCua.Tests.Pages.Office.Reception;

/// <summary>What makes the desk fast, through HTTP (docs/adr/0032a): Enter with the chip card's QR, what another unit's
/// desk is given, the cash taken with the reception (once, even when the form is sent twice), a picked scan ticking its
/// paper, and the unit's most received procedures.</summary>
public sealed class DeskSpeedPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Certification = "2.000815";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Qr(string id, string name, string address) => $"{id}|123456789|{name}|15031985|Nữ|{address}|01072021";

    private static async Task<(IHtmlDocument Page, Dictionary<string, string> Fields)> OpenAsync(OfficeClient desk)
    {
        var page = await desk.GetPageAsync($"/office/reception/desk?procedure={Certification}");
        return (page, FieldsOf(page, "#desk-form"));
    }

    private async Task EarlierAsync(string official, string idNumber, string phone, string address)
    {
        using var client = await app.ClientAsAsync(official);
        var response = await client.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = Certification,
            applicant = new { kind = "Person", fullName = "Tên Cũ Trong Hồ Sơ", idNumber, phone, address },
            components = new[] { new { requirementCode = "BAN_SAO" } },
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<IHtmlDocument> ShownAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
    }

    private static string Value(IHtmlDocument page, string id) => page.QuerySelector<IHtmlInputElement>(id)!.Value;

    [Fact]
    public async Task Enter_WithTheChipCardsQr_FillsFromTheCardAndThisUnitsDossier_AnotherUnitGetsTheCardOnly()
    {
        await app.SeedWorldAsync();
        await EarlierAsync("desk", "001185000401", "0933000401", "Số 7 ngõ 3, phường Một");
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk);
        fields["Input.IdNumber"] = Qr("001185000401", "Phạm Thị Thẻ", "Số 2 đường Cũ") + "\r\n";

        // Enter presses the form's first button, "fees": with a QR in the box it looks the applicant up.
        var shown = await ShownAsync(await PostMultipartAsync(desk, ActionOf(page, "fees"), fields));

        (Value(shown, "#id-number"), Value(shown, "#full-name"), Value(shown, "#phone"), Value(shown, "#address"))
            .ShouldBe(("001185000401", "Phạm Thị Thẻ", "0933000401", "Số 7 ngõ 3, phường Một"));
        shown.QuerySelector("[role=status]")!.TextContent.ShouldContain("mã QR trên thẻ căn cước");

        var other = await OfficeClient.SignInAsync(app, "desk.other");
        var (otherPage, otherFields) = await OpenAsync(other);
        otherFields["Input.IdNumber"] = Qr("001185000401", "Phạm Thị Thẻ", "Số 2 đường Cũ");
        var elsewhere = await ShownAsync(await PostMultipartAsync(other, ActionOf(otherPage, "fees"), otherFields));
        (Value(elsewhere, "#full-name"), Value(elsewhere, "#phone"), Value(elsewhere, "#address")).ShouldBe(("Phạm Thị Thẻ", "", "Số 2 đường Cũ"));
        elsewhere.QuerySelector("[role=status]")!.TextContent.ShouldContain("chưa có hồ sơ nào");
    }

    [Theory]
    [InlineData("001185|Tên|01011990")]
    [InlineData("12345|123|Tên|01011990|Nam|Địa chỉ|01012020")]
    public async Task Lookup_WithAnUnreadableQr_SaysSoInVietnamese_AndFillsNothing(string qr)
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk);
        fields["Input.IdNumber"] = qr;

        var shown = await ShownAsync(await PostMultipartAsync(desk, ActionOf(page, "lookup"), fields));

        shown.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Không đọc được mã QR trên thẻ căn cước");
        (Value(shown, "#id-number"), Value(shown, "#full-name")).ShouldBe(("", ""));
    }

    [Fact]
    public async Task Receive_WithCashAtTheDesk_SentTwice_RecordsOneDossierOnePaymentAndItsReceipt_AndTheScanTicksItsPaper()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk);
        (fields["Input.IdNumber"], fields["Input.FullName"], fields["Input.Copies"]) = ("001185000402", "Lê Văn Tiền Mặt", "3");
        fields["Input.PaidAtDesk"] = "true";
        // "Bản sao cần chứng thực" is not ticked: its scan is.
        fields.Keys.ShouldNotContain($"Input.Components[{RowOf(page, "BAN_SAO")}].Received");
        var scan = ($"Input.Components[{RowOf(page, "BAN_SAO")}].Scans", "ban-sao.pdf", Pdf);

        var first = await PostMultipartAsync(desk, ActionOf(page, "receive"), fields, scan);
        var again = await PostMultipartAsync(desk, ActionOf(page, "receive"), fields, scan);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, await first.Content.ReadAsStringAsync(Ct));
        var location = first.Headers.Location!.ToString();
        location.ShouldEndWith("?in=1");
        again.Headers.Location!.ToString().ShouldBe(location);
        var id = Guid.Parse(location["/office/forms/01/".Length..].Split('?')[0]);
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Components).Include(d => d.History).SingleAsync(d => d.Id == id, Ct));
        stored.Components.Select(c => c.RequirementCode).Order().ShouldBe(["BAN_CHINH", "BAN_SAO"]);
        (stored.FeesOwed, stored.AmountPaid).ShouldBe((6_000L, 6_000L));
        stored.Payments.Single().Reference.ShouldBe("Thu tiền mặt khi tiếp nhận");
        stored.History.Count(h => h.Kind == DossierEventKind.Payment).ShouldBe(1);
        var orders = await app.WithDbAsync(db => db.Set<PaymentOrder>().AsNoTracking().Where(o => o.DossierId == id).ToListAsync(Ct));
        orders.Count.ShouldBe(1);
        (orders[0].State, orders[0].Amount, orders[0].Provider).ShouldBe((PaymentState.Paid, 6_000L, PaymentOrder.DeskProvider));
        orders[0].ReceiptNumber.ShouldNotBeNull();
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == "001185000402", Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Receive_ByPostWithCashAtTheDesk_IsRefusedInVietnamese_AndNothingIsReceived()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk);
        (fields["Input.IdNumber"], fields["Input.FullName"]) = ("001185000403", "Trần Bưu Chính");
        (fields["Input.Channel"], fields["Input.PostmarkDate"], fields["Input.PaidAtDesk"]) = ("Postal", "2026-11-16", "true");
        fields[$"Input.Components[{RowOf(page, "BAN_SAO")}].Received"] = "true";

        var shown = await ShownAsync(await PostMultipartAsync(desk, ActionOf(page, "receive"), fields));

        shown.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Hồ sơ qua bưu chính không nộp tiền mặt tại quầy");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == "001185000403", Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task StepOne_OffersTheProceduresThisUnitReceivesMost_NotAnotherUnits()
    {
        await app.SeedWorldAsync();
        await EarlierAsync("desk", "001185000404", "0933000404", "Phường Một");
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var other = await OfficeClient.SignInAsync(app, "desk.other");

        var mine = await desk.GetPageAsync("/office/reception/desk");
        var theirs = await other.GetPageAsync("/office/reception/desk");

        mine.QuerySelectorAll("nav.reception-frequent a").Select(a => a.GetAttribute("href"))
            .ShouldContain($"/office/reception/desk?procedure={Certification}");
        theirs.QuerySelectorAll("nav.reception-frequent a").ShouldBeEmpty();
        // Once the official searches, the search answers alone.
        (await desk.GetPageAsync("/office/reception/desk?q=chung+thuc")).QuerySelector("nav.reception-frequent").ShouldBeNull();
    }
}
