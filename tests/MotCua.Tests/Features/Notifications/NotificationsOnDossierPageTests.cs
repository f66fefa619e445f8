using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Features.Notifications;

public sealed class NotificationsOnDossierPageTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    [Fact]
    public async Task DossierPage_AfterTheJobsRan_ShowsWhatWasSentToTheApplicant()
    {
        await app.SeedWorldAsync();
        var (phone, email) = NotificationsApp.NewContact();
        var received = await NotificationsApp.ReceiveAsync(await app.ClientAsAsync("desk"), phone, email);
        await app.RunJobsAsync();

        var office = await OfficeClient.SignInAsync(app, "desk");
        var page = await office.GetPageAsync($"/office/dossiers/{received.Id}");

        var section = page.QuerySelector("section[aria-labelledby=notifications-heading]")!;
        var rows = section.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBe(2);
        rows.ShouldContain(r => r.Contains(email) && r.Contains("Đã gửi") && r.Contains($"Hồ sơ {received.Code}: Đã được tiếp nhận"));
        rows.ShouldContain(r => r.Contains(phone) || r.Contains(NotificationsApp.GatewayPhone(phone)));
    }
}
