using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Receipts;
using UglyToad.PdfPig;
using static MotCua.Tests.Payments.PaymentArrange;

namespace MotCua.Tests.Payments;

/// <summary>The numbered electronic receipt (biên lai) of every payment, online or at the desk: its series, its content,
/// its PDF, and who may read it.</summary>
public sealed class ReceiptTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ReceiptUrl(Guid orderId, string format = "json") => $"/api/payments/receipts/{orderId}?format={format}";

    private async Task<(Waiting Waiting, OfficeClient Citizen, PaymentOrder Order, string Back)> PaidOnlineAsync()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);
        var back = await DecideAsync(citizen.Http, await StartAsync(citizen, waiting.Code), approve: true);
        var order = (await OrdersAsync(app, waiting.Id)).ShouldHaveSingleItem();
        order.State.ShouldBe(PaymentState.Paid);
        return (waiting, citizen, order, back);
    }

    [Fact]
    public async Task AnOnlinePayment_IsNumberedInTheUnitsSeries_AndItsReceiptSaysWhatTheLawAsks()
    {
        var (waiting, citizen, order, _) = await PaidOnlineAsync();
        var world = await app.SeedWorldAsync();

        (order.ReceiptUnitId, order.ReceiptYear).ShouldBe((world.CommuneId, 2026));
        order.ReceiptNumber.ShouldNotBeNull().ShouldBeGreaterThan(0);
        var response = await citizen.Http.GetAsync(ReceiptUrl(order.Id), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var receipt = (await response.Content.ReadFromJsonAsync<Receipt>(TestJson.Options, Ct))!;

        receipt.Number.ShouldBe(order.ReceiptNumber!.Value);
        receipt.NumberText.ShouldBe(order.ReceiptNumber.Value.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture));
        (receipt.FormSymbol, receipt.Series).ShouldBe((app.Options.Receipts.FormSymbol, "BL-26E"));
        receipt.UnitName.ShouldBe("Phường Một");
        (receipt.PayerName, receipt.DossierCode).ShouldBe((waiting.Person.FullName, waiting.Code));
        receipt.Lines.ShouldNotBeEmpty();
        receipt.Lines.ShouldAllBe(l => l.Kind == "Phí" || l.Kind == "Lệ phí");
        receipt.Lines.Sum(l => l.Amount).ShouldBe(waiting.Owed);
        (receipt.Amount, receipt.AmountInWords).ShouldBe((waiting.Owed, MoneyInWords.Of(waiting.Owed)));
        receipt.Channel.ShouldBe(PaymentMethod.LocalGateway.DisplayName());
        receipt.TransactionRef.ShouldBe(order.GatewayTransactionNo);
        receipt.CollectedBy.ShouldBe("Cổng thanh toán VNPAY");
    }

    [Fact]
    public async Task TheReceiptPdf_CarriesTheVietnameseText()
    {
        var (waiting, citizen, order, _) = await PaidOnlineAsync();

        var response = await citizen.Http.GetAsync(ReceiptUrl(order.Id, "pdf"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        text.ShouldContain("BIÊN LAI THU PHÍ, LỆ PHÍ");
        text.ShouldContain(waiting.Code);
        text.ShouldContain(waiting.Person.FullName);
        text.ShouldContain(MoneyInWords.Of(waiting.Owed));
        text.ShouldContain($"Số: {order.ReceiptNumber!.Value:0000000}");
    }

    [Fact]
    public async Task TheResultPage_LinksToTheReceipt_ForThePayerWithoutAnAccountToo()
    {
        var (_, citizen, order, back) = await PaidOnlineAsync();

        var link = (await citizen.GetPageAsync(back)).QuerySelector("#receipt")!.GetAttribute("href")!;
        var anonymous = await app.Browser().GetAsync(link, Ct);
        var forged = await app.Browser().GetAsync(PaymentLinks.ReceiptPath + "?t=" + Uri.EscapeDataString(link[^20..]), Ct);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.OK, await anonymous.Content.ReadAsStringAsync(Ct));
        anonymous.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using var pdf = PdfDocument.Open(await anonymous.Content.ReadAsByteArrayAsync(Ct));
        string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text)).ShouldContain($"{order.ReceiptNumber!.Value:0000000}");
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyTheDossiersCitizen_AndItsUnitsOfficials_ReadTheReceipt()
    {
        var (_, _, order, _) = await PaidOnlineAsync();
        var other = await WaitingForPaymentAsync(app);
        var intruder = await TrackingArrange.SignInAsync(app, other.Person);

        (await intruder.Http.GetAsync(ReceiptUrl(order.Id), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.ClientAsAsync("desk.other")).GetAsync(ReceiptUrl(order.Id), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync(ReceiptUrl(order.Id), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await app.ClientAsAsync("desk")).GetAsync(ReceiptUrl(order.Id), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ClientAsAsync("specialist")).GetAsync(ReceiptUrl(order.Id, "pdf"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var bad = await (await app.ClientAsAsync("desk")).GetAsync(ReceiptUrl(order.Id, "docx"), Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("Định dạng biên lai");
    }

    [Fact]
    public async Task TheCitizensReceiptsPage_ListsTheirDossiersReceipts_AndNoOneElses()
    {
        var (waiting, citizen, order, _) = await PaidOnlineAsync();
        var other = await WaitingForPaymentAsync(app);
        var intruder = await TrackingArrange.SignInAsync(app, other.Person);

        var page = await citizen.GetPageAsync($"/ho-so-cua-toi/{waiting.Code}/bien-lai");
        var theirs = await intruder.Http.GetAsync($"/ho-so-cua-toi/{waiting.Code}/bien-lai", Ct);

        page.QuerySelector($"#receipts a[href='{ReceiptUrl(order.Id, "pdf")}']").ShouldNotBeNull();
        (await citizen.GetPageAsync($"/ho-so-cua-toi/{waiting.Code}")).QuerySelector("#bien-lai").ShouldNotBeNull();
        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheOfficeDossierPage_LinksEachPaymentToItsReceipt_ForTheDossiersUnits()
    {
        var (waiting, _, order, _) = await PaidOnlineAsync();

        var page = await (await OfficeClient.SignInAsync(app, "desk")).GetPageAsync($"/office/dossiers/{waiting.Id}");
        var other = await (await OfficeClient.SignInAsync(app, "desk.other")).Http.GetAsync($"/office/dossiers/{waiting.Id}", Ct);

        var link = page.QuerySelector("#fees-heading")!.ParentElement!.QuerySelector("a.receipt-link")!;
        link.GetAttribute("href").ShouldBe(ReceiptUrl(order.Id, "pdf"));
        link.TextContent.ShouldBe($"Biên lai BL-26E/{order.ReceiptNumber!.Value:0000000}");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Content.ReadAsStringAsync(Ct)).ShouldNotContain(order.Id.ToString());
    }

    [Fact]
    public async Task APaymentOnTheNationalPortal_NamesThePlatformAsCollector_NotItsCode()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var orderId = await app.WithDbAsync(async db =>
        {
            // As the demo data and the imported records have it: channel 1, whose provider is not a class of this app yet.
            var dossier = await db.Dossiers.SingleAsync(d => d.Id == waiting.Id, Ct);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var order = PaymentOrder.Online(dossier, PaymentOrder.NationalPlatformProvider, PaymentMethod.NationalPortal, "DVCQG", null, "Cổng DVCQG",
                now, now.AddMinutes(15));
            order.MarkPaid("DVCQG-7781", "NCB", "00", now, now);
            dossier.RecordPayment(order.Amount, PaymentMethod.NationalPortal, "DVCQG-7781", now, new Actor(null, "Cổng Dịch vụ công quốc gia", "Hệ thống", null, null), now, order.Id);
            db.Add(order);
            await db.SaveChangesAsync(Ct);
            return order.Id;
        });

        var receipt = (await (await app.ClientAsAsync("leader")).GetFromJsonAsync<Receipt>(ReceiptUrl(orderId), TestJson.Options, Ct))!;

        receipt.CollectedBy.ShouldBe("Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia");
        receipt.Channel.ShouldBe(PaymentMethod.NationalPortal.DisplayName());
    }

    [Fact]
    public async Task DeskPayments_AreNumberedToo_OneAfterTheOther()
    {
        var first = await WaitingForPaymentAsync(app);
        var second = await WaitingForPaymentAsync(app);

        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{first.Id}/payments", new { amount = first.Owed, method = "Desk", reference = "BL-0101" });
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{second.Id}/payments", new { amount = second.Owed, method = "BankTransfer", reference = "UNC-77" });

        var a = (await OrdersAsync(app, first.Id)).Single();
        var b = (await OrdersAsync(app, second.Id)).Single();
        b.ReceiptNumber.ShouldBe(a.ReceiptNumber + 1);
        var receipt = (await (await app.ClientAsAsync("leader")).GetFromJsonAsync<Receipt>(ReceiptUrl(b.Id), TestJson.Options, Ct))!;
        (receipt.CollectedBy, receipt.TransactionRef).ShouldBe(("Cán bộ desk", "UNC-77"));
    }

    [Fact]
    public async Task TwoPaymentsAtOnce_TakeTwoNumbers_WithoutAGap()
    {
        var orders = new List<PaymentOrder>();
        for (var i = 0; i < 4; i++)
        {
            var waiting = await WaitingForPaymentAsync(app);
            var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);
            await StartAsync(citizen, waiting.Code);
            orders.Add((await OrdersAsync(app, waiting.Id)).Single());
        }
        var before = await MaxNumberAsync();

        var answers = await Task.WhenAll(orders.Select(o => SendNoticeAsync(app, Notice(app, o.TxnRef, o.Amount, transactionNo: o.TxnRef[..8]))));

        answers.ShouldAllBe(a => a.RspCode == "00");
        var numbers = await app.WithDbAsync(db => db.Set<PaymentOrder>().AsNoTracking().Where(o => orders.Select(x => x.Id).Contains(o.Id))
            .Select(o => o.ReceiptNumber).ToListAsync(Ct));
        numbers.Order().ShouldBe(new int?[] { before + 1, before + 2, before + 3, before + 4 });
    }

    private async Task<int> MaxNumberAsync()
    {
        var world = await app.SeedWorldAsync();
        return await app.WithDbAsync(db => db.Set<PaymentOrder>().Where(o => o.ReceiptUnitId == world.CommuneId && o.ReceiptYear == 2026)
            .MaxAsync(o => o.ReceiptNumber, Ct)) ?? 0;
    }
}
