using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.NationalPortal;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Browser;

/// <summary>The browser app connected to its own national-portal simulator (served by the same Kestrel), the jobs run by
/// the test after each step so that every status goes to the portal as its own record.</summary>
public sealed class NationalPortalBrowserApp : BrowserApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NationalPortal:BaseUrl", "/sandbox/dvcqg/");
        builder.UseSetting("NationalPortal:ClientId", "motcua-tinh");
        builder.UseSetting("NationalPortal:ClientSecret", "bi-mat-cua-tinh");
        builder.UseSetting("NationalPortal:Simulator:ClientId", "motcua-tinh");
        builder.UseSetting("NationalPortal:Simulator:ClientSecret", "bi-mat-cua-tinh");
        builder.UseSetting("NationalPortal:IntakeClientSecret", NationalPortalApp.IntakeSecret);
        builder.UseSetting("NationalPortal:Simulator:IntakeSecret", NationalPortalApp.IntakeSecret);
        builder.UseSetting("NationalPortal:FileLinkSecret", NationalPortalApp.FileLinkSecret);
    }

    /// <summary>Delivers what is due, and what waited for an older record of the same dossier.</summary>
    public async Task SyncAsync()
    {
        var runner = Services.GetRequiredService<JobRunner>();
        await runner.RunDueAsync(TestContext.Current.CancellationToken);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await runner.RunDueAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>Journey (national portal): a citizen submits on the (simulated) national portal; the desk finds the dossier in
/// its online-reception queue and receives it; it is processed and settled, the desk returns the result; the portal's page
/// shows every status it was sent, in order.</summary>
[Collection(BrowserTests.Name)]
public sealed partial class NationalPortalJourneyTests(NationalPortalBrowserApp app) : IClassFixture<NationalPortalBrowserApp>
{
    private const string Applicant = "Lý Thị Quốc Gia";

    [Fact]
    public async Task SubmittedOnTheNationalPortal_ReceivedProcessedAndReturnedInTheOffice_ThePortalShowsEveryStatusInOrder()
    {
        var world = await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);

        // On the national portal (its simulator's page), the citizen submits with the two papers.
        var portal = await journey.OpenAsync("cong-dvcqg", Journey.Phone);
        await portal.GotoAsync("/sandbox/dvcqg/", "cong-dvcqg");
        await portal.Page.GetByLabel("Mã thủ tục").FillAsync("1.004222");
        await portal.Page.GetByLabel("Mã định danh nơi nộp").FillAsync(NationalArrange.DeskCode);
        await portal.Page.GetByLabel("Chủ hồ sơ").FillAsync(Applicant);
        await portal.Page.GetByLabel("Số định danh").FillAsync("079196001234");
        await portal.Page.GetByLabel("Điện thoại").FillAsync("0911222333");
        await portal.Page.GetByLabel("Mã thành phần").FillAsync("TK,CHO_O");
        await portal.SubmitAsync(portal.Page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ" }), "da-nop-tren-cong");
        var submitted = await portal.Page.Locator("#submitted").InnerTextAsync();
        submitted.ShouldContain(": 201 ");
        var code = MaHoSo().Match(submitted).Groups[1].Value;
        var id = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());
        await app.SyncAsync();

        // The desk finds it in the online-reception queue, with its papers, and receives it.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var desk = await journey.SignInAsync("desk");
        var waiting = desk.Page.Locator("section[aria-labelledby=cho-tiep-nhan]");
        (await waiting.InnerTextAsync()).ShouldContain(Applicant);
        await desk.SubmitAsync(waiting.GetByRole(AriaRole.Link, new() { Name = "Kiểm tra, tiếp nhận hồ sơ " + code, Exact = true }), "kiem-tra-truc-tuyen");
        desk.Path.ShouldBe($"/office/reception/online/{id}");
        (await desk.BodyTextAsync()).ShouldContain("TK.pdf");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận", Exact = true }), "da-tiep-nhan");
        (await desk.Page.Locator(".alert.success").InnerTextAsync()).ShouldContain("Đã tiếp nhận hồ sơ " + code);
        await app.SyncAsync();

        // Processed by the department, the leader and the clerk (their pages have their own journey: desk to return).
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var s = await OfficeDossiers.ToAppraisalAsync(app, world, id);
        await app.SyncAsync();
        s = await OfficeDossiers.PostFileAsync(app, "specialist", $"/api/dossiers/{id}/draft", "file", "du-thao.pdf", ("revision", OfficeDossiers.Text(s.Revision)));
        s = await OfficeDossiers.PostAsync(app, "specialist", $"/api/dossiers/{id}/submit-for-approval", new { revision = s.Revision });
        s = await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{id}/approve", new { revision = s.Revision });
        await OfficeDossiers.PostFileAsync(app, "clerk", $"/api/dossiers/{id}/issue", "file", "ket-qua.pdf", ("number", "31/TB-UBND"), ("revision", OfficeDossiers.Text(s.Revision)));
        await app.SyncAsync();

        // Back at the desk: the fee is collected and the result returned.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await desk.GotoAsync($"/office/dossiers/{id}", "ho-so-cho-tra");
        var payment = await desk.ActionAsync("Thu phí, lệ phí");
        await payment.GetByLabel("Số biên lai / mã giao dịch").FillAsync("BL-DVCQG-01");
        await desk.SubmitAsync(payment.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận thu" }), "da-thu-phi");
        var giveBack = await desk.ActionAsync("Trả kết quả");
        await giveBack.GetByLabel("Họ tên người nhận").FillAsync(Applicant);
        await desk.SubmitAsync(giveBack.GetByRole(AriaRole.Button, new() { Name = "Trả kết quả" }), "da-tra-ket-qua");
        (await desk.StatusAsync()).ShouldBe("Đã trả kết quả");
        await app.SyncAsync();
        await desk.GotoAsync($"/office/dossiers/{id}", "da-dong-bo");
        (await desk.BodyTextAsync()).ShouldContain("Đã đồng bộ");

        // The national portal shows what it received for the dossier: every status, in order, each record kept.
        await portal.GotoAsync("/sandbox/dvcqg/", "cong-dvcqg-da-nhan");
        var section = portal.Page.Locator($"section.dossier[data-code='{code}']");
        var statuses = (await section.Locator("td.status").AllInnerTextsAsync()).Select(int.Parse).ToList();
        statuses.Where((s, i) => i == 0 || s != statuses[i - 1]).ShouldBe([1, 2, 4, 9, 10]);
        (await section.InnerTextAsync()).ShouldNotContain("Từ chối");
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == id));
        (stored.Status, stored.SyncState).ShouldBe((DossierStatus.Returned, SyncState.Synced));
    }

    [GeneratedRegex(@"""maHoSo""\s*:\s*""([^""]+)""")]
    private static partial Regex MaHoSo();
}
