using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Feedback;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Infrastructure.Jobs;
using static MotCua.Tests.Pages.Portal.Tracking.TrackingArrange;

namespace MotCua.Tests.Feedback;

/// <summary>The app with e-mail configured (its server refuses: only what is queued is asserted), so that the senders'
/// notices and the officials' reminders are written.</summary>
public sealed class FeedbackApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:Port", "9");
        builder.UseSetting("Notifications:Smtp:From", "motcua@phuongmot.example.vn");
        builder.UseSetting("Notifications:Smtp:StartTls", "false");
        // The tests run the reminders themselves, at the instants they set.
        builder.UseSetting($"Jobs:Recurring:{FeedbackReminders.Name}", "off");
    }
}

/// <summary>Phản ánh, kiến nghị over HTTP: the deadlines of kpi-766 group 5 in working days across the 1/1 holiday, the
/// lifecycle's refusals, publication with personal data masked, the sender's side, reminders and group 5's figures.
/// Each test sets the clock it needs; the items of one test are told apart by their ids.</summary>
public sealed class FeedbackTests(FeedbackApp app) : IClassFixture<FeedbackApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Thursday 31/12/2026, the working day before the New Year holiday (Friday 1/1/2027).
    private static readonly DateTime BeforeNewYear = TestClock.Vn(2026, 12, 31, 9, 0);

    private static object Item(string unit, string title = "Giấy tờ không có trong quy định", string? phone = "0912000001", string? previous = null,
        string content = "Khi làm thủ tục đăng ký thường trú, cán bộ yêu cầu nộp thêm giấy xác nhận không có trong quy định.") =>
        new { category = "RulesAndProcedures", title, content, senderName = "Trần Văn Góp", senderPhone = phone, senderEmail = "gop@example.vn", unit, raisedAgainCode = previous };

    private async Task<ReceiveFeedback.Receipt> SendAsync(DateTime atUtc, object body, HttpClient? client = null)
    {
        app.Clock.Set(atUtc);
        using var response = await (client ?? app.CreateClient()).PostAsJsonAsync("/api/feedback", body, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ReceiveFeedback.Receipt>(TestJson.Options, Ct))!;
    }

    private async Task<HttpResponseMessage> ActAsync(string user, Guid id, string action, object body, DateTime atUtc)
    {
        app.Clock.Set(atUtc);
        var client = await app.ClientAsAsync(user);
        return await client.PostAsJsonAsync($"/api/feedback/{id}/{action}", body, Ct);
    }

    private async Task OkAsync(string user, Guid id, string action, object body, DateTime atUtc)
    {
        using var response = await ActAsync(user, id, action, body, atUtc);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    private Task<FeedbackItem> StoredAsync(Guid id) =>
        app.WithDbAsync(db => db.Set<FeedbackItem>().AsNoTracking().SingleAsync(f => f.Id == id, Ct));

    private Task<int> CountAsync() => app.WithDbAsync(db => db.Set<FeedbackItem>().CountAsync(Ct));

    // ---------------------------------------------------------------- deadlines in working days

    [Fact]
    public async Task Receive_BeforeTheNewYearHoliday_CountsItsDeadlinesInWorkingDays()
    {
        var world = await app.SeedWorldAsync();

        var receipt = await SendAsync(BeforeNewYear, Item(world.CommuneCode));

        var item = await StoredAsync(receipt.Id);
        // Fri 1/1 is a holiday and 2–3/1 a weekend: 2 working days end on Tuesday 5/1, 5 on Friday 8/1, 15 on Friday 22/1.
        (item.RefuseDueUtc, item.FirstInfoRequestDueUtc, item.AnswerDueUtc)
            .ShouldBe((TestClock.Vn(2027, 1, 5, 9, 0), TestClock.Vn(2027, 1, 8, 9, 0), TestClock.Vn(2027, 1, 22, 9, 0)));
        (item.Status, item.Channel, item.UnitId, item.ClockStartUtc).ShouldBe((FeedbackStatus.Received, FeedbackChannel.Portal, world.CommuneId, BeforeNewYear));
        receipt.AnswerDue.ShouldBe("09:00 22/01/2027");
        var history = await app.WithDbAsync(db => db.Set<FeedbackEvent>().AsNoTracking().Where(e => e.FeedbackId == receipt.Id).ToListAsync(Ct));
        history.ShouldHaveSingleItem().Operation.ShouldBe(FeedbackOperation.Receive);
    }

    [Fact]
    public async Task Refuse_ByTheSecondWorkingDayAfterTheHoliday_IsOnTime_AndAfterItLate()
    {
        var world = await app.SeedWorldAsync();
        var onTime = await SendAsync(BeforeNewYear, Item(world.CommuneCode));
        var late = await SendAsync(BeforeNewYear, Item(world.CommuneCode));

        await OkAsync("stats", onTime.Id, "refuse", new { text = "Nội dung là khiếu nại, đề nghị gửi theo Luật Khiếu nại." }, TestClock.Vn(2027, 1, 5, 9, 0));
        await OkAsync("stats", late.Id, "refuse", new { text = "Nội dung là khiếu nại." }, TestClock.Vn(2027, 1, 5, 9, 1));

        var first = await StoredAsync(onTime.Id);
        (first.Status, first.RefusedAtUtc, first.MissedDeadlineAtUtc).ShouldBe((FeedbackStatus.Refused, (DateTime?)TestClock.Vn(2027, 1, 5, 9, 0), (DateTime?)null));
        (await StoredAsync(late.Id)).MissedDeadlineAtUtc.ShouldBe(TestClock.Vn(2027, 1, 5, 9, 1));
    }

    [Fact]
    public async Task FirstInfoRequest_ByTheFifthWorkingDay_IsOnTime_AndAfterItLate()
    {
        var world = await app.SeedWorldAsync();
        var onTime = await SendAsync(BeforeNewYear, Item(world.CommuneCode));
        var late = await SendAsync(BeforeNewYear, Item(world.CommuneCode));

        await OkAsync("specialist", onTime.Id, "request-info", new { text = "Đề nghị cho biết ngày làm thủ tục." }, TestClock.Vn(2027, 1, 8, 9, 0));
        await OkAsync("specialist", late.Id, "request-info", new { text = "Đề nghị cho biết ngày làm thủ tục." }, TestClock.Vn(2027, 1, 11, 8, 0));

        var first = await StoredAsync(onTime.Id);
        (first.Status, first.FirstInfoRequestedAtUtc, first.MissedDeadlineAtUtc)
            .ShouldBe((FeedbackStatus.InfoRequested, (DateTime?)TestClock.Vn(2027, 1, 8, 9, 0), (DateTime?)null));
        (await StoredAsync(late.Id)).MissedDeadlineAtUtc.ShouldBe(TestClock.Vn(2027, 1, 11, 8, 0));
        // The sender's notice of the request is queued with it.
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.SubjectId == onTime.Id && n.Trigger == "FeedbackRequestInfo", Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Transfer_RestartsTheClockAtTheTransfer_AndTheItemLeavesTheFirstUnit()
    {
        var world = await app.SeedWorldAsync();
        var receipt = await SendAsync(BeforeNewYear, Item(world.CommuneCode));

        await OkAsync("leader", receipt.Id, "transfer", new { unit = world.OtherCommuneCode, text = "Thuộc thẩm quyền của Xã Hai." }, TestClock.Vn(2027, 1, 6, 10, 0));

        var item = await StoredAsync(receipt.Id);
        // 15 working days from Wednesday 6/1 10:00, not from the reception: Wednesday 27/1 10:00.
        (item.UnitId, item.ClockStartUtc, item.AnswerDueUtc, item.RefuseDueUtc, item.TransferCount, item.Status)
            .ShouldBe((world.OtherCommuneId, TestClock.Vn(2027, 1, 6, 10, 0), TestClock.Vn(2027, 1, 27, 10, 0), TestClock.Vn(2027, 1, 8, 10, 0), 1, FeedbackStatus.Received));
        var first = await app.ClientAsAsync("stats");
        (await first.GetAsync($"/api/feedback/{receipt.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var second = await app.ClientAsAsync("desk.other");
        var view = await second.GetFromJsonAsync<OfficeFeedback.Item>($"/api/feedback/{receipt.Id}", TestJson.Options, Ct);
        view!.History.Select(h => (h.Who, h.Role, h.Unit)).Last().ShouldBe(("Cán bộ leader", "Lãnh đạo", "Phường Một"));
    }

    [Fact]
    public async Task Answer_AfterFifteenWorkingDays_IsLate_AndPublishingWithinTwoAfterIt_IsOnTime()
    {
        var world = await app.SeedWorldAsync();
        var onTime = await SendAsync(BeforeNewYear, Item(world.CommuneCode));
        var late = await SendAsync(BeforeNewYear, Item(world.CommuneCode));
        var pending = await SendAsync(BeforeNewYear, Item(world.CommuneCode));

        await OkAsync("stats", onTime.Id, "answer", new { text = "Giấy xác nhận không phải thành phần hồ sơ; đơn vị đã chấn chỉnh." }, TestClock.Vn(2026, 12, 31, 14, 0));
        await OkAsync("stats", late.Id, "answer", new { text = "Đã chấn chỉnh." }, TestClock.Vn(2027, 1, 22, 9, 1));

        var answered = await StoredAsync(onTime.Id);
        // Publication within 2 working days of the answer: Tuesday 5/1 14:00.
        (answered.Status, answered.PublishDueUtc, answered.MissedDeadlineAtUtc).ShouldBe((FeedbackStatus.Answered, (DateTime?)TestClock.Vn(2027, 1, 5, 14, 0), (DateTime?)null));
        (await StoredAsync(late.Id)).MissedDeadlineAtUtc.ShouldBe(TestClock.Vn(2027, 1, 22, 9, 1));

        await OkAsync("stats", onTime.Id, "publish", new { }, TestClock.Vn(2027, 1, 5, 14, 0));
        (await StoredAsync(onTime.Id)).MissedDeadlineAtUtc.ShouldBeNull();

        // The office's list flags the late answer and the unanswered item past its deadline, not the one handled on time.
        app.Clock.Set(TestClock.Vn(2027, 1, 22, 10, 0));
        var office = await app.ClientAsAsync("stats");
        var list = await office.GetFromJsonAsync<OfficeFeedback.ListResult>("/api/feedback?late=true", TestJson.Options, Ct);
        list!.Items.Select(i => i.Id).ShouldContain(late.Id);
        list.Items.Select(i => i.Id).ShouldContain(pending.Id);
        list.Items.Select(i => i.Id).ShouldNotContain(onTime.Id);
    }

    // ---------------------------------------------------------------- who may act

    [Fact]
    public async Task Act_ByAnotherUnitAWrongRoleACitizenOrAnonymous_IsRefused_AndChangesNothing()
    {
        var world = await app.SeedWorldAsync();
        var receipt = await SendAsync(TestClock.Vn(2026, 11, 17, 9, 0), Item(world.CommuneCode));
        var before = await StoredAsync(receipt.Id);
        var answer = new { revision = before.Revision, text = "Trả lời" };

        (await app.CreateClient().PostAsJsonAsync($"/api/feedback/{receipt.Id}/answer", answer, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        (await citizen.Http.PostAsJsonAsync($"/api/feedback/{receipt.Id}/answer", answer, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await citizen.Http.GetAsync($"/api/feedback/{receipt.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var desk = await ActAsync("desk", receipt.Id, "answer", answer, TestClock.Vn(2026, 11, 17, 10, 0)))
        {
            desk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await desk.Content.ReadAsStringAsync(Ct)).ShouldContain("Bạn không có vai trò để trả lời");
        }
        var clerk = await app.ClientAsAsync("clerk");
        (await clerk.GetAsync("/api/feedback", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.GetAsync($"/api/feedback/{receipt.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var other = await ActAsync("desk.other", receipt.Id, "provide-info", new { text = "Thông tin" }, TestClock.Vn(2026, 11, 17, 10, 0)))
            other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var otherClient = await app.ClientAsAsync("desk.other");
        (await otherClient.GetAsync($"/api/feedback/{receipt.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherClient.GetFromJsonAsync<OfficeFeedback.ListResult>($"/api/feedback?q={receipt.Code}", TestJson.Options, Ct))!.Total.ShouldBe(0);
        // A step the status does not allow: publishing before an answer.
        using (var early = await ActAsync("stats", receipt.Id, "publish", new { }, TestClock.Vn(2026, 11, 17, 10, 0)))
            early.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var after = await StoredAsync(receipt.Id);
        (after.Revision, after.Status, after.Answer).ShouldBe((before.Revision, FeedbackStatus.Received, (string?)null));
    }

    [Fact]
    public async Task TwoAnswersAtOnce_OneIsSaved_TheOtherIs409()
    {
        var world = await app.SeedWorldAsync();
        var receipt = await SendAsync(TestClock.Vn(2026, 11, 17, 9, 0), Item(world.CommuneCode));
        var revision = (await StoredAsync(receipt.Id)).Revision;
        var stats = await app.ClientAsAsync("stats");
        var leader = await app.ClientAsAsync("leader");

        var responses = await Task.WhenAll(
            stats.PostAsJsonAsync($"/api/feedback/{receipt.Id}/answer", new { revision, text = "Trả lời thứ nhất" }, Ct),
            leader.PostAsJsonAsync($"/api/feedback/{receipt.Id}/answer", new { revision, text = "Trả lời thứ hai" }, Ct));

        responses.Select(r => r.StatusCode).Order().ToArray().ShouldBe(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
        var answers = await app.WithDbAsync(db => db.Set<FeedbackEvent>().CountAsync(e => e.FeedbackId == receipt.Id && e.Operation == FeedbackOperation.Answer, Ct));
        answers.ShouldBe(1);
        (await StoredAsync(receipt.Id)).Revision.ShouldBe(revision + 1);
    }

    [Fact]
    public async Task Send_WithBadOrHugeInput_IsRefusedInVietnamese_AndSavesNothing()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9, 0));
        var anonymous = app.CreateClient();
        var before = await CountAsync();
        var cases = new (object Body, string Message)[]
        {
            (new { category = "RulesAndProcedures", title = "Tiêu đề", content = "Nội dung", senderName = "Ẩn danh", unit = world.CommuneCode },
                "Hãy cho biết ít nhất một cách liên hệ"),
            (new { category = "RulesAndProcedures", title = "Tiêu đề", content = new string('a', FeedbackItem.MaxContentLength + 1), senderName = "A", senderPhone = "0912000002", unit = world.CommuneCode },
                "tối đa 4000 ký tự"),
            (new { category = "RulesAndProcedures", title = "Tiêu đề", content = "Nội dung", senderName = "A", senderPhone = "12345", unit = world.CommuneCode },
                "Số điện thoại không hợp lệ"),
            (new { category = "RulesAndProcedures", title = "Tiêu đề", content = "Nội dung", senderName = "A", senderPhone = "0912000002", unit = "000.99.99.H98" },
                "Không tìm thấy cơ quan"),
            (new { category = "RulesAndProcedures", title = "Tiêu đề", content = "Nội dung", senderName = "A", senderPhone = "0912000002", dossierCode = "000.00.41.H98-261117-0001" },
                "Hãy đăng nhập để gắn phản ánh"),
            (new { title = "Tiêu đề", content = "Nội dung", senderName = "A", senderPhone = "0912000002", unit = world.CommuneCode },
                "Hãy chọn nhóm phản ánh"),
            (new { category = "RulesAndProcedures", title = "Tiêu đề", content = "Nội dung", senderName = "A", senderPhone = "0912000002", unit = world.CommuneCode, raisedAgainCode = "PAKN-000000-XXXXXX" },
                "Không tìm thấy phản ánh, kiến nghị PAKN-000000-XXXXXX"),
        };
        foreach (var (body, message) in cases)
        {
            using var response = await anonymous.PostAsJsonAsync("/api/feedback", body, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync(Ct));
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!.ShouldContain(message);
        }
        using (var huge = await anonymous.PostAsJsonAsync("/api/feedback",
                   new { category = "RulesAndProcedures", title = "T", content = new string('a', 300_000), senderName = "A", senderPhone = "0912000002", unit = world.CommuneCode }, Ct))
            ((int)huge.StatusCode).ShouldBeInRange(400, 499);

        (await CountAsync()).ShouldBe(before);
    }

    // ---------------------------------------------------------------- attachments through the API

    private static MultipartFormDataContent WithFiles(object? item, params (string Part, string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        if (item is not null) form.Add(new StringContent(JsonSerializer.Serialize(item), System.Text.Encoding.UTF8, "application/json"), FeedbackEndpoints.FeedbackPart);
        foreach (var (part, name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new("application/pdf");
            form.Add(content, part, name);
        }
        return form;
    }

    [Fact]
    public async Task Send_WithAttachmentsThroughTheApi_KeepsThem_AndRefusesFakeTooManyTooLargeOrMisnamedFiles()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9, 0));
        var anonymous = app.CreateClient();
        var item = Item(world.CommuneCode, title: "Tệp đính kèm qua API");
        var before = await CountAsync();
        var refusals = new (MultipartFormDataContent Form, HttpStatusCode Status, string Message)[]
        {
            (WithFiles(item, ("files", "gia.pdf", "không phải PDF"u8.ToArray())), HttpStatusCode.UnprocessableEntity, "gia.pdf"),
            (WithFiles(item, [.. Enumerable.Range(1, ReceiveFeedback.MaxFiles + 1).Select(i => ("files", $"trang-{i}.pdf", TestPdf.OnePage))]),
                HttpStatusCode.UnprocessableEntity, $"tối đa {ReceiveFeedback.MaxFiles} tệp"),
            (WithFiles(item, ("files", "lon.pdf", TestPdf.Create(padding: 11 * 1024 * 1024))), HttpStatusCode.UnprocessableEntity, "vượt quá giới hạn 10 MB"),
            (WithFiles(item, ("tep", "don.pdf", TestPdf.OnePage)), HttpStatusCode.BadRequest, "phải được gửi trong phần tên"),
            (WithFiles(null, ("files", "don.pdf", TestPdf.OnePage)), HttpStatusCode.BadRequest, "một phần duy nhất chứa phản ánh dạng JSON"),
        };
        foreach (var (form, status, message) in refusals)
        {
            using var refused = await anonymous.PostAsync("/api/feedback", form, Ct);
            var body = await refused.Content.ReadAsStringAsync(Ct);
            refused.StatusCode.ShouldBe(status, body);
            body.ShouldContain(message);
        }
        (await CountAsync()).ShouldBe(before);

        using var sent = await anonymous.PostAsync("/api/feedback", WithFiles(item, ("files", "don.pdf", TestPdf.OnePage), ("files", "anh.pdf", TestPdf.OnePage)), Ct);

        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync(Ct));
        var receipt = (await sent.Content.ReadFromJsonAsync<ReceiveFeedback.Receipt>(TestJson.Options, Ct))!;
        var stored = await app.WithDbAsync(db => db.Set<FeedbackItem>().AsNoTracking().Include(f => f.Attachments).SingleAsync(f => f.Id == receipt.Id, Ct));
        (stored.Title, stored.Attachments.Count).ShouldBe(("Tệp đính kèm qua API", 2));
    }

    // ---------------------------------------------------------------- the sender

    [Fact]
    public async Task Citizen_SendsAboutTheirDossier_FollowsIt_AndOnlyTheyOrTheKeySeeIt()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9, 0));
        var me = await CitizenAsync(app, "Đoàn Thị Phản Ánh", "001190000701", "0912340701");
        var dossier = await SubmitAsync(app, world, me);
        var mine = await SignInAsync(app, me);
        var someoneElse = await CitizenAsync(app, "Lê Văn Khác", "001190000702", "0912340702");
        var other = await SignInAsync(app, someoneElse);

        // Someone else's dossier code is answered as if it did not exist.
        using (var foreign = await other.Http.PostAsJsonAsync("/api/feedback",
                   new { category = "OfficialConduct", title = "Thái độ", content = "Nội dung", dossierCode = dossier.Code }, Ct))
        {
            foreign.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await foreign.Content.ReadAsStringAsync(Ct)).ShouldContain($"Không tìm thấy hồ sơ {dossier.Code} trong hồ sơ của bạn");
        }
        var receipt = await SendAsync(TestClock.Vn(2026, 11, 17, 9, 0),
            new { category = "OfficialConduct", title = "Cán bộ hẹn lại nhiều lần", content = "Tôi bị hẹn lại ba lần.", dossierCode = dossier.Code!.ToLowerInvariant() }, mine.Http);

        var item = await StoredAsync(receipt.Id);
        (item.DossierId, item.UnitId, item.CitizenAccountId, item.SenderName, item.SenderPhone, item.Category)
            .ShouldBe(((Guid?)dossier.Id, world.CommuneId, (Guid?)me.AccountId, me.FullName, me.Phone, FeedbackCategory.OfficialConduct));
        (await mine.Http.GetFromJsonAsync<List<SenderFeedback.View>>("/api/feedback/mine", TestJson.Options, Ct))!.ShouldHaveSingleItem().Code.ShouldBe(receipt.Code);
        (await mine.Http.GetAsync($"/api/feedback/track/{receipt.Code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.Http.GetAsync($"/api/feedback/track/{receipt.Code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync($"/api/feedback/track/{receipt.Code}?key=sai-khoa", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync($"/api/feedback/track/{receipt.Code}?key={Uri.EscapeDataString(receipt.AccessKey)}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.Http.PostAsJsonAsync($"/api/feedback/track/{receipt.Code}/rating", new { liked = false }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The office sees the dossier's own rating beside the item.
        await ToReturnedAsync(app, world, dossier.Id);
        await app.WithDbAsync(async db =>
        {
            var returned = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id, Ct);
            db.SatisfactionRatings.Add(SatisfactionRating.Rate(null, returned, me.AccountId, false, 2, "Phải chờ lâu", app.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(Ct);
        });
        var office = await app.ClientAsAsync("stats");
        var view = await office.GetFromJsonAsync<OfficeFeedback.Item>($"/api/feedback/{receipt.Id}", TestJson.Options, Ct);
        view!.DossierSatisfaction.ShouldBe(new OfficeFeedback.DossierRating(false, 2, "Phải chờ lâu"));
    }

    [Fact]
    public async Task Publish_MasksPersonalData_AndTheAnswerIsFoundWithoutDiacritics_ThenTheSenderDislikesIt()
    {
        var world = await app.SeedWorldAsync();
        var receipt = await SendAsync(TestClock.Vn(2026, 11, 17, 9, 0), new
        {
            category = "RulesAndProcedures",
            title = "Trần Văn Minh hỏi về lệ phí cấp bản sao trích lục",
            content = "Tôi là Trần Văn Minh, CCCD 001190000123, điện thoại 0912 000 003, thư minh.tran@example.vn, ở số 5 ngõ Hoa Sữa. "
                      + "Lệ phí cấp bản sao trích lục hộ tịch được thu hai lần.",
            senderName = "Trần Văn Minh",
            senderPhone = "0912000003",
            senderEmail = "minh.tran@example.vn",
            senderAddress = "số 5 ngõ Hoa Sữa",
            unit = world.CommuneCode,
        });
        var hidden = await SendAsync(TestClock.Vn(2026, 11, 17, 9, 0), Item(world.CommuneCode, title: "Ngoại lệ chưa công khai", content: "Trích lục chưa công khai."));
        await OkAsync("stats", receipt.Id, "answer", new { text = "Ông Trần Văn Minh (0912000003) đã được hoàn lại lệ phí cấp bản sao trích lục thu thừa." }, TestClock.Vn(2026, 11, 18, 9, 0));
        await OkAsync("stats", hidden.Id, "answer", new { text = "Trích lục." }, TestClock.Vn(2026, 11, 18, 9, 0));
        await OkAsync("leader", receipt.Id, "publish", new { }, TestClock.Vn(2026, 11, 19, 9, 0));

        var search = await app.CreateClient().GetFromJsonAsync<PublishedFeedback.SearchResult>("/api/feedback/published?q=le phi ban sao trich luc", TestJson.Options, Ct);
        var entry = search!.Items.ShouldHaveSingleItem();
        entry.Code.ShouldBe(receipt.Code);
        foreach (var personal in new[] { "Trần Văn Minh", "001190000123", "0912", "minh.tran@example.vn", "Hoa Sữa" })
        {
            entry.Title.ShouldNotContain(personal);
            entry.Question.ShouldNotContain(personal);
            entry.Answer.ShouldNotContain(personal);
        }
        entry.Question.ShouldContain("Lệ phí cấp bản sao trích lục hộ tịch được thu hai lần.");
        entry.Answer.ShouldBe("Ông *** (***) đã được hoàn lại lệ phí cấp bản sao trích lục thu thừa.");
        (await app.CreateClient().GetAsync($"/api/feedback/published/{hidden.Code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await (await OfficeClient.AnonymousAsync(app)).GetPageAsync("/phan-anh/cong-khai?q=trich luc");
        page.QuerySelectorAll("article.published-feedback").Select(a => a.Id).ToArray().ShouldBe(new[] { receipt.Code });

        app.Clock.Set(TestClock.Vn(2026, 11, 20, 9, 0));
        using var dislike = await app.CreateClient().PostAsJsonAsync($"/api/feedback/track/{receipt.Code}/rating", new { liked = false, key = receipt.AccessKey }, Ct);
        dislike.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StoredAsync(receipt.Id)).SenderLiked.ShouldBe(false);
    }

    [Fact]
    public void Mask_HidesPhonesIdNumbersAndEmails_InTheirUsualSpellings()
    {
        PersonalData.Mask("Gọi +84 912 345 678 hoặc 0912.345.678, CMND 123456789, CCCD 001190000123, thư a.b@c.vn; quyết định số 15/2025.", [])
            .ShouldBe("Gọi *** hoặc ***, CMND ***, CCCD ***, thư ***; quyết định số 15/2025.");
        PersonalData.Mask("Bà Nguyễn Thị Hoa và bà nguyễn thị hoa", ["Nguyễn Thị Hoa", null, "ab"]).ShouldBe("Bà *** và bà ***");
    }

    // ---------------------------------------------------------------- reminders

    [Fact]
    public async Task Reminders_GoToTheUnitsOfficeAndLeadersBeforeEachDeadline_OnceEach_AndWhenTheAnswerIsLate()
    {
        var world = await app.SeedWorldAsync();
        await app.WithDbAsync(async db =>
        {
            foreach (var official in await db.Officials.Where(o => o.UserName == "stats" || o.UserName == "leader" || o.UserName == "clerk").ToListAsync(Ct))
                official.Email = official.UserName + "@phuongmot.example.vn";
            await db.SaveChangesAsync(Ct);
        });
        // Monday 7/6/2027: refuse by Wednesday 9/6, first request by Monday 14/6, answer by Monday 28/6 (09:00).
        var receipt = await SendAsync(TestClock.Vn(2027, 6, 7, 9, 0), Item(world.CommuneCode));
        (await StoredAsync(receipt.Id)).AnswerDueUtc.ShouldBe(TestClock.Vn(2027, 6, 28, 9, 0));

        async Task<List<string>> RemindersAsync(DateTime at)
        {
            app.Clock.Set(at);
            await app.WithServiceAsync<FeedbackReminders, bool>(async job =>
            {
                await job.RunAsync(new RecurringOccurrence(FeedbackReminders.Name, "0 7 * * *", at), Ct);
                return true;
            });
            return await app.WithDbAsync(db => db.Notifications.Where(n => n.SubjectId == receipt.Id && n.Trigger == FeedbackReminders.Trigger)
                .OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Recipient).Select(n => n.Recipient + ": " + n.Body).ToListAsync(Ct));
        }

        (await RemindersAsync(TestClock.Vn(2027, 6, 7, 10, 0))).ShouldBeEmpty();
        // The office and the leader of Phường Một, not the clerk (no role for it) nor anyone without an e-mail address.
        (await RemindersAsync(TestClock.Vn(2027, 6, 8, 7, 0))).ShouldBe(new[]
        {
            $"leader@phuongmot.example.vn: Phản ánh, kiến nghị {receipt.Code} (Giấy tờ không có trong quy định): hạn từ chối tiếp nhận (nếu không thuộc phạm vi xử lý) là 09:00 09/06/2027.",
            $"stats@phuongmot.example.vn: Phản ánh, kiến nghị {receipt.Code} (Giấy tờ không có trong quy định): hạn từ chối tiếp nhận (nếu không thuộc phạm vi xử lý) là 09:00 09/06/2027.",
        });
        (await RemindersAsync(TestClock.Vn(2027, 6, 8, 8, 0))).Count.ShouldBe(2);
        var beforeAnswer = await RemindersAsync(TestClock.Vn(2027, 6, 24, 7, 0));
        beforeAnswer.Count.ShouldBe(4);
        beforeAnswer[^1].ShouldEndWith("hạn trả lời là 09:00 28/06/2027.");
        var late = await RemindersAsync(TestClock.Vn(2027, 6, 28, 10, 0));
        late.Count.ShouldBe(6);
        late[^1].ShouldEndWith("đã quá hạn trả lời (09:00 28/06/2027).");
        (await RemindersAsync(TestClock.Vn(2027, 6, 29, 7, 0))).Count.ShouldBe(6);
    }

    // ---------------------------------------------------------------- group 5 of the scorecard

    [Fact]
    public async Task FeedbackFigures_CountReceivedOnTimeAndSatisfied_AndTheScorecardShowsThem()
    {
        var world = await app.SeedWorldAsync();
        var received = TestClock.Vn(2027, 3, 1, 9, 0);
        var liked = await SendAsync(received, Item(world.CommuneCode, phone: "0913000001"));
        var answeredLate = await SendAsync(received, Item(world.CommuneCode, phone: "0913000002"));
        var disliked = await SendAsync(received, Item(world.CommuneCode, phone: "0913000003"));
        var raisedAgain = await SendAsync(received, Item(world.CommuneCode, phone: "0913000004"));
        var pendingLate = await SendAsync(received, Item(world.CommuneCode, phone: "0913000005"));
        await SendAsync(received, Item(world.OtherCommuneCode, phone: "0913000006"));
        foreach (var r in new[] { liked, disliked, raisedAgain })
        {
            await OkAsync("stats", r.Id, "answer", new { text = "Trả lời đúng hạn." }, TestClock.Vn(2027, 3, 2, 9, 0));
            await OkAsync("stats", r.Id, "publish", new { }, TestClock.Vn(2027, 3, 2, 10, 0));
        }
        app.Clock.Set(TestClock.Vn(2027, 3, 2, 11, 0));
        (await app.CreateClient().PostAsJsonAsync($"/api/feedback/track/{liked.Code}/rating", new { liked = true, key = liked.AccessKey }, Ct)).EnsureSuccessStatusCode();
        (await app.CreateClient().PostAsJsonAsync($"/api/feedback/track/{disliked.Code}/rating", new { liked = false, key = disliked.AccessKey }, Ct)).EnsureSuccessStatusCode();
        // The same sender raises the same matter again: counted against the first item, and an item of its own, pending in time.
        var again = await SendAsync(TestClock.Vn(2027, 3, 3, 9, 0), Item(world.CommuneCode, phone: "0913000004", previous: raisedAgain.Code));
        (await StoredAsync(again.Id)).RaisedAgainOfId.ShouldBe(raisedAgain.Id);
        await OkAsync("stats", answeredLate.Id, "answer", new { text = "Trả lời muộn." }, TestClock.Vn(2027, 3, 23, 9, 30));
        var measure = TestClock.Vn(2027, 3, 23, 12, 0);
        app.Clock.Set(measure);

        var units = new[] { world.CommuneId, world.DeskId, world.JusticeId };
        var figures = await app.WithServiceAsync<IFeedbackFigures, FeedbackFigures>(f =>
            f.CountAsync(units, TestClock.Vn(2027, 3, 1, 0, 0), TestClock.Vn(2027, 4, 1, 0, 0), measure, Ct));

        // Received: six in Phường Một (Xã Hai's is not counted). On time: all but the late answer and the unanswered one past
        // its 15 working days (22/3). Satisfied: of those, not the disliked one and not the one raised again.
        figures.ShouldBe(new FeedbackFigures(6, 4, 2));
        _ = pendingLate;

        var leader = await app.ClientAsAsync("leader");
        var scorecard = await leader.GetFromJsonAsync<JsonElement>($"/api/scorecard/?unit={world.CommuneCode}&from=2027-03-01&to=2027-03-23", Ct);
        var group5 = scorecard.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetString() == "5").GetProperty("indicators").EnumerateArray()
            .Where(i => i.GetProperty("id").GetString() is "5.2" or "5.3")
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => (i.GetProperty("numerator").GetDouble(), i.GetProperty("denominator").GetDouble()));
        (group5["5.2"], group5["5.3"]).ShouldBe(((4.0, 6.0), (2.0, 6.0)));
    }

    [Fact]
    public async Task Satisfaction54_CountsADossierFeedbackWasSentAbout_OnceWithItsDislike_AndNotWhenTheItemWasRefused()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(TestClock.Vn(2026, 11, 17, 9, 0));
        var me = await CitizenAsync(app, "Phan Thị Năm Tư", "001190000741", "0912340741");
        var first = await SubmitAsync(app, world, me);
        var second = await SubmitAsync(app, world, me);
        await ToReturnedAsync(app, world, first.Id);
        await ToReturnedAsync(app, world, second.Id);
        var mine = await SignInAsync(app, me);

        async Task<(double Numerator, double Denominator)> Satisfaction54()
        {
            // Signed in at each read: the test moves the clock past a session's lifetime.
            var leader = await app.ClientAsAsync("leader");
            var card = await leader.GetFromJsonAsync<JsonElement>($"/api/scorecard/?unit={world.CommuneCode}&from=2026-11-01&to=2026-11-30", Ct);
            var indicator = card.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("indicators").EnumerateArray())
                .Single(i => i.GetProperty("id").GetString() == "5.4");
            return (indicator.GetProperty("numerator").GetDouble(), indicator.GetProperty("denominator").GetDouble());
        }

        var (n, d) = await Satisfaction54();
        d.ShouldBeGreaterThanOrEqualTo(2);

        // Feedback about the first dossier counts it against 5.4, pending or not.
        await SendAsync(TestClock.Vn(2026, 11, 18, 9, 0),
            new { category = "OfficialConduct", title = "Cán bộ hẹn lại", content = "Tôi bị hẹn lại hai lần.", dossierCode = first.Code }, mine.Http);
        (await Satisfaction54()).ShouldBe((n - 1, d));

        // Its dislike as well is the same share ("feedback or a dislike"): the dossier is counted once.
        await app.WithDbAsync(async db =>
        {
            var returned = await db.Dossiers.AsNoTracking().SingleAsync(x => x.Id == first.Id, Ct);
            db.SatisfactionRatings.Add(SatisfactionRating.Rate(null, returned, me.AccountId, false, 1, "Phải đi lại nhiều lần", app.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(Ct);
        });
        (await Satisfaction54()).ShouldBe((n - 1, d));

        // An item refused as not a matter for feedback does not count against the dossier it names.
        var refused = await SendAsync(TestClock.Vn(2026, 11, 18, 10, 0),
            new { category = "RulesAndProcedures", title = "Tố cáo", content = "Nội dung tố cáo cán bộ.", dossierCode = second.Code }, mine.Http);
        (await Satisfaction54()).ShouldBe((n - 2, d));
        await OkAsync("stats", refused.Id, "refuse", new { text = "Nội dung là tố cáo, đề nghị gửi theo Luật Tố cáo." }, TestClock.Vn(2026, 11, 19, 9, 0));
        (await Satisfaction54()).ShouldBe((n - 1, d));
    }
}
