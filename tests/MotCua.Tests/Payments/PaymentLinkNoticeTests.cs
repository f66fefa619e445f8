using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Features.Payments;
using static MotCua.Tests.Payments.PaymentArrange;

namespace MotCua.Tests.Payments;

/// <summary>An applicant received at the desk, without an account, is sent the payment link when the fee is asked
/// for; the link opens the payment page without sign-in.</summary>
public sealed class PaymentLinkNoticeTests(PaymentsSmsApp app) : IClassFixture<PaymentsSmsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<Notification>> LinkMessagesAsync(Guid dossierId) =>
        app.WithDbAsync(db => db.Set<Notification>().AsNoTracking()
            .Where(n => n.SubjectId == dossierId && n.Trigger == SendPaymentLink.Trigger).ToListAsync(Ct));

    [Fact]
    public async Task ADeskApplicant_IsSentTheLink_WhenTheFeeIsAskedFor_AndTheLinkOpensThePaymentPage()
    {
        var world = await app.SeedWorldAsync();
        var applicant = new OfficeDossiers.Applicant("Đỗ Văn Quầy", "079095009911", "0912000111");
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, applicant);
        var s = await OfficeDossiers.ToAppraisalAsync(app, world, received.Id);
        (await LinkMessagesAsync(received.Id)).ShouldBeEmpty();

        await OfficeDossiers.PostAsync(app, "specialist", $"/api/dossiers/{received.Id}/financial-obligation", new { description = "Nộp lệ phí", revision = s.Revision });

        var sms = (await LinkMessagesAsync(received.Id)).ShouldHaveSingleItem();
        (sms.Channel, sms.Recipient).ShouldBe((NotificationChannel.Sms, "0912000111"));
        var start = sms.Body.IndexOf("/thanh-toan?t=", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, sms.Body);
        var path = sms.Body[start..].Split(' ')[0];
        var page = await (await OfficeClient.AnonymousAsync(app)).GetPageAsync(path);
        page.QuerySelector("#owed")!.TextContent.ShouldContain("20.000");
    }

    [Fact]
    public async Task ACitizenWithAnAccount_PaysFromTheirDossiers_AndGetsNoLink()
    {
        var waiting = await WaitingForPaymentAsync(app);

        (await LinkMessagesAsync(waiting.Id)).ShouldBeEmpty();
        (await app.Browser().GetAsync("/thanh-toan?t=", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>The desk can hand the payment link to an applicant without a phone or e-mail.</summary>
public sealed class PaymentLinkAtTheDeskTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    [Fact]
    public async Task TheDesksPaymentPanel_OffersThePaymentLink_WhileTheFeeIsAwaited()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new OfficeDossiers.Applicant("Vũ Thị Quầy", "079095009922", "0912000222"));
        var s = await OfficeDossiers.ToAppraisalAsync(app, world, received.Id);
        var desk = await OfficeClient.SignInAsync(app, "desk");
        (await desk.GetPageAsync($"/office/dossiers/{received.Id}")).QuerySelector("#payment-link").ShouldBeNull();

        await OfficeDossiers.PostAsync(app, "specialist", $"/api/dossiers/{received.Id}/financial-obligation", new { description = "Nộp lệ phí", revision = s.Revision });

        var link = (await desk.GetPageAsync($"/office/dossiers/{received.Id}")).QuerySelector("#payment-link")!.GetAttribute("href")!;
        var page = await (await OfficeClient.AnonymousAsync(app)).GetPageAsync(link);
        page.QuerySelector("#owed")!.TextContent.ShouldContain("20.000");
    }
}
