using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Features.Scorecard;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Features.Ratings;

/// <summary>SMS on (to a gateway that is not there: the messages are queued, which is what is looked at).</summary>
public sealed class RatingsSmsApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Sms:BaseUrl", "http://127.0.0.1:9/");
        builder.UseSetting("Notifications:Sms:ApiKey", "khoa-thu");
    }
}

/// <summary>Ratings from applicants without an account: through the link sent with the return, and on the desk's
/// screen; both count in indicator 5.4 as the portal's do. And every way of misusing them.</summary>
public sealed class RatingsFromEveryoneTests(RatingsSmsApp app) : IClassFixture<RatingsSmsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _people;

    private async Task<(Guid Id, string Code, string Phone)> ReturnedAtDeskAsync(bool returned = true)
    {
        var world = await app.SeedWorldAsync();
        var n = Interlocked.Increment(ref _people);
        var phone = $"09120099{n:00}";
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new OfficeDossiers.Applicant($"Người Nộp Quầy {n}", $"0790950099{n:00}", phone));
        if (returned) await ToReturnedFromReceivedAsync(app, world, received.Id);
        return (received.Id, received.Code, phone);
    }

    private Task<List<Notification>> MessagesAsync(Guid dossierId, string trigger) =>
        app.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.SubjectId == dossierId && n.Trigger == trigger).ToListAsync(Ct));

    private Task<SatisfactionRating?> RatingAsync(Guid dossierId) =>
        app.WithDbAsync(db => db.SatisfactionRatings.AsNoTracking().SingleOrDefaultAsync(r => r.DossierId == dossierId, Ct));

    private static string LinkIn(string sms)
    {
        var start = sms.IndexOf(RatingLinks.PagePath + "?t=", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, sms);
        return sms[start..].Split(' ')[0];
    }

    private static Dictionary<string, string> Answer(string score, string? comment = null) =>
        comment is null ? new() { ["Score"] = score } : new() { ["Score"] = score, ["Comment"] = comment };

    /// <summary>Posts as a page's form would, with an antiforgery token read earlier (the page may show no form by then).</summary>
    private static Task<HttpResponseMessage> PostAsync(OfficeClient client, string token, string url, Dictionary<string, string> fields) =>
        client.Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))), Ct);

    private static async Task<string> AlertAsync(HttpResponseMessage response) =>
        (await ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent ?? "";

    [Fact]
    public async Task ADeskApplicant_IsSentTheLinkWithTheReturn_RatesWithoutSignIn_MayChange_AndADislikeCountsIn54()
    {
        var (id, code, phone) = await ReturnedAtDeskAsync();

        var sms = (await MessagesAsync(id, SendRatingLink.Trigger)).ShouldHaveSingleItem();
        (sms.Channel, sms.Recipient).ShouldBe((NotificationChannel.Sms, phone));
        sms.Body.ShouldStartWith($"Ho so {code} da duoc tra ket qua. Moi Ong/Ba danh gia muc do hai long tai http");
        var link = LinkIn(sms.Body);
        var visitor = await OfficeClient.AnonymousAsync(app);
        var page = await visitor.GetPageAsync(link);
        page.QuerySelector("#dossier-code")!.TextContent.ShouldBe(code);
        page.QuerySelector("nav a[href='/ho-so-cua-toi']").ShouldBeNull();
        var form = page.QuerySelector("form.rating")!;
        form.QuerySelectorAll("fieldset").Length.ShouldBe(1);
        form.QuerySelectorAll("input[name=Score]").Length.ShouldBe(5);

        var first = await visitor.PostFormAsync(link, link, Answer("2", "Phải chờ lâu"));

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, await first.Content.ReadAsStringAsync(Ct));
        var saved = (await RatingAsync(id))!;
        (saved.Liked, saved.Score, saved.Comment, saved.AccountId, saved.ChangedAtUtc).ShouldBe((false, 2, "Phải chờ lâu", (Guid?)null, (DateTime?)null));
        (await visitor.GetPageAsync(link)).QuerySelector("#rated")!.TextContent.ShouldContain("2/5");

        var card = await (await OfficeClient.SignInAsync(app, "admin")).Http.GetFromJsonAsync<ListLostPoints.Result>(
            "/api/scorecard/lost?unit=000.00.41.H98&from=2026-11-01&to=2026-11-30&indicator=5.4", TestJson.Options, Ct);
        card!.Items.ShouldContain(i => i.Code == code && i.Reasons.Contains(DossierRules.DislikedOrFeedback));

        // The holder of the link may change their mind, as a citizen with an account may: one row, the latest counts.
        app.Clock.Advance(TimeSpan.FromHours(1));
        try
        {
            (await visitor.PostFormAsync(link, link, Answer("4"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromHours(-1));
        }
        var changed = await app.WithDbAsync(db => db.SatisfactionRatings.AsNoTracking().Where(r => r.DossierId == id).ToListAsync(Ct));
        (changed.ShouldHaveSingleItem().Id, changed[0].Liked, changed[0].Score, changed[0].Comment).ShouldBe((saved.Id, true, 4, (string?)null));
        var after = await (await OfficeClient.SignInAsync(app, "admin")).Http.GetFromJsonAsync<ListLostPoints.Result>(
            "/api/scorecard/lost?unit=000.00.41.H98&from=2026-11-01&to=2026-11-30&indicator=5.4", TestJson.Options, Ct);
        after!.Items.ShouldNotContain(i => i.Code == code && i.Reasons.Contains(DossierRules.DislikedOrFeedback));
    }

    [Fact]
    public async Task ForgedAlteredForeignExpiredOrHugeLinks_AreRefusedInVietnamese_AndChangeNothing()
    {
        var (id, _, _) = await ReturnedAtDeskAsync();
        var link = LinkIn((await MessagesAsync(id, SendRatingLink.Trigger)).Single().Body);
        var token = Uri.UnescapeDataString(link[(RatingLinks.PagePath.Length + 3)..]);
        var visitor = await OfficeClient.AnonymousAsync(app);
        var payment = app.Services.GetRequiredService<PaymentLinks>().Create(id);
        var refusals = new Dictionary<string, string>
        {
            ["forged"] = "khong-phai-ma-that",
            ["altered"] = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..],
            // A payment link's token names the same dossier, under another purpose.
            ["payment link"] = payment,
            ["huge"] = new('A', 5000),
            ["missing"] = "",
        };
        foreach (var (what, bad) in refusals)
        {
            var url = $"{RatingLinks.PagePath}?t={Uri.EscapeDataString(bad)}";
            var get = await visitor.Http.GetAsync(url, Ct);
            get.StatusCode.ShouldBe(HttpStatusCode.NotFound, what);
            (await AlertAsync(get)).ShouldBe(RatingLinks.Invalid().Message, what);
            (await ParseAsync(get)).QuerySelector("form.rating").ShouldBeNull(what);
            // Posted with a real page's antiforgery token: refused all the same.
            var post = await visitor.PostFormAsync(link, url, Answer("1"));
            post.StatusCode.ShouldBe(HttpStatusCode.NotFound, what);
            (await AlertAsync(post)).ShouldBe(RatingLinks.Invalid().Message, what);
        }

        var huge = await visitor.PostFormAsync(link, link, Answer("1", new string('x', SatisfactionRating.MaxCommentLength + 1)));
        huge.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AlertAsync(huge)).ShouldBe($"Ý kiến góp ý tối đa {SatisfactionRating.MaxCommentLength} ký tự.");
        var noScore = await visitor.PostFormAsync(link, link, new() { ["Comment"] = "Không chọn" });
        (noScore.StatusCode, await AlertAsync(noScore)).ShouldBe((HttpStatusCode.UnprocessableEntity, "Hãy chọn mức đánh giá từ 1 đến 5 sao."));

        var antiforgery = TokenIn(await visitor.GetPageAsync(link));
        app.Clock.Advance(TimeSpan.FromDays(31));
        try
        {
            var expired = await PostAsync(visitor, antiforgery, link, Answer("1"));
            (expired.StatusCode, await AlertAsync(expired)).ShouldBe((HttpStatusCode.NotFound, RatingLinks.Invalid().Message));
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-31));
        }
        (await RatingAsync(id)).ShouldBeNull();

        // A link made for a dossier not yet returned rates nothing.
        var (open, _, _) = await ReturnedAtDeskAsync(returned: false);
        var early = app.Services.GetRequiredService<RatingLinks>().PathFor(open);
        (await visitor.GetPageAsync(early)).QuerySelector("form.rating").ShouldBeNull();
        var refused = await visitor.PostFormAsync(link, early, Answer("5"));
        (refused.StatusCode, await AlertAsync(refused)).ShouldBe((HttpStatusCode.UnprocessableEntity, "Chỉ đánh giá được hồ sơ đã trả kết quả."));
        (await RatingAsync(open)).ShouldBeNull();
    }

    [Fact]
    public async Task TwoPostsOfOneLinkAtOnce_LeaveOneRating()
    {
        var (id, _, _) = await ReturnedAtDeskAsync();
        var link = LinkIn((await MessagesAsync(id, SendRatingLink.Trigger)).Single().Body);
        var visitor = await OfficeClient.AnonymousAsync(app);
        var antiforgery = TokenIn(await visitor.GetPageAsync(link));

        var answers = await Task.WhenAll(PostAsync(visitor, antiforgery, link, Answer("1")), PostAsync(visitor, antiforgery, link, Answer("5")));

        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Redirect);
        var rows = await app.WithDbAsync(db => db.SatisfactionRatings.AsNoTracking().Where(r => r.DossierId == id).ToListAsync(Ct));
        rows.ShouldHaveSingleItem().Score.ShouldBeOneOf(1, 5);
    }

    [Fact]
    public async Task TheDesksScreen_TakesOneRatingWithoutSignIn_ThenThanks_IsLogged_AndNeverReplacesTheApplicantsOwn()
    {
        var (id, code, _) = await ReturnedAtDeskAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var button = (await desk.GetPageAsync($"/office/dossiers/{id}")).QuerySelector("#rate-at-desk")!;
        button.GetAttribute("target").ShouldBe("_blank");
        var screen = button.GetAttribute("href")!;
        screen.ShouldBe($"/office/dossiers/{id}/danh-gia-tai-quay");

        var page = await desk.GetPageAsync(screen);
        var antiforgery = TokenIn(page);
        // Nothing on the screen leads into the office: no menu, no link at all.
        page.QuerySelectorAll("a, nav").ShouldBeEmpty();
        page.QuerySelector("#dossier-code")!.TextContent.ShouldBe(code);
        page.QuerySelectorAll("form.rating fieldset").Length.ShouldBe(1);

        var rated = await desk.PostFormAsync(screen, screen, Answer("2", "Chờ hơi lâu"));

        rated.ShouldRedirectTo(screen);
        var thanks = await desk.GetPageAsync(screen);
        thanks.QuerySelector("#thanks")!.TextContent.ShouldBe("Xin cảm ơn Ông/Bà đã đánh giá!");
        thanks.QuerySelector("form").ShouldBeNull();
        thanks.QuerySelectorAll("a, nav").ShouldBeEmpty();
        var saved = (await RatingAsync(id))!;
        (saved.Liked, saved.Score, saved.Comment, saved.AccountId).ShouldBe((false, 2, "Chờ hơi lâu", (Guid?)null));
        var logged = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Kind == AuditKind.DeskRatingRecorded && e.SubjectId == id.ToString()).ToListAsync(Ct));
        (logged.ShouldHaveSingleItem().ActorName, logged[0].ActorRole).ShouldBe(("Cán bộ desk", "Cán bộ một cửa"));
        var lost = await (await OfficeClient.SignInAsync(app, "admin")).Http.GetFromJsonAsync<ListLostPoints.Result>(
            "/api/scorecard/lost?unit=000.00.41.H98&from=2026-11-01&to=2026-11-30&indicator=5.4", TestJson.Options, Ct);
        lost!.Items.ShouldContain(i => i.Code == code && i.Reasons.Contains(DossierRules.DislikedOrFeedback));
        var office = await desk.GetPageAsync($"/office/dossiers/{id}");
        office.QuerySelector("#rate-at-desk").ShouldBeNull();
        Facts(office.QuerySelector("section[aria-labelledby='rating-heading']"))["Mức độ hài lòng"].ShouldBe("Không hài lòng, 2/5");

        // Replayed (the back button, a second tap): the screen gives the first rating only.
        var replay = await PostAsync(desk, antiforgery, screen, Answer("5"));
        (replay.StatusCode, await AlertAsync(replay)).ShouldBe((HttpStatusCode.UnprocessableEntity, RatingWrites.AlreadyRated));
        (await RatingAsync(id))!.Score.ShouldBe(2);

        // The applicant's own link still changes it.
        var link = LinkIn((await MessagesAsync(id, SendRatingLink.Trigger)).Single().Body);
        var visitor = await OfficeClient.AnonymousAsync(app);
        (await visitor.PostFormAsync(link, link, Answer("4"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RatingAsync(id))!.Score.ShouldBe(4);
    }

    [Fact]
    public async Task TheDesksScreen_IsRefusedToAnonymousOtherUnitsOtherRolesOtherDaysAndOpenDossiers_AndTwoTapsAtOnceRateOnce()
    {
        var (id, _, _) = await ReturnedAtDeskAsync();
        var screen = $"/office/dossiers/{id}/danh-gia-tai-quay";
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var token = TokenIn(await desk.GetPageAsync(screen));

        var anonymous = await OfficeClient.AnonymousAsync(app);
        var anonymousGet = await anonymous.Http.GetAsync(screen, Ct);
        anonymousGet.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymousGet.Headers.Location!.OriginalString.ShouldContain("/office/login", Case.Insensitive);
        var anonymousPost = await PostAsync(anonymous, TokenIn(await anonymous.GetPageAsync("/office/login")), screen, Answer("5"));
        anonymousPost.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.BadRequest);

        var other = await OfficeClient.SignInAsync(app, "desk.other");
        var otherGet = await other.Http.GetAsync(screen, Ct);
        (otherGet.StatusCode, await AlertAsync(otherGet)).ShouldBe((HttpStatusCode.NotFound, "Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn."));
        (await PostAsync(other, TokenIn(await other.GetPageAsync("/office/dossiers")), screen, Answer("5"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var specialist = await OfficeClient.SignInAsync(app, "specialist");
        var specialistGet = await specialist.Http.GetAsync(screen, Ct);
        (specialistGet.StatusCode, await AlertAsync(specialistGet)).ShouldBe((HttpStatusCode.Forbidden, "Chỉ cán bộ một cửa mời người nộp đánh giá tại quầy."));
        (await PostAsync(specialist, TokenIn(await specialist.GetPageAsync("/office/dossiers")), screen, Answer("5"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (open, _, _) = await ReturnedAtDeskAsync(returned: false);
        var notReturned = await desk.Http.GetAsync($"/office/dossiers/{open}/danh-gia-tai-quay", Ct);
        (notReturned.StatusCode, await AlertAsync(notReturned)).ShouldBe((HttpStatusCode.UnprocessableEntity, "Chỉ mời đánh giá hồ sơ đã trả kết quả."));

        app.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            var nextDay = await PostAsync(desk, token, screen, Answer("5"));
            nextDay.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await AlertAsync(nextDay)).ShouldStartWith("Chỉ mời đánh giá tại quầy trong ngày trả kết quả.");
            (await desk.GetPageAsync($"/office/dossiers/{id}")).QuerySelector("#rate-at-desk").ShouldBeNull();
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-1));
        }
        (await RatingAsync(id)).ShouldBeNull();

        Task<HttpResponseMessage> Tap(string score) => desk.Http.PostAsync(screen,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Score"] = score, ["__RequestVerificationToken"] = token }), Ct);
        var taps = await Task.WhenAll(Tap("5"), Tap("1"));

        taps.Select(t => t.StatusCode).Order().ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.UnprocessableEntity]);
        await app.WithDbAsync(async db => (await db.SatisfactionRatings.CountAsync(r => r.DossierId == id, Ct)).ShouldBe(1));
    }
}
