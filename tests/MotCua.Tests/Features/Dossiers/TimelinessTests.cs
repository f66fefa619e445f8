using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>The one definition of "late" (indicator 2.1 of the 766 scorecard) on dossiers built through the aggregate.
/// The residence dossier of <see cref="DossierBuilder"/> is received Tuesday 17/11 09:00 and due Thursday 26/11 09:00.</summary>
public sealed class TimelinessTests
{
    private static DateTime Vn(int month, int day, int hour, int minute = 0) => TestClock.Vn(2026, month, day, hour, minute);

    [Fact]
    public void Apologize_AfterTheDueDate_KeepsTheLegalDate_TheDossierStaysLate_AndIsDecidedLate()
    {
        var dossier = new DossierBuilder().InProgress();

        dossier.Apologize("Phải xác minh với Công an tỉnh", Vn(12, 4, 17), DossierBuilder.Calendar, DossierBuilder.Leader, Vn(11, 27, 10));

        (dossier.OriginalDueAtUtc, dossier.DueAtUtc, dossier.PromisedDueAtUtc).ShouldBe((Vn(11, 26, 9), Vn(11, 26, 9), Vn(12, 4, 17)));
        (dossier.Apology!.PreviousDueUtc, dossier.Apology.NewDueUtc).ShouldBe((Vn(11, 26, 9), Vn(12, 4, 17)));
        dossier.IsLate(Vn(11, 27, 10)).ShouldBeTrue();
        dossier.History[^1].Description.ShouldContain("gửi muộn");
        dossier.History[^1].Description.ShouldContain("hồ sơ đã quá hạn");

        DossierBuilder.SignOff(dossier, Vn(12, 1, 9));
        dossier.Decide("Thông báo kết quả", "9/TB", null, true, DossierBuilder.Leader, Vn(12, 2, 9)); // before the promised date
        dossier.IsLate(Vn(12, 2, 9)).ShouldBeTrue();
        dossier.History[^1].Description.ShouldContain("(trễ hạn)");
    }

    [Fact]
    public void Apologize_OneWorkingDayBefore_IsInTime_Later_IsRecordedAsSentLate()
    {
        var onTime = new DossierBuilder().InProgress();
        onTime.Apologize("Chờ xác minh", Vn(12, 2, 17), DossierBuilder.Calendar, DossierBuilder.Leader, Vn(11, 25, 9));
        onTime.History[^1].Description.ShouldNotContain("muộn");
        onTime.IsLate(Vn(11, 25, 9)).ShouldBeFalse();

        var late = new DossierBuilder().InProgress();
        late.Apologize("Chờ xác minh", Vn(12, 2, 17), DossierBuilder.Calendar, DossierBuilder.Leader, Vn(11, 25, 9, 1));
        late.History[^1].Description.ShouldContain("gửi muộn");
        late.History[^1].Description.ShouldNotContain("đã quá hạn");
        late.IsLate(Vn(11, 25, 9, 1)).ShouldBeFalse(); // not yet past the legal date
        late.IsLate(Vn(11, 26, 9, 1)).ShouldBeTrue();  // past it, though before the apology's date
    }

    [Fact]
    public void Decide_BeforeTheLegalDate_AfterAnApology_IsOnTime()
    {
        var dossier = new DossierBuilder().InProgress();
        dossier.Apologize("Chờ xác minh", Vn(12, 2, 17), DossierBuilder.Calendar, DossierBuilder.Leader, Vn(11, 23, 9));
        DossierBuilder.SignOff(dossier, Vn(11, 24, 9));
        dossier.Decide("Thông báo kết quả", "9/TB", null, true, DossierBuilder.Leader, Vn(11, 25, 9));
        dossier.History[^1].Description.ShouldContain("(đúng hạn)");
        dossier.IsLate(Vn(12, 30, 9)).ShouldBeFalse(); // judged at the end of processing, not now
    }

    [Fact]
    public void Supplement_AskedBeforeTheDueDate_IsPaused_AskedAfterIt_StaysLate()
    {
        var inTime = new DossierBuilder().InProgress();
        inTime.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà"], DossierBuilder.Specialist, Vn(11, 25, 9));
        Timeliness.Of(inTime).StateAt(Vn(12, 10, 9), Vn(12, 11, 9)).ShouldBe(DueState.Paused);
        inTime.IsLate(Vn(12, 10, 9)).ShouldBeFalse();

        var overdue = new DossierBuilder().InProgress();
        overdue.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà"], DossierBuilder.Specialist, Vn(11, 27, 9));
        overdue.History[^1].Description.ShouldContain("đã quá hạn");
        Timeliness.Of(overdue).StateAt(Vn(11, 27, 10), Vn(11, 30, 10)).ShouldBe(DueState.Late);

        // Answered: the legal date moves by the pause, but the time already lost is not given back.
        overdue.AnswerSupplement(null, DossierBuilder.Calendar, DossierBuilder.Citizen, Vn(11, 30, 9));
        overdue.IsLate(Vn(11, 30, 9)).ShouldBeTrue();
    }

    [Fact]
    public void MoreThanOneSupplementRequest_IsLate_WhateverTheDates()
    {
        // Recorded before requests were limited to one: the 766 index counts such a dossier late.
        var legacy = new Timeliness(DossierStatus.Decided, Vn(11, 26, 9), Vn(11, 20, 9), 2, null);
        legacy.IsLate(Vn(11, 20, 9)).ShouldBeTrue();
        legacy.StateAt(Vn(11, 20, 9), Vn(11, 21, 9)).ShouldBe(DueState.Late);
        new Timeliness(DossierStatus.Submitted, null, null, 2, null).IsLate(Vn(12, 1, 9)).ShouldBeFalse(); // never received: not judged
    }

    [Fact]
    public void Stopped_AfterTheDueDate_IsLate_AsTheIndexMeasuresAnyEndOfProcessing()
    {
        var dossier = new DossierBuilder().InProgress();
        dossier.Stop("Người nộp đề nghị dừng", DossierBuilder.Leader, Vn(11, 27, 9));
        dossier.IsLate(Vn(11, 27, 9)).ShouldBeTrue();
        var early = new DossierBuilder().InProgress();
        early.Stop("Người nộp đề nghị dừng", DossierBuilder.Leader, Vn(11, 20, 9));
        early.IsLate(Vn(12, 20, 9)).ShouldBeFalse();
    }

    [Fact]
    public void PromisedDue_AfterASupplementAnsweredPastTheApologysDate_IsTheLegalDate()
    {
        var dossier = new DossierBuilder().InProgress();
        dossier.Apologize("Chờ xác minh", Vn(11, 27, 17), DossierBuilder.Calendar, DossierBuilder.Leader, Vn(11, 24, 9));
        dossier.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà"], DossierBuilder.Specialist, Vn(11, 25, 9));
        dossier.AnswerSupplement(null, DossierBuilder.Calendar, DossierBuilder.Citizen, Vn(12, 1, 9));
        // One working day was left at the request; it resumes on 01/12.
        (dossier.DueAtUtc, dossier.PromisedDueAtUtc).ShouldBe((Vn(12, 2, 9), Vn(12, 2, 9)));
    }

    [Fact]
    public void Transfer_WithinTheCommune_KeepsTheCompetentUnit_ToANonCompetentKind_IsRefused()
    {
        var b = new DossierBuilder();
        var dossier = b.ReceivedAtDesk();
        var competent = dossier.CompetentUnitId;
        var department = Guid.NewGuid();
        dossier.Transfer(new Dossier.TransferTarget(department, "Văn phòng", competent, "Phường Một", UnitKind.Ward), b.Version, null, DossierBuilder.Desk, Vn(11, 17, 10));
        (dossier.CurrentUnitId, dossier.CompetentUnitId).ShouldBe((department, competent));
        dossier.History[^1].Description.ShouldBe("Chuyển hồ sơ đến Văn phòng");

        var province = Guid.NewGuid();
        var revision = dossier.Revision;
        Should.Throw<DomainException>(() => dossier.Transfer(new Dossier.TransferTarget(province, "UBND tỉnh", province, "Tỉnh Một", UnitKind.Province), b.Version, null, DossierBuilder.Desk, Vn(11, 17, 11)))
            .Message.ShouldContain("không có thẩm quyền");
        (dossier.CurrentUnitId, dossier.CompetentUnitId, dossier.Revision).ShouldBe((department, competent, revision));
    }
}
