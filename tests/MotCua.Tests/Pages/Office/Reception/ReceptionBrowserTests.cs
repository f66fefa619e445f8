using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Browser;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using static Microsoft.Playwright.Assertions;

namespace MotCua.Tests.Pages.Office.Reception;

/// <summary>The reception pages in Chromium: what only a browser shows (the live fee preview, the tablet layout,
/// the accessibility check on every page the journey opens).</summary>
[Collection(BrowserTests.Name)]
public sealed class ReceptionBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task FeePreview_WhenCopiesAndPagesChange_UpdatesWithoutAPost()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);
        var desk = await journey.SignInAsync("desk");
        await desk.GotoAsync("/office/reception/desk?procedure=2.000815", "chung-thuc");
        await Expect(desk.Page.Locator(".fee-total")).ToHaveTextAsync("2.000 ₫");

        await desk.Page.GetByLabel("Số bản", new() { Exact = true }).FillAsync("2");
        await desk.Page.GetByLabel("Số trang mỗi bản", new() { Exact = true }).FillAsync("4");

        // 2 pages at 2.000 ₫ and 2 at 1.000 ₫, for each of 2 copies.
        await Expect(desk.Page.Locator(".fee-total")).ToHaveTextAsync("12.000 ₫");
        await desk.AtTabletAsync("chung-thuc");
    }

    [Fact]
    public async Task OnlineReception_CheckedOnATabletThenReceived_OffersTheReceipt()
    {
        var world = await app.SeedWorldAsync();
        var dossier = await app.WithServiceAsync<SubmitOnline.Handler, Dossier>(h => h.HandleAsync(new SubmitOnline.Request(
                "1.004222", world.DeskId,
                new ApplicantInput(ApplicantKind.Person, "Lý Thị Ngọc", "079186000401", "0901234567", null, "Tổ 2, phường Một"),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")],
                FormData: """{"lyDo":"Về ở cùng gia đình"}"""),
            Actor.Applicant(null, "Lý Thị Ngọc"), TestContext.Current.CancellationToken));
        await using var journey = Journey.Start(app);
        var desk = await journey.SignInAsync("desk");

        await desk.GotoAsync($"/office/reception/online/{dossier.Id}", "kiem-tra-ho-so-truc-tuyen");
        await desk.AtTabletAsync("kiem-tra-ho-so-truc-tuyen");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận", Exact = true }), "da-tiep-nhan");

        await Expect(desk.Page.GetByRole(AriaRole.Link, new() { Name = "In Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)" }))
            .ToHaveAttributeAsync("href", $"/office/forms/01/{dossier.Id}");
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == dossier.Id).Select(d => d.Status).SingleAsync())).ShouldBe(DossierStatus.Received);
    }
}
