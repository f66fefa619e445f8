using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Features.Ratings;

/// <summary>Đánh giá mức độ hài lòng on the citizen's dossier page, and what the office sees of it.</summary>
public sealed class RatingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rate_BeforeTheReturn_IsRefused_AndNothingIsSaved()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Bạch Thị Vội", "001190000601", "0912340601");
        var dossier = await SubmitAsync(app, world, me);
        await ReceiveAsync(app, dossier.Id);
        var citizen = await SignInAsync(app, me);
        (await citizen.GetPageAsync(Url(dossier.Code!))).QuerySelector("form[action*='handler=Rate']").ShouldBeNull();

        var response = await PostActionAsync(citizen, dossier.Code!, "Rate", new() { ["liked"] = "true", ["score"] = "5" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent.ShouldBe("Chỉ đánh giá được hồ sơ đã trả kết quả.");
        (await app.WithDbAsync(db => db.SatisfactionRatings.AnyAsync(r => r.DossierId == dossier.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Rate_AfterTheReturn_IsSavedShownAndChangeable_AndTheOfficeSeesIt()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Lạc Văn Góp Ý", "001190000602", "0912340602");
        var dossier = await SubmitAsync(app, world, me);
        await ToReturnedAsync(app, world, dossier.Id);
        var citizen = await SignInAsync(app, me);
        var list = await citizen.GetPageAsync("/ho-so-cua-toi");
        list.QuerySelector($"a[href='/ho-so-cua-toi/{dossier.Code}#danh-gia']")!.TextContent.ShouldBe("Đánh giá mức độ hài lòng");
        var form = (await citizen.GetPageAsync(Url(dossier.Code!))).QuerySelector("form[action*='handler=Rate']")!;
        // One question: the score, from which the like/dislike is read.
        form.QuerySelectorAll("fieldset").Length.ShouldBe(1);
        form.QuerySelector("input[name=liked]").ShouldBeNull();
        form.QuerySelectorAll("input[name=score]").Length.ShouldBe(5);
        TextOf(form.QuerySelector("input[name=score][value='1']")!.ParentElement).ShouldBe("1 – Rất không hài lòng");

        var first = await PostActionAsync(citizen, dossier.Code!, "Rate", new() { ["liked"] = "false", ["score"] = "2", ["comment"] = "Phải chờ lâu" });

        first.ShouldRedirectTo(Url(dossier.Code!));
        var saved = await app.WithDbAsync(db => db.SatisfactionRatings.AsNoTracking().SingleAsync(r => r.DossierId == dossier.Id));
        (saved.Liked, saved.Score, saved.Comment, saved.AccountId, saved.RatedAtUtc, saved.ChangedAtUtc)
            .ShouldBe((false, 2, "Phải chờ lâu", (Guid?)me.AccountId, TestClock.Vn(2026, 11, 17, 9, 0), (DateTime?)null));
        var page = await citizen.GetPageAsync(Url(dossier.Code!));
        TextOf(page.QuerySelector("#danh-gia p")).ShouldStartWith("Bạn đã đánh giá: 2/5 (Không hài lòng): “Phải chờ lâu”");
        page.QuerySelector("input[name=score][value='2']")!.HasAttribute("checked").ShouldBeTrue();
        (await citizen.GetPageAsync("/ho-so-cua-toi")).QuerySelector($"a[href='/ho-so-cua-toi/{dossier.Code}#danh-gia']").ShouldBeNull();

        var start = app.Clock.GetUtcNow().UtcDateTime;
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(2));
            var second = await PostActionAsync(citizen, dossier.Code!, "Rate", new() { ["liked"] = "true", ["score"] = "5", ["comment"] = "" });
            second.ShouldRedirectTo(Url(dossier.Code!));
        }
        finally
        {
            app.Clock.Set(start);
        }
        var changed = await app.WithDbAsync(db => db.SatisfactionRatings.AsNoTracking().Where(r => r.DossierId == dossier.Id).ToListAsync());
        var rating = changed.ShouldHaveSingleItem();
        (rating.Id, rating.Liked, rating.Score, rating.Comment, rating.ChangedAtUtc)
            .ShouldBe((saved.Id, true, 5, (string?)null, (DateTime?)TestClock.Vn(2026, 11, 17, 11, 0)));

        var office = await OfficeClient.SignInAsync(app, "desk");
        var officePage = await office.GetPageAsync($"/office/dossiers/{dossier.Id}");
        var facts = Facts(officePage.QuerySelector("section[aria-labelledby='rating-heading']"));
        (facts["Mức độ hài lòng"], facts["Góp ý"], facts["Thời điểm"]).ShouldBe(("Hài lòng, 5/5", "—", "11:00 17/11/2026 (đã thay đổi)"));
    }

    [Fact]
    public async Task Rate_WithoutAScore_IsRefused_AndKeepsWhatWasTyped()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Âu Thị Quên Sao", "001190000603", "0912340603");
        var dossier = await SubmitAsync(app, world, me);
        await ToReturnedAsync(app, world, dossier.Id);
        var citizen = await SignInAsync(app, me);

        var response = await PostActionAsync(citizen, dossier.Code!, "Rate", new() { ["liked"] = "true", ["comment"] = "Nhanh gọn" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await ParseAsync(response);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldBe("Hãy chọn mức đánh giá từ 1 đến 5 sao.");
        page.QuerySelector("textarea#rating-comment")!.TextContent.ShouldBe("Nhanh gọn");
        (await app.WithDbAsync(db => db.SatisfactionRatings.AnyAsync(r => r.DossierId == dossier.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task AssistedSubmission_ShowsWhoSubmittedOnTheApplicantsBehalf_ToTheApplicantAndTheOffice()
    {
        var world = await app.SeedWorldAsync();
        var me = await CitizenAsync(app, "Kim Thị Được Giúp", "001190000604", "0912340604");
        var dossier = await app.WithServiceAsync<SubmitOnline.Handler, Dossier>(handler => handler.HandleAsync(
            new SubmitOnline.Request("1.004222", world.DeskId,
                new ApplicantInput(ApplicantKind.Person, me.FullName, me.IdNumber, me.Phone, null, null),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")], OnlineLevel.Full,
                Submission: new Dossier.OnlineSubmission(Guid.NewGuid(), me.AccountId, Assisted: true)),
            Actor.Applicant(world.HelperId, TestData.HelperName), Ct));

        var mine = await (await SignInAsync(app, me)).GetPageAsync(Url(dossier.Code!));
        Facts(mine.QuerySelector("section[aria-labelledby='general-heading']"))["Nộp thay bởi"]
            .ShouldBe($"{TestData.HelperName} (Tổ công nghệ số cộng đồng)");
        var office = await (await OfficeClient.SignInAsync(app, "desk")).GetPageAsync($"/office/dossiers/{dossier.Id}");
        Facts(office.QuerySelector("section[aria-labelledby='general-heading']"))["Nộp thay bởi"]
            .ShouldBe($"{TestData.HelperName} (Tổ công nghệ số cộng đồng)");
    }
}
