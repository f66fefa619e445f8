using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Browser;

/// <summary>Journey (g): an official of another commune cannot open a dossier of Phường Một, and is told so in Vietnamese.</summary>
[Collection(BrowserTests.Name)]
public sealed class NotFoundJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task DossierPage_OfAnotherUnitsDossier_IsTheVietnameseNotFoundPage()
    {
        await app.SeedWorldAsync();
        var received = await app.ReceivedAtDeskAsync();
        await using var journey = Journey.Start(app);

        var other = await journey.SignInAsync("desk.other");
        await other.GotoAsync($"/office/dossiers/{received.Id}", "khong-tim-thay", expectedStatus: 404);

        (await other.Page.Locator("h1").InnerTextAsync()).ShouldBe("Không tìm thấy hồ sơ");
        (await other.AlertAsync()).ShouldBe("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn.");
        (await other.BodyTextAsync()).ShouldNotContain(received.Code);
        (await other.BodyTextAsync()).ShouldNotContain("Đỗ Thị Hoa");
    }
}
