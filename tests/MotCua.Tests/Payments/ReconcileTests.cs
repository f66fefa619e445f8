using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Vnpay;
using static MotCua.Tests.Payments.PaymentArrange;

namespace MotCua.Tests.Payments;

/// <summary>The daily reconciliation of a unit's payments with the gateway's: every kind of difference the sandbox can
/// be made to produce, the totals by channel, the export, and who may see it.</summary>
public sealed class ReconcileTests(PaymentsApp app) : IClassFixture<PaymentsApp>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => app.Options.Sandbox.IpnMode = SandboxIpnMode.Normal;

    private VnpaySandbox Sandbox => app.Services.GetRequiredService<VnpaySandbox>();

    private async Task<(Waiting Waiting, OfficeClient Citizen, string Gateway)> StartedAsync()
    {
        var waiting = await WaitingForPaymentAsync(app);
        var citizen = await TrackingArrange.SignInAsync(app, waiting.Person);
        return (waiting, citizen, await StartAsync(citizen, waiting.Code));
    }

    private async Task<PaymentOrder> OrderAsync(Waiting waiting) => (await OrdersAsync(app, waiting.Id)).Single();

    [Fact]
    public async Task TheDay_ListsEveryDifference_WithTotalsByChannel_AndTheExportSaysTheSame()
    {
        var normal = await StartedAsync();
        await DecideAsync(normal.Citizen.Http, normal.Gateway, approve: true);

        app.Options.Sandbox.IpnMode = SandboxIpnMode.Lost; // the gateway takes the money and tells nobody
        var lost = await StartedAsync();
        await DecideAsync(lost.Citizen.Http, lost.Gateway, approve: true);
        app.Options.Sandbox.IpnMode = SandboxIpnMode.Normal;

        var unknownThere = await StartedAsync(); // paid by a notice the gateway has no record of
        var unknownOrder = await OrderAsync(unknownThere.Waiting);
        await SendNoticeAsync(app, Notice(app, unknownOrder.TxnRef, unknownOrder.Amount));

        var skewed = await StartedAsync();
        await DecideAsync(skewed.Citizen.Http, skewed.Gateway, approve: true);
        var skewedOrder = await OrderAsync(skewed.Waiting);
        Sandbox.Amend(skewedOrder.TxnRef, amount: skewedOrder.Amount + 1_000);

        var pending = await StartedAsync();
        (await pending.Citizen.Http.GetAsync(pending.Gateway, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // on the gateway's page, undecided

        var desk = await WaitingForPaymentAsync(app);
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{desk.Id}/payments", new { amount = desk.Owed, method = "Desk", reference = "BL-0042" });

        var stats = await app.ClientAsAsync("stats");
        var response = await stats.GetAsync("/api/payments/reconciliation?date=2026-11-17", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var result = (await response.Content.ReadFromJsonAsync<Reconcile.Result>(TestJson.Options, Ct))!;

        Reconcile.DifferenceKind? KindOf(Waiting w) => result.Rows.Single(r => r.DossierCode == w.Code).Difference;
        KindOf(normal.Waiting).ShouldBeNull();
        KindOf(lost.Waiting).ShouldBe(Reconcile.DifferenceKind.PaidThereNotHere);
        KindOf(unknownThere.Waiting).ShouldBe(Reconcile.DifferenceKind.PaidHereNotThere);
        KindOf(skewed.Waiting).ShouldBe(Reconcile.DifferenceKind.AmountDiffers);
        KindOf(pending.Waiting).ShouldBe(Reconcile.DifferenceKind.Pending);
        KindOf(desk).ShouldBeNull();
        result.Rows.Count(r => r.Difference is not null).ShouldBe(4);
        result.Rows.Single(r => r.DossierCode == skewed.Waiting.Code).Explanation!.ShouldContain("Số tiền hai bên khác nhau");

        var gateway = result.Totals.Single(t => t.Channel == PaymentMethod.LocalGateway.DisplayName());
        (gateway.Count, gateway.Amount).ShouldBe((3, normal.Waiting.Owed + unknownThere.Waiting.Owed + skewed.Waiting.Owed));
        (gateway.GatewayCount, gateway.GatewayAmount).ShouldBe((3, normal.Waiting.Owed + lost.Waiting.Owed + skewed.Waiting.Owed + 1_000));
        var atDesk = result.Totals.Single(t => t.Channel == PaymentMethod.Desk.DisplayName());
        (atDesk.Count, atDesk.Amount, atDesk.GatewayCount).ShouldBe((1, desk.Owed, null));

        var file = await stats.GetAsync("/api/payments/reconciliation?date=2026-11-17&format=xlsx", Ct);
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await file.Content.ReadAsByteArrayAsync(Ct)), false);
        var cells = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .Select(r => string.Join("|", r.Elements<Cell>().Select(c => c.InnerText))).ToList();
        cells[0].ShouldStartWith("STT|Mã hồ sơ|Kênh thanh toán");
        cells.ShouldContain(c => c.Contains(lost.Waiting.Code, StringComparison.Ordinal) && c.Contains("Cổng thanh toán đã thu nhưng đơn vị chưa ghi nhận", StringComparison.Ordinal));
        cells.ShouldContain(c => c.StartsWith("|Số chênh lệch|4", StringComparison.Ordinal));

        var page = await (await OfficeClient.SignInAsync(app, "leader")).GetPageAsync("/office/payments?date=2026-11-17");
        page.QuerySelectorAll("#rows tr.difference").Length.ShouldBe(4);
        page.QuerySelector("#difference-count")!.TextContent.ShouldBe("Có 4 chênh lệch cần xử lý.");
    }

    [Fact]
    public async Task AnotherUnit_Is404_ARoleNotAllowed_Is403_ABadDate_Is400()
    {
        var world = await app.SeedWorldAsync();
        var leader = await app.ClientAsAsync("leader");

        var other = await leader.GetAsync($"/api/payments/reconciliation?unit={world.OtherCommuneCode}", Ct);
        var specialist = await (await app.ClientAsAsync("specialist")).GetAsync("/api/payments/reconciliation", Ct);
        var badDate = await leader.GetAsync("/api/payments/reconciliation?date=17/11/2026", Ct);
        var citizen = await (await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone)).Http.GetAsync("/api/payments/reconciliation", Ct);
        var own = await leader.GetAsync($"/api/payments/reconciliation?unit={world.CommuneCode}&date=2026-11-16", Ct);

        (other.StatusCode, specialist.StatusCode, badDate.StatusCode, citizen.StatusCode, own.StatusCode)
            .ShouldBe((HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.OK));
        (await badDate.Content.ReadAsStringAsync(Ct)).ShouldContain("yyyy-MM-dd");
    }
}
