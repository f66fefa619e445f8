using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Feedback;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Feedback;

/// <summary>The journey through the pages, as a browser posts them: a citizen sends feedback about their dossier
/// on the portal, the unit answers it and publishes it from the office, the answer is on the public page with the
/// sender's name masked, and the citizen dislikes it. And the office pages' refusals.</summary>
public sealed class FeedbackPageTests(FeedbackApp app) : IClassFixture<FeedbackApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Steps =
        ["Tiếp nhận phản ánh, kiến nghị qua Cổng dịch vụ công", "Trả lời phản ánh, kiến nghị", "Công khai kết quả trả lời trên Cổng dịch vụ công"];

    [Fact]
    public async Task Citizen_SendsAboutTheirDossier_UnitAnswersAndPublishes_CitizenDislikes()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9, 0));
        var me = await CitizenAsync(app, "Phan Thị Trang Nghiêm", "001190000801", "0912340801");
        var dossier = await SubmitAsync(app, world, me);
        var citizen = await SignInAsync(app, me);
        (await citizen.GetPageAsync("/")).QuerySelector("nav a[href='/phan-anh']").ShouldNotBeNull();

        var sent = await citizen.PostFormAsync("/phan-anh", "/phan-anh", new()
        {
            ["Category"] = "OfficialConduct", ["Title"] = "Cán bộ tiếp nhận hẹn lại nhiều lần",
            ["Content"] = "Tôi là Phan Thị Trang Nghiêm, bị hẹn lại ba lần khi nộp hồ sơ.", ["hoso"] = dossier.Code!,
        });

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync(Ct));
        var follow = sent.Headers.Location!.OriginalString;
        var item = await app.WithDbAsync(db => db.Set<FeedbackItem>().AsNoTracking().SingleAsync(f => f.DossierId == dossier.Id, Ct));
        follow.ShouldStartWith($"/phan-anh/{item.Code}?key=");
        (await citizen.GetPageAsync($"/phan-anh/{item.Code}")).QuerySelector("#status")!.TextContent.ShouldBe("Đang xử lý");
        (await citizen.GetPageAsync("/phan-anh")).QuerySelector($"#mine a[href='/phan-anh/{item.Code}']").ShouldNotBeNull();

        var office = await OfficeClient.SignInAsync(app, "stats");
        var list = await office.GetPageAsync("/office/feedback");
        list.QuerySelector($"#feedback-list a[href='/office/feedback/{item.Id}']")!.TextContent.ShouldBe(item.Code);
        var page = $"/office/feedback/{item.Id}";
        var details = await office.GetPageAsync(page);
        details.QuerySelector("#dossier-rating")!.TextContent.ShouldBe("Chưa đánh giá");
        details.QuerySelector("#form-Publish").ShouldBeNull();
        app.Clock.Set(TestClock.Vn(2026, 11, 18, 9, 0));
        var answered = await office.PostFormAsync(page, $"{page}?op=Answer", new()
        {
            ["Revision"] = details.QuerySelector("#form-Answer input[name=Revision]")!.GetAttribute("value")!,
            ["Text"] = "Bà Phan Thị Trang Nghiêm: đơn vị đã nhắc nhở cán bộ và xin lỗi bà.",
        });
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answered.Content.ReadAsStringAsync(Ct));
        var afterAnswer = await office.GetPageAsync(page);
        afterAnswer.QuerySelector("#status")!.TextContent.ShouldBe("Đã trả lời");
        var published = await office.PostFormAsync(page, $"{page}?op=Publish", new()
        {
            ["Revision"] = afterAnswer.QuerySelector("#form-Publish input[name=Revision]")!.GetAttribute("value")!,
            ["PublishedTitle"] = "Cán bộ tiếp nhận hẹn lại nhiều lần",
        });
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await office.GetPageAsync(page)).QuerySelectorAll("#history tbody tr").Select(r => r.Children[4].TextContent).ShouldBe(Steps);

        var board = await (await OfficeClient.AnonymousAsync(app)).GetPageAsync("/phan-anh/cong-khai?q=hen lai nhieu lan");
        var article = board.QuerySelector($"article[id='{item.Code}']")!;
        article.TextContent.ShouldContain("đơn vị đã nhắc nhở cán bộ");
        article.TextContent.ShouldNotContain("Trang Nghiêm");

        app.Clock.Set(TestClock.Vn(2026, 11, 19, 9, 0));
        var rated = await citizen.PostFormAsync(follow, $"/phan-anh/{item.Code}?handler=Rate", new() { ["Liked"] = "false" });
        rated.StatusCode.ShouldBe(HttpStatusCode.Redirect, await rated.Content.ReadAsStringAsync(Ct));
        (await app.WithDbAsync(db => db.Set<FeedbackItem>().AsNoTracking().SingleAsync(f => f.Id == item.Id, Ct))).SenderLiked.ShouldBe(false);
        (await office.GetPageAsync(page)).QuerySelector("#sender-rating")!.TextContent.ShouldBe("Không hài lòng");
    }

    [Fact]
    public async Task OfficePages_OfAnotherUnitOrWithoutTheRole_AreRefused_AndSomeoneElsesItemIsNotFoundOnThePortal()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9, 0));
        var anonymous = await OfficeClient.AnonymousAsync(app);
        var sent = await anonymous.PostFormAsync("/phan-anh", "/phan-anh", new()
        {
            ["Category"] = "RulesAndProcedures", ["Title"] = "Thủ tục rườm rà", ["Content"] = "Nội dung", ["SenderName"] = "Khách",
            ["SenderPhone"] = "0912340802", ["donvi"] = world.CommuneCode,
        });
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var item = await app.WithDbAsync(db => db.Set<FeedbackItem>().AsNoTracking().SingleAsync(f => f.SenderPhone == "0912340802", Ct));

        var noContact = await anonymous.PostFormAsync("/phan-anh", "/phan-anh", new()
        {
            ["Category"] = "RulesAndProcedures", ["Title"] = "T", ["Content"] = "N", ["SenderName"] = "Khách", ["donvi"] = world.CommuneCode,
        });
        noContact.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(noContact)).QuerySelector("[role=alert]")!.TextContent.ShouldStartWith("Hãy cho biết ít nhất một cách liên hệ");

        var other = await OfficeClient.SignInAsync(app, "desk.other");
        (await other.Http.GetAsync($"/office/feedback/{item.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var clerk = await OfficeClient.SignInAsync(app, "clerk");
        (await clerk.Http.GetAsync("/office/feedback", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var deskPage = await desk.GetPageAsync($"/office/feedback/{item.Id}");
        deskPage.QuerySelector("#form-Answer").ShouldBeNull();
        var refused = await desk.PostFormAsync($"/office/feedback/{item.Id}", $"/office/feedback/{item.Id}?op=Answer", new() { ["Text"] = "Trả lời" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        (await citizen.Http.GetAsync($"/phan-anh/{item.Code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.Set<FeedbackItem>().AsNoTracking().SingleAsync(f => f.Id == item.Id, Ct))).Status.ShouldBe(FeedbackStatus.Received);
    }
}
