using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Feedback;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Browser;

/// <summary>Phản ánh, kiến nghị in the browser, across the New Year holiday (Friday 1/1/2027): a citizen sends feedback
/// from their dossier's page, the unit answers on time and publishes it, the citizen dislikes the answer; another item
/// is transferred and its clock restarts; a third is flagged late. The clock is set, never waited for.</summary>
[Collection(BrowserTests.Name)]
public sealed class FeedbackJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Citizen_SendsFromTheirDossier_UnitAnswersAndPublishesOnTime_CitizenDislikes_ATransferRestartsTheClock_ALateOneIsFlagged()
    {
        var world = await app.SeedWorldAsync();
        // Thursday 31/12/2026, the working day before the holiday.
        app.Clock.Set(TestClock.Vn(2026, 12, 31, 9, 0));
        var me = await CitizenAsync(app, "Phan Thị Góp Ý", "001190000901", "0912340901");
        var dossier = await SubmitAsync(app, world, me);
        var transferred = await app.FeedbackSentAsync("Thủ tục thuộc xã khác");
        var forgotten = await app.FeedbackSentAsync("Chưa ai trả lời");
        await using var journey = Journey.Start(app);

        // The citizen sends it from the dossier's page: the form is tied to the dossier.
        var citizen = await journey.OpenAsync("nguoi-dan", Journey.Phone);
        await citizen.SignInCitizenAsync(me.Phone);
        await citizen.GotoAsync($"/ho-so-cua-toi/{dossier.Code}", "ho-so");
        await citizen.SubmitAsync(citizen.Page.GetByRole(AriaRole.Link, new() { Name = "Gửi phản ánh, kiến nghị về hồ sơ này" }), "gui-phan-anh");
        (await citizen.Page.Locator("#dossier").InputValueAsync()).ShouldBe(dossier.Code);
        await citizen.Page.GetByLabel("Hành vi, thái độ của cán bộ, công chức").CheckAsync();
        await citizen.Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Cán bộ hẹn lại nhiều lần");
        await citizen.Page.GetByLabel("Nội dung", new() { Exact = true }).FillAsync("Tôi là Phan Thị Góp Ý, bị hẹn lại ba lần khi nộp hồ sơ.");
        await citizen.SubmitAsync(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi phản ánh, kiến nghị" }), "da-gui");
        // 15 working days: Friday 1/1 is a holiday, so the answer is due on Friday 22/1, not Thursday 21/1.
        (await citizen.NoticeAsync()).ShouldContain("hạn trả lời 09:00 22/01/2027");
        var followUrl = citizen.Page.Url;
        var item = await app.WithDbAsync(db => db.Set<FeedbackItem>().AsNoTracking().SingleAsync(f => f.DossierId == dossier.Id));

        // The unit answers on the second working day after the holiday, and publishes the answer.
        app.Clock.Set(TestClock.Vn(2027, 1, 5, 9, 0));
        var office = await journey.SignInAsync("stats");
        await office.GotoAsync("/office/feedback", "danh-sach");
        await office.SubmitAsync(office.Page.GetByRole(AriaRole.Link, new() { Name = item.Code, Exact = true }), "phan-anh");
        await office.Page.GetByLabel("Nội dung trả lời").FillAsync("Bà Phan Thị Góp Ý: đơn vị đã nhắc nhở cán bộ và xin lỗi bà.");
        await office.SubmitAsync(office.Page.Locator("#form-Answer").GetByRole(AriaRole.Button, new() { Name = "Trả lời" }), "da-tra-loi");
        await office.SubmitAsync(office.Page.Locator("#form-Publish").GetByRole(AriaRole.Button, new() { Name = "Công khai" }), "da-cong-khai");
        (await office.Page.Locator("#status").InnerTextAsync()).ShouldBe("Đã công khai");

        await citizen.GotoAsync("/phan-anh/cong-khai?q=hen lai nhieu lan", "cong-khai");
        var published = citizen.Page.Locator($"article[id='{item.Code}']");
        (await published.InnerTextAsync()).ShouldContain("đơn vị đã nhắc nhở cán bộ");
        (await published.InnerTextAsync()).ShouldNotContain("Góp Ý");

        // The citizen dislikes the answer: it counts against the unit's satisfaction (5.3).
        await citizen.GotoAsync(followUrl, "theo-doi");
        await citizen.SubmitAsync(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Không hài lòng" }), "khong-hai-long");
        (await citizen.NoticeAsync()).ShouldBe("Cảm ơn bạn đã đánh giá: Không hài lòng.");
        await office.GotoAsync($"/office/feedback/{item.Id}", "da-danh-gia");
        (await office.Page.Locator("#sender-rating").InnerTextAsync()).ShouldBe("Không hài lòng");
        (await office.Page.Locator("#status").InnerTextAsync()).ShouldNotContain("Quá hạn");

        // Transferred on Wednesday 6/1 10:00 to Xã Hai: its 15 working days start again there (Wednesday 27/1 10:00).
        app.Clock.Set(TestClock.Vn(2027, 1, 6, 10, 0));
        var leader = await journey.SignInAsync("leader");
        await leader.GotoAsync($"/office/feedback/{transferred.Id}", "chuyen");
        (await leader.Page.Locator("#answer-due").InnerTextAsync()).ShouldBe("09:00 22/01/2027");
        var transfer = leader.Page.Locator("#form-Transfer");
        await transfer.GetByLabel("Cơ quan có thẩm quyền").SelectOptionAsync(new SelectOptionValue { Label = "Xã Hai" });
        await transfer.GetByLabel("Lý do chuyển").FillAsync("Thuộc thẩm quyền của Xã Hai.");
        await leader.SubmitAsync(transfer.GetByRole(AriaRole.Button, new() { Name = "Chuyển cơ quan có thẩm quyền" }), "da-chuyen");
        leader.Path.ShouldBe("/office/feedback");
        (await leader.NoticeAsync()).ShouldBe($"Đã chuyển {transferred.Code} đến Xã Hai.");
        var other = await journey.SignInAsync("desk.other");
        await other.GotoAsync($"/office/feedback/{transferred.Id}", "nhan-chuyen");
        (await other.Page.Locator("#answer-due").InnerTextAsync()).ShouldBe("10:00 27/01/2027");

        // Monday 25/1: the unanswered one is past its 22/1 deadline and flagged; the answered one is not.
        app.Clock.Set(TestClock.Vn(2027, 1, 25, 9, 0));
        // (The session of 5/1 has expired by now.)
        var monday = await journey.SignInAsync("stats");
        await monday.GotoAsync("/office/feedback?Late=true", "qua-han");
        var rows = monday.Page.Locator("table tbody tr");
        (await rows.Filter(new() { HasText = forgotten.Code }).InnerTextAsync()).ShouldContain("Quá hạn");
        (await rows.Filter(new() { HasText = item.Code }).CountAsync()).ShouldBe(0);
        (await rows.Filter(new() { HasText = transferred.Code }).CountAsync()).ShouldBe(0);
    }
}
