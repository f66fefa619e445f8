using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Browser;

/// <summary>Journey (f): two officials have the same dossier open; the second to act, on a stale page, is told
/// who changed what, and nothing of theirs is applied; acting again on the fresh page works.</summary>
[Collection(BrowserTests.Name)]
public sealed class ConflictJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Action_OnAStalePage_ShowsWhoChangedWhatAndChangesNothing()
    {
        await app.SeedWorldAsync();
        var received = await app.ReceivedAtDeskAsync();
        await using var journey = Journey.Start(app);
        var leader = await journey.SignInAsync("leader");
        var desk = await journey.SignInAsync("desk");
        await leader.GotoAsync($"/office/dossiers/{received.Id}", "ho-so-mo-truoc");
        await desk.GotoAsync($"/office/dossiers/{received.Id}", "ho-so-mo-cung-luc");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var handOver = await desk.ActionAsync("Chuyển bộ phận xử lý");
        await handOver.GetByLabel("Bộ phận xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Văn phòng HĐND và UBND phường Một" });
        await desk.SubmitAsync(handOver.GetByRole(AriaRole.Button, new() { Name = "Chuyển xử lý" }), "da-chuyen-xu-ly");

        // The leader's page still shows the dossier as received.
        var stop = await leader.ActionAsync("Dừng xử lý");
        await stop.GetByLabel("Lý do dừng xử lý").FillAsync("Người dân đề nghị dừng.");
        await leader.SubmitAsync(stop.Locator("button[type=submit]"), "xung-dot", expectedStatus: 409);

        var message = await leader.AlertAsync();
        message.ShouldContain("Hồ sơ vừa được cập nhật sau khi bạn mở");
        message.ShouldContain("Cán bộ desk");
        message.ShouldContain("Chuyển hồ sơ đến Văn phòng HĐND và UBND phường Một");
        (await leader.StatusAsync()).ShouldBe("Đang xử lý");
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == received.Id).Select(d => d.Status).SingleAsync())).ShouldBe(DossierStatus.InProgress);

        // Having read what changed, the leader still decides to stop: now on the fresh page, with Form 05.
        var again = await leader.ActionAsync("Dừng xử lý");
        await again.GetByLabel("Lý do dừng xử lý").FillAsync("Người dân đề nghị dừng.");
        await leader.SubmitAsync(again.Locator("button[type=submit]"), "da-dung-xu-ly");
        (await leader.StatusAsync()).ShouldBe("Dừng xử lý");
        await leader.SubmitAsync(leader.Page.GetByRole(AriaRole.Link, new() { Name = "Mẫu 05: Thông báo dừng giải quyết hồ sơ" }), "mau-05");
        (await leader.Page.Locator("h1.form-title").InnerTextAsync()).ShouldBe("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
        (await leader.BodyTextAsync()).ShouldContain("Người dân đề nghị dừng.");
    }
}
