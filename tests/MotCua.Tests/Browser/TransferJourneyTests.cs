using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Browser;

/// <summary>Journey (e): cross-boundary reception — Phường Một's desk hands the dossier to Xã Hai, whose desk
/// then sees it among its own and starts processing it.</summary>
[Collection(BrowserTests.Name)]
public sealed class TransferJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Transfer_ToAnotherCommune_IsSeenAndProcessedByItsDesk()
    {
        var world = await app.SeedWorldAsync();
        var received = await app.ReceivedAtDeskAsync("Lê Văn Cường");
        await using var journey = Journey.Start(app);

        var desk = await journey.SignInAsync("desk");
        await desk.GotoAsync($"/office/dossiers/{received.Id}", "ho-so-da-tiep-nhan");
        var transfer = await desk.ActionAsync("Chuyển hồ sơ sang xã, phường khác");
        await transfer.GetByLabel("Đơn vị nhận").SelectOptionAsync(new SelectOptionValue { Label = "Xã Hai" });
        await transfer.GetByLabel("Ghi chú").FillAsync("Người nộp thường trú tại Xã Hai.");
        await desk.SubmitAsync(transfer.GetByRole(AriaRole.Button, new() { Name = "Chuyển hồ sơ" }), "da-chuyen-xa-hai");
        (await desk.NoticeAsync()).ShouldContain("Đã chuyển hồ sơ sang đơn vị khác");

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var other = await journey.SignInAsync("desk.other");
        var toHandOver = other.Page.Locator("section[aria-labelledby=cho-chuyen]");
        await other.SubmitAsync(toHandOver.GetByRole(AriaRole.Link, new() { Name = received.Code, Exact = true }), "ho-so-nhan-tu-phuong-mot");
        string.Join("\n", await other.HistoryAsync()).ShouldContain("Xã Hai");
        var handOver = await other.ActionAsync("Chuyển bộ phận xử lý");
        await handOver.GetByLabel("Bộ phận xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Xã Hai" });
        await other.SubmitAsync(handOver.GetByRole(AriaRole.Button, new() { Name = "Chuyển xử lý" }), "da-chuyen-xu-ly");
        (await other.StatusAsync()).ShouldBe("Đang xử lý");

        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        (stored.Status, stored.CurrentUnitId, stored.CompetentUnitId).ShouldBe((DossierStatus.InProgress, world.OtherCommuneId, world.OtherCommuneId));
    }
}
