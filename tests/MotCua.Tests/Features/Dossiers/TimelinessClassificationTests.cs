using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>Early / on time / late as indicator 2.1 of the 766 scorecard classifies a dossier
/// (<c>../shared/domain/kpi-766.md</c>, group 2), on worked examples. The due date throughout is Thursday 26/11/2026
/// 09:00 (a 7-working-day procedure received Tuesday 17/11 09:00).</summary>
public sealed class TimelinessClassificationTests
{
    private static DateTime Vn(int month, int day, int hour, int minute = 0) => TestClock.Vn(2026, month, day, hour, minute);
    private static readonly DateTime Due = Vn(11, 26, 9);

    public static TheoryData<string, Timeliness, DateTime, TimelinessClass> Examples() => new()
    {
        // 2.1 "On time ⇔ end of processing ≤ due date"; early: ended on a day before the due date's day (Form 06's rule).
        { "decided three days before", new(DossierStatus.Decided, Due, Vn(11, 23, 14), 1, null), Vn(12, 31, 9), TimelinessClass.Early },
        { "decided the evening before", new(DossierStatus.Decided, Due, Vn(11, 25, 23, 59), 0, null), Vn(12, 31, 9), TimelinessClass.Early },
        { "decided on the due day, before the hour", new(DossierStatus.Decided, Due, Vn(11, 26, 0, 1), 0, null), Vn(12, 31, 9), TimelinessClass.OnTime },
        { "decided at the due instant (≤)", new(DossierStatus.Decided, Due, Due, 0, null), Vn(12, 31, 9), TimelinessClass.OnTime },
        { "decided a minute after", new(DossierStatus.Decided, Due, Vn(11, 26, 9, 1), 0, null), Vn(12, 31, 9), TimelinessClass.Late },
        // 2.1 "More than one supplement request ⇒ late", whatever the dates.
        { "asked twice, decided early", new(DossierStatus.Decided, Due, Vn(11, 20, 9), 2, null), Vn(12, 31, 9), TimelinessClass.Late },
        // 2.1 end of processing by priority: 9 (decided) before 10 (returned): a late return does not make it late.
        { "decided early, returned after the due date", new(DossierStatus.Returned, Due, Vn(11, 24, 9), 0, null), Vn(12, 31, 9), TimelinessClass.Early },
        // 2.1 "… > 8 Dừng xử lý / 3 refused; also 7 withdrawn": the stop or withdrawal ends processing.
        { "stopped after the due date", new(DossierStatus.Stopped, Due, Vn(11, 27, 9), 0, null), Vn(12, 31, 9), TimelinessClass.Late },
        { "withdrawn on the due day", new(DossierStatus.Withdrawn, Due, Vn(11, 26, 8), 0, null), Vn(12, 31, 9), TimelinessClass.OnTime },
        // 2.1 "A single open supplement request that the citizen never answered ends processing at the request."
        { "asked in time, never answered, withdrawn later", new(DossierStatus.Withdrawn, Due, Vn(11, 30, 9), 1, Vn(11, 25, 9)), Vn(12, 31, 9), TimelinessClass.Early },
        { "asked on the due day, never answered, stopped later", new(DossierStatus.Stopped, Due, Vn(12, 3, 9), 1, Vn(11, 26, 8)), Vn(12, 31, 9), TimelinessClass.OnTime },
        { "asked after the due date, never answered, stopped", new(DossierStatus.Stopped, Due, Vn(11, 30, 9), 1, Vn(11, 27, 9)), Vn(12, 31, 9), TimelinessClass.Late },
        // 2.1 "Not finished ⇒ measured at the end of the period" (here: now).
        { "in progress, before the due date", new(DossierStatus.InProgress, Due, null, 0, null), Vn(11, 26, 9), TimelinessClass.InTime },
        { "in progress, after the due date", new(DossierStatus.InProgress, Due, null, 0, null), Vn(11, 26, 9, 1), TimelinessClass.Late },
        { "awaiting fees, after the due date", new(DossierStatus.AwaitingFinancialObligation, Due, null, 0, null), Vn(12, 1, 9), TimelinessClass.Late },
        // Supplement time is subtracted: the clock stopped at a request made in time, however long the applicant takes.
        { "waiting for a supplement asked in time", new(DossierStatus.SupplementRequested, Due, null, 1, Vn(11, 25, 9)), Vn(12, 20, 9), TimelinessClass.InTime },
        { "waiting for a supplement asked when already late", new(DossierStatus.SupplementRequested, Due, null, 1, Vn(11, 27, 9)), Vn(11, 27, 10), TimelinessClass.Late },
        // Not judged: never received (no due date), or refused at reception.
        { "submitted, not received", new(DossierStatus.Submitted, null, null, 0, null), Vn(12, 31, 9), TimelinessClass.None },
        { "refused at reception", new(DossierStatus.Refused, null, Vn(11, 17, 9), 0, null), Vn(12, 31, 9), TimelinessClass.None },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Classify_FollowsIndicator21(string example, Timeliness timeliness, DateTime nowUtc, TimelinessClass expected)
    {
        timeliness.Classify(nowUtc).ShouldBe(expected, example);
        timeliness.IsLate(nowUtc).ShouldBe(expected == TimelinessClass.Late, example);
        timeliness.IsLateInProcessing(nowUtc).ShouldBe(expected == TimelinessClass.Late && timeliness.EndedAtUtc is null && !timeliness.Status.IsTerminal(), example);
    }

    [Fact]
    public void EarlyByDays_MovesOnlyTheLineBetweenEarlyAndOnTime()
    {
        var decided = (DateTime at) => new Timeliness(DossierStatus.Decided, Due, at, 0, null);
        decided(Vn(11, 25, 9)).Classify(Vn(12, 31, 9), earlyByDays: 2).ShouldBe(TimelinessClass.OnTime);
        decided(Vn(11, 24, 23)).Classify(Vn(12, 31, 9), earlyByDays: 2).ShouldBe(TimelinessClass.Early);
        decided(Vn(11, 26, 10)).Classify(Vn(12, 31, 9), earlyByDays: 2).ShouldBe(TimelinessClass.Late);
    }

    [Fact]
    public void Supplement_AnsweredInTime_MovesTheDueDateByThePause_SoTheDecisionIsJudgedAgainstTheMovedDate()
    {
        // 2.1 "Supplement time is subtracted": one working day was left at the request; the answer on 01/12 moves the date to 02/12 09:00.
        var onTime = new DossierBuilder().InProgress();
        onTime.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà"], DossierBuilder.Specialist, Vn(11, 25, 9));
        onTime.AnswerSupplement(null, DossierBuilder.Calendar, DossierBuilder.Citizen, Vn(12, 1, 9));
        onTime.DueAtUtc.ShouldBe(Vn(12, 2, 9));
        DossierBuilder.SignOff(onTime, Vn(12, 1, 10));
        onTime.Decide("Thông báo kết quả", "9/TB", null, true, DossierBuilder.Leader, Vn(12, 2, 8));
        Timeliness.Of(onTime).Classify(Vn(12, 31, 9)).ShouldBe(TimelinessClass.OnTime);
        onTime.History[^1].Description.ShouldContain("(đúng hạn)");
    }

    [Fact]
    public void Withdrawn_AfterTheDueDate_WhileASupplementAskedInTimeWasUnanswered_IsNotLate()
    {
        // 2.1: processing ends at the unanswered request, not at the withdrawal.
        var dossier = new DossierBuilder().InProgress();
        dossier.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà"], DossierBuilder.Specialist, Vn(11, 25, 9));
        dossier.Withdraw("Người nộp không bổ sung được giấy tờ", DossierBuilder.Citizen, Vn(11, 30, 9));
        dossier.IsLate(Vn(12, 31, 9)).ShouldBeFalse();
        Timeliness.Of(dossier).Classify(Vn(12, 31, 9)).ShouldBe(TimelinessClass.Early);
    }
}

/// <summary>The same answers from the EF expressions as from the in-memory function, over a real database (SQLite or
/// PostgreSQL, as the run is configured), on dossiers built through the aggregate; and the home page's figures agree.</summary>
public sealed class TimelinessQueryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateTime Vn(int month, int day, int hour, int minute = 0) => TestClock.Vn(2026, month, day, hour, minute);
    private static readonly DateTime T0 = Vn(11, 17, 9);

    private sealed record Ids(Guid Unit, Guid DraftFile);

    private static Dossier Received(Dossier.Intake intake, string code) =>
        Dossier.ReceiveInPerson(intake, Channel.Desk, code, null, DossierBuilder.Calendar, DossierBuilder.Desk, T0);

    private static Dossier InProgress(Dossier.Intake intake, string code, Ids ids)
    {
        var d = Received(intake, code);
        d.StartProcessing(ids.Unit, "Phòng Tư pháp", DossierBuilder.Desk, T0.AddHours(1));
        d.Assign(DossierBuilder.Specialist.Id!.Value, DossierBuilder.Specialist.Name, DossierBuilder.Leader, T0.AddHours(1.5));
        return d;
    }

    private static Dossier Decided(Dossier.Intake intake, string code, Ids ids, DateTime at, Action<Dossier>? before = null)
    {
        var d = InProgress(intake, code, ids);
        before?.Invoke(d);
        d.AttachDraftResult(ids.DraftFile, "du-thao.pdf", DossierBuilder.Specialist, at.AddHours(-2));
        d.SubmitForApproval(null, DossierBuilder.Specialist, at.AddHours(-2));
        d.Approve(null, DossierBuilder.Leader, at.AddHours(-1));
        d.Decide("Thông báo kết quả", "9/TB", null, true, DossierBuilder.Leader, at);
        return d;
    }

    /// <summary>Each scenario with what 2.1 says of it on 31/12 (the end of the period).</summary>
    private static readonly (string Name, Func<Dossier.Intake, string, Ids, Dossier> Make, TimelinessClass OnDec31)[] Scenarios =
    [
        ("received, never processed", (i, c, _) => Received(i, c), TimelinessClass.Late),
        ("in progress", (i, c, ids) => InProgress(i, c, ids), TimelinessClass.Late),
        ("decided early", (i, c, ids) => Decided(i, c, ids, Vn(11, 23, 9)), TimelinessClass.Early),
        ("decided on the due day", (i, c, ids) => Decided(i, c, ids, Vn(11, 26, 8)), TimelinessClass.OnTime),
        ("decided late", (i, c, ids) => Decided(i, c, ids, Vn(11, 27, 9)), TimelinessClass.Late),
        ("decided after the legal date, before the apology's", (i, c, ids) => Decided(i, c, ids, Vn(12, 1, 9),
            d => d.Apologize("Chờ xác minh", Vn(12, 4, 17), DossierBuilder.Calendar, DossierBuilder.Leader, Vn(11, 24, 9))), TimelinessClass.Late),
        ("decided early, returned late", (i, c, ids) =>
        {
            var d = Decided(i, c, ids, Vn(11, 24, 9));
            if (d.FeesOwed > d.AmountPaid) d.RecordPayment(d.FeesOwed - d.AmountPaid, PaymentMethod.Desk, "BL-1", Vn(11, 30, 9), DossierBuilder.Desk, Vn(11, 30, 9));
            d.ReturnResult(ReturnMethod.Desk, "Phạm Văn Dân", DossierBuilder.Desk, Vn(11, 30, 9));
            return d;
        }, TimelinessClass.Early),
        ("stopped late", (i, c, ids) => { var d = InProgress(i, c, ids); d.Stop("Người nộp đề nghị dừng", DossierBuilder.Leader, Vn(11, 27, 9)); return d; }, TimelinessClass.Late),
        ("withdrawn on the due day", (i, c, ids) => { var d = InProgress(i, c, ids); d.Withdraw("Không cần nữa", DossierBuilder.Citizen, Vn(11, 26, 8)); return d; }, TimelinessClass.OnTime),
        ("asked in time, withdrawn late without answering", (i, c, ids) =>
        {
            var d = InProgress(i, c, ids);
            d.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà"], DossierBuilder.Specialist, Vn(11, 25, 9));
            d.Withdraw("Không bổ sung được", DossierBuilder.Citizen, Vn(11, 30, 9));
            return d;
        }, TimelinessClass.Early),
        ("asked when late, stopped without an answer", (i, c, ids) =>
        {
            var d = InProgress(i, c, ids);
            d.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà"], DossierBuilder.Specialist, Vn(11, 27, 9));
            d.Stop("Không bổ sung", DossierBuilder.Leader, Vn(11, 30, 9));
            return d;
        }, TimelinessClass.Late),
        ("waiting for a supplement asked in time", (i, c, ids) =>
        {
            var d = InProgress(i, c, ids);
            d.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà"], DossierBuilder.Specialist, Vn(11, 25, 9));
            return d;
        }, TimelinessClass.InTime),
        ("supplement answered, decided by the moved date", (i, c, ids) => Decided(i, c, ids, Vn(12, 2, 8), d =>
        {
            d.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà"], DossierBuilder.Specialist, Vn(11, 25, 9));
            d.AnswerSupplement(null, DossierBuilder.Calendar, DossierBuilder.Citizen, Vn(12, 1, 9));
        }), TimelinessClass.OnTime),
        ("refused at reception", (i, c, _) => Dossier.RefuseInPerson(i, Channel.Desk, c, "Không thuộc thẩm quyền", DossierBuilder.Desk, T0), TimelinessClass.None),
    ];

    private async Task<List<(string Name, Guid Id, TimelinessClass OnDec31)>> PersistAsync()
    {
        var world = await app.SeedWorldAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var intakes = scope.ServiceProvider.GetRequiredService<IntakeBuilder>();
        var codes = scope.ServiceProvider.GetRequiredService<DossierCodeGenerator>();
        var file = await scope.ServiceProvider.GetRequiredService<FileStore>().SaveAsync(new MemoryStream(TestPdf.OnePage), "du-thao.pdf", "application/pdf", T0, Ct);
        db.StoredFiles.Add(file);
        var ids = new Ids(world.JusticeId, file.Id);
        var made = new List<(string, Guid, TimelinessClass)>();
        foreach (var (name, make, expected) in Scenarios)
        {
            var built = await intakes.BuildAsync("1.004222", world.DeskId, null,
                new ApplicantInput(ApplicantKind.Person, "Phạm Văn Dân", "079195004321", "0987654321", null, "Khu phố 3, phường Một"),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")], Channel.Desk, null, null, 1, 1, 1, IdentityCheck.None, Ct);
            var dossier = make(built.Intake, await codes.NextAsync(built.AgencyCode, T0, Ct), ids);
            db.Dossiers.Add(dossier);
            made.Add((name, dossier.Id, expected));
        }
        await db.SaveChangesAsync(Ct);
        return made;
    }

    [Fact]
    public async Task EfExpressions_GiveTheInMemoryAnswers_AndTheWorkedExamples()
    {
        var scenarios = await PersistAsync();
        DateTime[] instants = [Vn(11, 20, 9), Vn(11, 26, 9), Vn(11, 26, 9, 1), Vn(12, 31, 9)];
        await app.WithDbAsync(async db =>
        {
            foreach (var (name, id, onDec31) in scenarios)
            {
                var dossier = await db.Dossiers.AsNoTracking().Include(d => d.Supplements).SingleAsync(d => d.Id == id, Ct);
                var memory = Timeliness.Of(dossier);
                memory.Classify(Vn(12, 31, 9)).ShouldBe(onDec31, name);
                foreach (var now in instants)
                {
                    var one = db.Dossiers.Where(d => d.Id == id);
                    var at = $"{name} at {now:o}";
                    (await one.Select(Timeliness.Class(now)).SingleAsync(Ct)).ShouldBe(memory.Classify(now), at);
                    (await one.Select(Timeliness.Class(now, 2)).SingleAsync(Ct)).ShouldBe(memory.Classify(now, 2), at);
                    (await one.AnyAsync(Timeliness.Late(now), Ct)).ShouldBe(memory.IsLate(now), at);
                    (await one.AnyAsync(Timeliness.LateInProcessing(now), Ct)).ShouldBe(memory.IsLateInProcessing(now), at);
                    dossier.IsLate(now).ShouldBe(memory.IsLate(now), at);
                }
            }
        });

        // The home page counts the settled ones with the same expression.
        app.Clock.Set(Vn(12, 31, 9));
        var settled = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Supplements)
            .Where(d => d.Status == DossierStatus.Decided || d.Status == DossierStatus.Returned).ToListAsync(Ct));
        var classes = settled.Select(d => Timeliness.Of(d).Classify(Vn(12, 31, 9))).ToList();
        classes.ShouldContain(TimelinessClass.Early);
        classes.ShouldContain(TimelinessClass.Late);
        var culture = CultureInfo.GetCultureInfo("vi-VN");
        var onTime = classes.Count(c => c is TimelinessClass.Early or TimelinessClass.OnTime) / (double)classes.Count;
        var early = classes.Count(c => c == TimelinessClass.Early) / (double)classes.Count;
        var home = await OfficeClient.ParseAsync(await app.CreateClient().GetStringAsync("/", Ct));
        var card = home.QuerySelectorAll(".card").Single(c => c.TextContent.Contains("đúng hạn", StringComparison.Ordinal));
        card.QuerySelector(".value")!.TextContent.ShouldBe(onTime.ToString("P1", culture));
        card.TextContent.ShouldContain($"trong đó trước hạn {early.ToString("P1", culture)}");
    }
}
