using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Browser;

/// <summary>Journey (d): the desk refuses a dossier that cannot be received and prints Form 03.</summary>
[Collection(BrowserTests.Name)]
public sealed class DeskRefusalJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Reason = "Bản chính xuất trình có dấu hiệu tẩy xóa, sửa chữa nội dung nên không được chứng thực bản sao.";

    [Fact]
    public async Task Refusal_AtTheDesk_PrintsForm03WithTheReason()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);

        var desk = await journey.SignInAsync("desk");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận hồ sơ", Exact = true }), "tiep-nhan-tai-quay");
        await desk.Page.GetByLabel("Tìm thủ tục theo mã hoặc tên").FillAsync("chung thuc ban sao");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }), "tim-thu-tuc");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Link, new() { Name = "Chọn thủ tục Chứng thực bản sao từ bản chính giấy tờ, văn bản", Exact = true }), "chon-thu-tuc");
        await desk.Page.GetByLabel("Số định danh cá nhân / mã số tổ chức").FillAsync("038088001234");
        await desk.Page.GetByLabel("Họ và tên (tên tổ chức)").FillAsync("Vũ Minh Đức");
        await desk.Page.GetByLabel("Lý do từ chối").FillAsync(Reason);
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Từ chối tiếp nhận", Exact = true }), "mau-03");

        desk.Path.ShouldStartWith("/office/forms/03/");
        (await desk.Page.Locator("h1.form-title").InnerTextAsync()).ShouldBe("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
        (await desk.Page.Locator(".applicant").InnerTextAsync()).ShouldBe("Vũ Minh Đức");
        (await desk.Page.Locator(".reason").InnerTextAsync()).ShouldBe(Reason);
        var id = desk.DossierIdFromUrl();

        await desk.GotoAsync($"/office/dossiers/{id}", "ho-so-bi-tu-choi");
        (await desk.StatusAsync()).ShouldBe("Không được tiếp nhận");
        string.Join("\n", await desk.HistoryAsync()).ShouldContain(Reason);
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id).Select(d => d.Status).SingleAsync())).ShouldBe(DossierStatus.Refused);
    }
}
