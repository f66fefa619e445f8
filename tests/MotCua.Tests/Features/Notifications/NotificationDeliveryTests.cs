using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Features.Notifications;

/// <summary>Status changes queue e-mail and SMS in the same save; the jobs runner delivers them to a real SMTP
/// listener and to the SMS gateway simulator, retrying through failures without losing or doubling a message.</summary>
public sealed class NotificationDeliveryTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private static readonly string[] MissingItems = ["Hợp đồng thuê nhà có công chứng", "Tờ khai CT01 có chữ ký"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Reception_WithEmailAndPhone_QueuesBothMessagesInTheSameSave()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var (phone, email) = NotificationsApp.NewContact();

        var received = await NotificationsApp.ReceiveAsync(desk, phone, email);

        var receiveEvent = await app.WithDbAsync(db => db.DossierEvents.AsNoTracking().SingleAsync(e => e.DossierId == received.Id, Ct));
        var notifications = await app.NotificationsOfAsync(received.Id);
        notifications.Select(n => (n.Channel, n.Recipient, n.Trigger, n.State, n.EventId)).ShouldBe(
        [
            (NotificationChannel.Email, email, "Receive", NotificationState.Pending, receiveEvent.Id),
            (NotificationChannel.Sms, phone, "Receive", NotificationState.Pending, receiveEvent.Id),
        ]);
        notifications.ShouldAllBe(n => n.CreatedAtUtc == receiveEvent.AtUtc);
        foreach (var n in notifications)
        {
            var job = await app.JobOfAsync(n);
            (job.Kind, job.State, job.Attempts, job.RunAfterUtc).ShouldBe((DeliverNotification.KindOf(n.Channel), JobState.Pending, 0, receiveEvent.AtUtc));
            job.Payload.ShouldContain(n.Id.ToString());
        }

        var phoneOnly = await NotificationsApp.ReceiveAsync(desk, NotificationsApp.NewContact().Phone, null);
        (await app.NotificationsOfAsync(phoneOnly.Id)).Select(n => n.Channel).ShouldBe([NotificationChannel.Sms]);
        var neither = await NotificationsApp.ReceiveAsync(desk, null, null);
        (await app.NotificationsOfAsync(neither.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveThatFails_QueuesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var (phone, email) = NotificationsApp.NewContact();
        var received = await NotificationsApp.ReceiveAsync(desk, phone, email);
        var actor = new Actor(Guid.NewGuid(), "Cán bộ A", "Lãnh đạo", null, null);

        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<AppDbContext>();
        var d1 = await db1.Dossiers.SingleAsync(d => d.Id == received.Id, Ct);
        var d2 = await db2.Dossiers.SingleAsync(d => d.Id == received.Id, Ct);
        d1.Stop("Người nộp đề nghị dừng", actor, Now);
        await db1.SaveChangesAsync(Ct);
        d2.Withdraw("Người nộp rút hồ sơ", actor, Now);
        var withdrawEvent = d2.History[^1].Id;

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync(Ct));

        var notifications = await app.NotificationsOfAsync(received.Id);
        notifications.Select(n => n.Trigger).Order().ShouldBe(["Receive", "Receive", "Stop", "Stop"]);
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.EventId == withdrawEvent, Ct))).ShouldBe(0);
        var key = $"notification:{withdrawEvent:N}:";
        (await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.IdempotencyKey.StartsWith(key), Ct))).ShouldBe(0);
        foreach (var n in notifications) (await app.JobOfAsync(n)).State.ShouldBe(JobState.Pending);
    }

    [Fact]
    public async Task Jobs_DeliverTheEmailToTheMailServerAndTheSmsToTheGateway()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var (phone, email) = NotificationsApp.NewContact();
        var received = await NotificationsApp.ReceiveAsync(desk, phone, email);
        var due = VietnamTime.Format(received.DueAtUtc);

        var run = await app.RunJobsAsync();

        run.Succeeded.ShouldBeGreaterThanOrEqualTo(2);
        var notifications = await app.NotificationsOfAsync(received.Id);
        notifications.ShouldAllBe(n => n.State == NotificationState.Sent && n.Attempts == 1 && n.SentAtUtc == Now);
        foreach (var n in notifications) (await app.JobOfAsync(n)).State.ShouldBe(JobState.Succeeded);

        var mail = app.Smtp.Messages.Where(m => m.To.Contains(email)).ShouldHaveSingleItem();
        mail.From.ShouldBe("motcua@phuongmot.example.vn");
        mail.Data.ShouldAllBe(c => c < 128, "headers and body travel 7-bit clean (encoded words, base64)");
        mail.RawSubject!.ShouldStartWith("=?utf-8?", Case.Insensitive);
        mail.Subject.ShouldBe($"Hồ sơ {received.Code}: Đã được tiếp nhận");
        mail.Header("Content-Type")!.ShouldContain("charset=utf-8", Case.Insensitive);
        mail.MessageId.ShouldBe(notifications.Single(n => n.Channel == NotificationChannel.Email).ProviderMessageId);
        mail.Body.ShouldStartWith("Kính gửi Ông/Bà Đỗ Thị Hoa,\r\n\r\nHồ sơ của Ông/Bà đã được tiếp nhận và đang được giải quyết theo quy định.");
        mail.Body.ShouldContain($"Mã hồ sơ: {received.Code}\r\nNội dung: Đăng ký thường trú\r\nTrạng thái: Được tiếp nhận\r\nNgày hẹn trả kết quả: {due}");
        mail.Body.ShouldContain($"Theo dõi hồ sơ tại {NotificationsApp.LookupUrl} với mã hồ sơ {received.Code} và mã tra cứu {received.LookupCode}.");
        mail.Body.ShouldContain("Trân trọng,\r\nTrung tâm Phục vụ hành chính công phường Một");

        var sms = app.Sms.Simulator.Sent.Where(s => s.Phone == NotificationsApp.GatewayPhone(phone)).ShouldHaveSingleItem();
        sms.Message.ShouldBe($"Ho so {received.Code} da duoc tiep nhan, hen tra {due}. Tra cuu tai dichvucong.example.vn/tra-cuu ma {received.LookupCode}.");
        (sms.Brandname, sms.Unicode, SmsText.Segments(sms.Message)).ShouldBe(("UBND-PMOT", false, 1));
        var smsNotification = notifications.Single(n => n.Channel == NotificationChannel.Sms);
        (sms.RequestId, sms.MessageId).ShouldBe((smsNotification.RequestId, smsNotification.ProviderMessageId));

        // Sent is sent: another run finds nothing of this dossier to do.
        await app.RunJobsAsync();
        app.Sms.Simulator.Requests.Count(r => r.Phone == NotificationsApp.GatewayPhone(phone)).ShouldBe(1);
        app.Smtp.Messages.Count(m => m.To.Contains(email)).ShouldBe(1);
    }

    [Fact]
    public async Task Gateway_FailingTwiceThenRecovering_SendsTheSmsExactlyOnce()
    {
        await app.SeedWorldAsync();
        await app.RunJobsAsync(); // whatever other tests left due
        var desk = await app.ClientAsAsync("desk");
        var (phone, email) = NotificationsApp.NewContact();
        var gatewayPhone = NotificationsApp.GatewayPhone(phone);
        app.Sms.Simulator.FailNext(2, gatewayPhone);
        var received = await NotificationsApp.ReceiveAsync(desk, phone, email);

        await app.RunJobsAsync();
        var sms = (await app.NotificationsOfAsync(received.Id)).Single(n => n.Channel == NotificationChannel.Sms);
        (sms.State, sms.Attempts).ShouldBe((NotificationState.Retrying, 1));
        sms.LastError!.ShouldContain("503");
        var job = await app.JobOfAsync(sms);
        (job.State, job.Attempts, job.RunAfterUtc).ShouldBe((JobState.Pending, 1, Now + NotificationsApp.BaseDelay));
        // The failing SMS held nothing up: the e-mail of the same event went out in that run.
        (await app.NotificationsOfAsync(received.Id)).Single(n => n.Channel == NotificationChannel.Email).State.ShouldBe(NotificationState.Sent);

        await app.RunJobsAsync();
        (await app.JobOfAsync(sms)).Attempts.ShouldBe(1, "not due before its back-off");

        app.Clock.Advance(NotificationsApp.BaseDelay);
        await app.RunJobsAsync();
        job = await app.JobOfAsync(sms);
        (job.State, job.Attempts, job.RunAfterUtc).ShouldBe((JobState.Pending, 2, Now + 2 * NotificationsApp.BaseDelay));

        app.Clock.Advance(2 * NotificationsApp.BaseDelay);
        await app.RunJobsAsync();

        job = await app.JobOfAsync(sms);
        (job.State, job.Attempts).ShouldBe((JobState.Succeeded, 3));
        sms = (await app.NotificationsOfAsync(received.Id)).Single(n => n.Channel == NotificationChannel.Sms);
        (sms.State, sms.Attempts, sms.SentAtUtc).ShouldBe((NotificationState.Sent, 3, Now));
        app.Sms.Simulator.Sent.Count(s => s.Phone == gatewayPhone).ShouldBe(1);
        var requests = app.Sms.Simulator.Requests.Where(r => r.Phone == gatewayPhone).ToList();
        requests.Select(r => r.HttpStatus).ShouldBe([503, 503, 200]);
        requests.ShouldAllBe(r => r.RequestId == sms.RequestId);
    }

    [Fact]
    public async Task Gateway_LosingItsAnswer_IsRetriedWithTheSameRequestId_AndTheSmsIsSentOnce()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var phone = NotificationsApp.NewContact().Phone;
        var gatewayPhone = NotificationsApp.GatewayPhone(phone);
        app.Sms.Simulator.FailNext(1, gatewayPhone, SimulatedFailure.AcceptThenFail);
        var received = await NotificationsApp.ReceiveAsync(desk, phone, null);

        await app.RunJobsAsync();
        app.Clock.Advance(NotificationsApp.BaseDelay);
        await app.RunJobsAsync();

        var sms = (await app.NotificationsOfAsync(received.Id)).ShouldHaveSingleItem();
        (sms.State, sms.Attempts).ShouldBe((NotificationState.Sent, 2));
        var sent = app.Sms.Simulator.Sent.Where(s => s.Phone == gatewayPhone).ShouldHaveSingleItem();
        sms.ProviderMessageId.ShouldBe(sent.MessageId);
        app.Sms.Simulator.Requests.Where(r => r.Phone == gatewayPhone).Select(r => (r.RequestId, r.HttpStatus))
            .ShouldBe([(sms.RequestId, 503), (sms.RequestId, 200)]);
    }

    [Fact]
    public async Task Gateway_FailingForGood_EndsDeadAfterMaxAttempts_AndOtherJobsStillRun()
    {
        await app.SeedWorldAsync();
        await app.RunJobsAsync();
        var desk = await app.ClientAsAsync("desk");
        var (brokenPhone, brokenEmail) = NotificationsApp.NewContact();
        var brokenGatewayPhone = NotificationsApp.GatewayPhone(brokenPhone);
        app.Sms.Simulator.FailNext(int.MaxValue, brokenGatewayPhone);
        try
        {
            var failing = await NotificationsApp.ReceiveAsync(desk, brokenPhone, brokenEmail);
            var others = new List<(Guid Id, string Phone)>();
            for (var attempt = 1; attempt <= NotificationsApp.MaxAttempts; attempt++)
            {
                // A new dossier before every run: each run has healthy jobs beside the failing one.
                var phone = NotificationsApp.NewContact().Phone;
                others.Add(((await NotificationsApp.ReceiveAsync(desk, phone, null)).Id, phone));
                var run = await app.RunJobsAsync();
                run.Succeeded.ShouldBeGreaterThanOrEqualTo(1);
                app.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            var sms = (await app.NotificationsOfAsync(failing.Id)).Single(n => n.Channel == NotificationChannel.Sms);
            (sms.State, sms.Attempts).ShouldBe((NotificationState.Failed, NotificationsApp.MaxAttempts));
            var job = await app.JobOfAsync(sms);
            (job.State, job.Attempts).ShouldBe((JobState.Dead, NotificationsApp.MaxAttempts));
            job.LastError!.ShouldContain("code 99");
            app.Sms.Simulator.Requests.Count(r => r.Phone == brokenGatewayPhone).ShouldBe(NotificationsApp.MaxAttempts);
            (await app.NotificationsOfAsync(failing.Id)).Single(n => n.Channel == NotificationChannel.Email).State.ShouldBe(NotificationState.Sent);
            foreach (var (id, phone) in others)
            {
                (await app.NotificationsOfAsync(id)).ShouldHaveSingleItem().State.ShouldBe(NotificationState.Sent);
                app.Sms.Simulator.Sent.Count(s => s.Phone == NotificationsApp.GatewayPhone(phone)).ShouldBe(1);
            }

            // Dead is kept and shown: no further attempt, and the administrators' list has it.
            app.Clock.Advance(TimeSpan.FromHours(1));
            await app.RunJobsAsync();
            (await app.JobOfAsync(sms)).Attempts.ShouldBe(NotificationsApp.MaxAttempts);
            var admin = await app.ClientAsAsync("admin");
            var dead = await admin.GetFromJsonAsync<List<JobsModule.JobView>>("/api/jobs?state=Dead", TestJson.Options, Ct);
            dead!.ShouldContain(j => j.Id == job.Id && j.LastError == job.LastError);

            // Once the cause is fixed an administrator runs it again, with a full series of attempts.
            app.Sms.Simulator.ClearFailures();
            (await admin.PostAsync($"/api/jobs/{job.Id}/retry", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            await app.RunJobsAsync();
            (await app.JobOfAsync(sms)).State.ShouldBe(JobState.Succeeded);
            (await app.NotificationsOfAsync(failing.Id)).Single(n => n.Channel == NotificationChannel.Sms).State.ShouldBe(NotificationState.Sent);
            app.Sms.Simulator.Sent.Count(s => s.Phone == brokenGatewayPhone).ShouldBe(1);
        }
        finally
        {
            app.Sms.Simulator.ClearFailures();
        }
    }

    [Fact]
    public async Task Gateway_RefusingTheNumber_EndsDeadAtOnce()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var phone = NotificationsApp.NewContact().Phone;
        app.Sms.Simulator.FailNext(1, NotificationsApp.GatewayPhone(phone), SimulatedFailure.InvalidPhone);
        var received = await NotificationsApp.ReceiveAsync(desk, phone, null);

        await app.RunJobsAsync();

        var sms = (await app.NotificationsOfAsync(received.Id)).ShouldHaveSingleItem();
        (sms.State, sms.Attempts).ShouldBe((NotificationState.Failed, 1));
        var job = await app.JobOfAsync(sms);
        (job.State, job.Attempts).ShouldBe((JobState.Dead, 1));
        job.LastError!.ShouldContain("code 10");
    }

    [Fact]
    public async Task MailServer_RefusingForAWhile_GetsTheEmailOnTheNextAttempt()
    {
        await app.SeedWorldAsync();
        await app.RunJobsAsync();
        var desk = await app.ClientAsAsync("desk");
        var email = NotificationsApp.NewContact().Email;
        var received = await NotificationsApp.ReceiveAsync(desk, null, email);
        app.Smtp.RejectNext(1);

        await app.RunJobsAsync();
        var mail = (await app.NotificationsOfAsync(received.Id)).ShouldHaveSingleItem();
        (mail.State, mail.Attempts).ShouldBe((NotificationState.Retrying, 1));
        app.Clock.Advance(NotificationsApp.BaseDelay);
        await app.RunJobsAsync();

        mail = (await app.NotificationsOfAsync(received.Id)).ShouldHaveSingleItem();
        (mail.State, mail.Attempts).ShouldBe((NotificationState.Sent, 2));
        app.Smtp.Messages.Where(m => m.To.Contains(email)).ShouldHaveSingleItem().MessageId.ShouldBe(mail.ProviderMessageId);
    }

    [Fact]
    public async Task Apology_TellsTheApplicantTheNewDate()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var leader = await app.ClientAsAsync("leader");
        var (phone, email) = NotificationsApp.NewContact();
        var received = await NotificationsApp.ReceiveAsync(desk, phone, email);
        var newDue = received.DueAtUtc.AddDays(5);

        var response = await leader.PostAsJsonAsync($"/api/dossiers/{received.Id}/apology",
            new { reason = "Phải xác minh thêm tại địa phương nơi cư trú trước đây", newDueAtUtc = newDue, revision = 1 }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        await app.RunJobsAsync();

        var apology = (await app.NotificationsOfAsync(received.Id)).Where(n => n.Trigger == "Apologize").ToList();
        apology.Select(n => (n.Channel, n.State)).ShouldBe([(NotificationChannel.Email, NotificationState.Sent), (NotificationChannel.Sms, NotificationState.Sent)]);
        var mail = app.Smtp.Messages.Single(m => m.To.Contains(email) && m.Subject.Contains("xin lỗi", StringComparison.Ordinal));
        mail.Subject.ShouldBe($"Hồ sơ {received.Code}: Thư xin lỗi và hẹn lại ngày trả kết quả");
        mail.Body.ShouldContain($"Cơ quan giải quyết chân thành xin lỗi Ông/Bà vì hồ sơ chưa được giải quyết đúng hẹn ({VietnamTime.Format(received.DueAtUtc)}) và xin hẹn lại ngày trả kết quả.");
        mail.Body.ShouldContain($"Ngày hẹn trả kết quả mới: {VietnamTime.Format(newDue)}\r\nLý do chậm trễ: Phải xác minh thêm tại địa phương nơi cư trú trước đây");
        app.Sms.Simulator.Sent.Where(s => s.Phone == NotificationsApp.GatewayPhone(phone)).Select(s => s.Message).ShouldContain(
            $"Xin loi Ong/Ba: ho so {received.Code} cham giai quyet, hen tra lai {VietnamTime.Format(newDue)}. Tra cuu tai dichvucong.example.vn/tra-cuu ma {received.LookupCode}.");
    }

    [Fact]
    public async Task SupplementRequest_EmailListsEverythingMissing()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var email = NotificationsApp.NewContact().Email;
        var received = await NotificationsApp.ReceiveAsync(desk, null, email);

        var response = await desk.PostAsJsonAsync($"/api/dossiers/{received.Id}/supplement-requests",
            new { reason = "Giấy tờ chỗ ở chưa hợp lệ", missingItems = MissingItems, revision = 1 }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        await app.RunJobsAsync();

        var mail = app.Smtp.Messages.Single(m => m.To.Contains(email) && m.Subject.EndsWith("Cần bổ sung, hoàn thiện hồ sơ", StringComparison.Ordinal));
        mail.Body.ShouldContain("Trạng thái: Yêu cầu bổ sung giấy tờ\r\nLý do: Giấy tờ chỗ ở chưa hợp lệ\r\nGiấy tờ, nội dung cần bổ sung:\r\n  - Hợp đồng thuê nhà có công chứng\r\n  - Tờ khai CT01 có chữ ký\r\n");
        mail.Body.ShouldNotContain("Ngày hẹn trả", Case.Sensitive, "the clock is stopped while the applicant supplements");
    }

    [Fact]
    public async Task DossierPage_ListsWhatWasSent_ToOfficialsOfTheDossierOnly()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var (phone, email) = NotificationsApp.NewContact();
        var received = await NotificationsApp.ReceiveAsync(desk, phone, email);
        await app.RunJobsAsync();

        var items = (await desk.GetFromJsonAsync<List<ListNotifications.Item>>($"/api/dossiers/{received.Id}/notifications", TestJson.Options, Ct))!;

        items.Select(i => (i.ChannelName, i.Recipient, i.StateName, i.Attempts, i.SentAtUtc)).ShouldBe(
        [
            ("Thư điện tử", email, "Đã gửi", 1, (DateTime?)Now),
            ("Tin nhắn SMS", phone, "Đã gửi", 1, (DateTime?)Now),
        ]);
        items[0].Subject.ShouldBe($"Hồ sơ {received.Code}: Đã được tiếp nhận");
        items[1].Text.ShouldStartWith($"Ho so {received.Code} da duoc tiep nhan");
        var other = await app.ClientAsAsync("desk.other");
        (await other.GetAsync($"/api/dossiers/{received.Id}/notifications", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
