using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Dossiers;

public sealed class DossierRulesTests
{
    private static DateTime Vn(int month, int day, int hour, int minute = 0) => TestClock.Vn(2026, month, day, hour, minute);

    [Fact]
    public void ReceiveInPerson_SevenWorkingDays_IsDueSevenWorkingDaysLaterAtTheSameTime()
    {
        var dossier = new DossierBuilder().ReceivedAtDesk();
        dossier.ReceivedAtUtc.ShouldBe(Vn(11, 17, 9));
        dossier.DueAtUtc.ShouldBe(Vn(11, 26, 9)); // Tue 17/11 + 7 working days, over one weekend
        dossier.OriginalDueAtUtc.ShouldBe(dossier.DueAtUtc);
        dossier.Code!.ShouldMatch(@"^000\.00\.41\.H98-261117-\d{4}$");
        dossier.Steps.Select(s => s.Order).ShouldBe([1, 2, 3, 4]);
        dossier.Steps[0].DueAtUtc.ShouldBe(Vn(11, 17, 14, 45)); // half a working day (3h45) from 09:00, over lunch
        dossier.Steps.Zip(dossier.Steps.Skip(1)).ShouldAllBe(p => p.First.DueAtUtc < p.Second.DueAtUtc);
        dossier.Steps[^1].DueAtUtc.ShouldBe(dossier.DueAtUtc!.Value); // budgets add up to the legal time
    }

    [Fact]
    public void ReceiveInPerson_SameDayProcedureAfterCutoff_IsDueAtCloseOfNextWorkingDay()
    {
        var b = new DossierBuilder(TestData.Certification());
        var before = Dossier.ReceiveInPerson(b.Intake(), Channel.Desk, "000.00.41.H98-261120-0001", null, DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 20, 14, 59));
        before.DueAtUtc.ShouldBe(Vn(11, 20, 17)); // Friday, before 15:00: today
        var after = Dossier.ReceiveInPerson(b.Intake(), Channel.Desk, "000.00.41.H98-261120-0002", null, DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 20, 15, 1));
        after.DueAtUtc.ShouldBe(Vn(11, 23, 17)); // after 15:00 on Friday: Monday
    }

    [Fact]
    public void AnswerSupplement_AfterFiveDaysPause_MovesDueDateByThePause()
    {
        var dossier = new DossierBuilder().InProgress();
        dossier.RequestSupplement("Giấy tờ chứng minh chỗ ở chưa hợp lệ", ["Hợp đồng thuê nhà có công chứng"], DossierBuilder.Specialist, Vn(11, 18, 9));
        dossier.Status.ShouldBe(DossierStatus.SupplementRequested);
        dossier.HasOpenSupplement.ShouldBeTrue();

        dossier.AnswerSupplement("Đã nộp hợp đồng", DossierBuilder.Calendar, DossierBuilder.Citizen, Vn(11, 23, 9));

        // One working day had run; six were left when the clock stopped on Wed 18/11; it resumed on Mon 23/11.
        dossier.DueAtUtc.ShouldBe(Vn(12, 1, 9));
        dossier.OriginalDueAtUtc.ShouldBe(Vn(11, 26, 9));
        var supplement = dossier.Supplements.Single();
        (supplement.State, supplement.DueBeforeUtc, supplement.DueAfterUtc).ShouldBe((SupplementState.Answered, Vn(11, 26, 9), Vn(12, 1, 9)));
        dossier.Pauses.Single().ShouldBe((Vn(11, 18, 9), (DateTime?)Vn(11, 23, 9)));
    }

    [Fact]
    public void RequestSupplement_SecondTime_IsRefusedNamingTheFirstAndChangesNothing()
    {
        var dossier = new DossierBuilder().InProgress();
        dossier.RequestSupplement("Thiếu giấy tờ", ["Tờ khai"], DossierBuilder.Specialist, Vn(11, 18, 9));
        dossier.AnswerSupplement(null, DossierBuilder.Calendar, DossierBuilder.Citizen, Vn(11, 18, 14));
        var revision = dossier.Revision;

        var error = Should.Throw<DomainException>(() => dossier.RequestSupplement("Còn thiếu", ["Bản sao giấy khai sinh"], DossierBuilder.Specialist, Vn(11, 19, 9)));

        error.Message.ShouldContain("chỉ yêu cầu bổ sung một lần");
        error.Message.ShouldContain("18/11/2026");
        (dossier.Status, dossier.SupplementCount, dossier.Supplements.Count, dossier.Revision).ShouldBe((DossierStatus.InProgress, 1, 1, revision));
    }

    [Fact]
    public void RequestSupplement_AskedBeforeReception_IsTheOneRequest_SoProcessingCannotAskAgain()
    {
        var b = new DossierBuilder();
        var dossier = b.Submitted();
        dossier.RequestSupplement("Thiếu giấy tờ", ["Tờ khai có chữ ký"], DossierBuilder.Desk, Vn(11, 17, 10));
        dossier.AnswerSupplement(null, DossierBuilder.Calendar, DossierBuilder.Citizen, Vn(11, 17, 14));
        dossier.Receive(b.Version, DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 17, 15));
        dossier.StartProcessing(Guid.NewGuid(), "Văn phòng", DossierBuilder.Desk, Vn(11, 17, 16));

        Should.Throw<DomainException>(() => dossier.RequestSupplement("Còn thiếu", ["Bản sao"], DossierBuilder.Specialist, Vn(11, 18, 9)))
            .Message.ShouldContain("17/11/2026");
        dossier.Status.ShouldBe(DossierStatus.InProgress);
    }

    [Fact]
    public void RequestSupplement_WithoutListingWhatIsMissing_IsRefusedAndChangesNothing()
    {
        var dossier = new DossierBuilder().InProgress();
        var revision = dossier.Revision;
        Should.Throw<DomainException>(() => dossier.RequestSupplement("Thiếu", [" "], DossierBuilder.Specialist, Vn(11, 18, 9)))
            .Message.ShouldContain("liệt kê đầy đủ");
        (dossier.Status, dossier.Revision, dossier.SupplementCount).ShouldBe((DossierStatus.InProgress, revision, 0));
    }

    [Fact]
    public void Apologize_SecondTime_IsRefusedWithTheDateAlreadyGiven()
    {
        var dossier = new DossierBuilder().InProgress();
        dossier.Apologize("Cần xác minh nơi cư trú", Vn(12, 3, 17), DossierBuilder.Calendar, DossierBuilder.Leader, Vn(11, 25, 9));
        (dossier.OriginalDueAtUtc, dossier.DueAtUtc, dossier.PromisedDueAtUtc).ShouldBe((Vn(11, 26, 9), Vn(11, 26, 9), Vn(12, 3, 17)));
        dossier.Apology!.PreviousDueUtc.ShouldBe(Vn(11, 26, 9));

        var error = Should.Throw<DomainException>(() => dossier.Apologize("Lại chậm", Vn(12, 10, 17), DossierBuilder.Calendar, DossierBuilder.Leader, Vn(12, 2, 9)));
        error.Message.ShouldContain("chỉ được hẹn lại một lần");
        error.Message.ShouldContain("03/12/2026");
        dossier.PromisedDueAtUtc.ShouldBe(Vn(12, 3, 17));
    }

    [Fact]
    public void Apologize_WithNewDateNotLater_IsRefused()
    {
        var dossier = new DossierBuilder().InProgress();
        Should.Throw<DomainException>(() => dossier.Apologize("Chậm", Vn(11, 26, 9), DossierBuilder.Calendar, DossierBuilder.Leader, Vn(11, 25, 9)))
            .Message.ShouldContain("phải sau ngày hẹn trả hiện tại");
        dossier.Apology.ShouldBeNull();
    }

    [Fact]
    public void ReturnResult_WhenLate_IsNeverBlocked()
    {
        var dossier = new DossierBuilder().Approved();
        dossier.Decide("Thông báo kết quả", "5/TB", null, true, DossierBuilder.Leader, Vn(12, 4, 10));
        dossier.IsLate(Vn(12, 4, 10)).ShouldBeTrue();
        dossier.History[^1].Description.ShouldContain("trễ hạn");

        dossier.ReturnResult(ReturnMethod.Desk, "Phạm Văn Dân", DossierBuilder.Desk, Vn(12, 4, 14));

        (dossier.Status, dossier.ReturnedAtUtc, dossier.ReceivedResultBy).ShouldBe((DossierStatus.Returned, Vn(12, 4, 14), "Phạm Văn Dân"));
        dossier.ProcessingEndedAtUtc.ShouldBe(Vn(12, 4, 10));
        dossier.Steps.ShouldAllBe(s => s.CompletedAtUtc != null);
    }

    [Fact]
    public void ReturnResult_WithFeesUnpaid_AsksForPaymentFirst_ThenSucceeds()
    {
        var dossier = new DossierBuilder().Approved(fee: 20_000);
        dossier.Decide("Kết quả", null, null, true, DossierBuilder.Leader, Vn(11, 18, 10));

        Should.Throw<DomainException>(() => dossier.ReturnResult(ReturnMethod.Electronic, null, DossierBuilder.Desk, Vn(11, 18, 11)))
            .Message.ShouldBe("Người nộp còn phải nộp 20.000 ₫ phí, lệ phí trước khi nhận kết quả.");

        dossier.RecordPayment(20_000, PaymentMethod.LocalGateway, "GD123", Vn(11, 18, 11), DossierBuilder.Citizen, Vn(11, 18, 11));
        dossier.RecordPayment(20_000, PaymentMethod.LocalGateway, "GD123", Vn(11, 18, 11), DossierBuilder.Citizen, Vn(11, 18, 11)); // gateway retry
        (dossier.AmountPaid, dossier.OnlinePaymentKind).ShouldBe((20_000, 2));
        Should.Throw<DomainException>(() => dossier.RecordPayment(1, PaymentMethod.Desk, "BL1", Vn(11, 18, 11), DossierBuilder.Desk, Vn(11, 18, 11)))
            .Message.ShouldContain("vượt quá");

        dossier.ReturnResult(ReturnMethod.Electronic, null, DossierBuilder.Desk, Vn(11, 18, 11));
        dossier.Status.ShouldBe(DossierStatus.Returned);
    }

    [Fact]
    public void ReturnResult_AtTheDeskWithoutReceiverName_IsRefused()
    {
        var dossier = new DossierBuilder().Decided();
        Should.Throw<DomainException>(() => dossier.ReturnResult(ReturnMethod.Desk, " ", DossierBuilder.Desk, Vn(11, 19, 9)))
            .Message.ShouldContain("người nhận kết quả");
        dossier.Status.ShouldBe(DossierStatus.Decided);
    }

    [Fact]
    public void ReceiveInPerson_PostalWithoutPostmark_OrOnlineOnlyProcedure_IsRefused()
    {
        var b = new DossierBuilder();
        Should.Throw<DomainException>(() => Dossier.ReceiveInPerson(b.Intake(), Channel.Postal, "X-1", null, DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 17, 9)))
            .Message.ShouldContain("dấu bưu điện");

        var pilot = new DossierBuilder(TestData.Residence() with { OnlineOnlyPilot = true });
        Should.Throw<DomainException>(() => Dossier.ReceiveInPerson(pilot.Intake(), Channel.Desk, "X-2", null, DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 17, 9)))
            .Message.ShouldContain("chỉ tiếp nhận trực tuyến");

        var postal = Dossier.ReceiveInPerson(b.Intake(), Channel.Postal, "X-3", Vn(11, 14, 10), DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 17, 9));
        (postal.PostmarkAtUtc, postal.SubmittedAtUtc, postal.ReceivedAtUtc).ShouldBe((Vn(11, 14, 10), Vn(11, 14, 10), Vn(11, 17, 9)));
    }

    [Fact]
    public void Submit_ProcedureWithoutOnlineService_IsRefused()
    {
        var b = new DossierBuilder(TestData.Residence() with { OnlineLevel = OnlineLevel.None, EligibleForFullOnline = false });
        Should.Throw<DomainException>(() => Dossier.Submit(b.Intake(), "X-1", OnlineLevel.Full, DossierBuilder.Citizen, Vn(11, 17, 9)))
            .Message.ShouldContain("chưa cung cấp dịch vụ công trực tuyến");
    }

    [Fact]
    public void Receive_OnlineDossierSubmittedAtNight_StartsTheClockAtReception()
    {
        var b = new DossierBuilder();
        var dossier = Dossier.Submit(b.Intake(), "X-1", OnlineLevel.Full, DossierBuilder.Citizen, Vn(11, 21, 22)); // Saturday night
        dossier.DueAtUtc.ShouldBeNull();
        dossier.Receive(b.Version, DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 23, 8));
        (dossier.ReceivedAtUtc, dossier.DueAtUtc).ShouldBe((Vn(11, 23, 8), Vn(12, 2, 8)));
    }

    [Fact]
    public void EveryChange_RecordsWhoRoleUnitWhenWhatAndWhy()
    {
        var dossier = new DossierBuilder().ReceivedAtDesk();
        dossier.Stop("Người nộp có đơn đề nghị dừng", DossierBuilder.Leader, Vn(11, 18, 10));

        var e = dossier.History[^1];
        (e.ActorId, e.ActorName, e.ActorRole, e.UnitId, e.UnitName).ShouldBe(
            (DossierBuilder.Leader.Id, "Lê Thu Hằng", "Lãnh đạo", DossierBuilder.Leader.UnitId, "UBND phường Một"));
        (e.AtUtc, e.FromStatus, e.ToStatus, e.Reason).ShouldBe((Vn(11, 18, 10), (DossierStatus?)DossierStatus.Received, DossierStatus.Stopped, "Người nộp có đơn đề nghị dừng"));
        e.Description.ShouldBe("Dừng xử lý hồ sơ");
        dossier.History.Select(h => h.Sequence).ShouldBe([1, 2]);
        dossier.SyncState.ShouldBe(SyncState.Pending);
    }

    [Fact]
    public void Withdraw_WithoutReason_IsRefusedInVietnamese()
    {
        var dossier = new DossierBuilder().Submitted();
        Should.Throw<DomainException>(() => dossier.Withdraw("  ", DossierBuilder.Citizen, Vn(11, 17, 10))).Message.ShouldBe("Chưa nhập lý do rút hồ sơ.");
        dossier.Status.ShouldBe(DossierStatus.Submitted);
    }

    [Fact]
    public void Transfer_CrossBoundary_MovesTheDossierAndKeepsItsStatus()
    {
        var b = new DossierBuilder();
        var dossier = b.ReceivedAtDesk();
        var competent = Guid.NewGuid();
        var to = new Dossier.TransferTarget(competent, "Xã Hai", competent, "Xã Hai", MotCua.Web.Features.Units.UnitKind.Commune);
        dossier.Transfer(to, b.Version, "Người dân cư trú tại xã Hai", DossierBuilder.Desk, Vn(11, 17, 10));
        (dossier.CurrentUnitId, dossier.CompetentUnitId, dossier.Status).ShouldBe((competent, competent, DossierStatus.Received));
        dossier.History[^1].Kind.ShouldBe(DossierEventKind.Transfer);
        Should.Throw<DomainException>(() => dossier.Transfer(to, b.Version, null, DossierBuilder.Desk, Vn(11, 17, 11)));
    }

    [Fact]
    public void AttachComponentFile_ScannedAtTheDesk_MarksTheComponentDigitized()
    {
        var dossier = new DossierBuilder().ReceivedAtDesk();
        var component = dossier.Components.Single();
        dossier.AttachComponentFile(component.Id, Guid.NewGuid(), "to-khai.pdf", scannedFromPaper: true, DossierBuilder.Desk, Vn(11, 17, 9, 5));
        component.Digitized.ShouldBeTrue();
        dossier.Files.Single().ComponentId.ShouldBe(component.Id);
        dossier.MarkComponentReused(component.Id, fromCitizenStore: true, "KQ-1", DossierBuilder.Desk, Vn(11, 17, 9, 6));
        (component.Reused, component.FromCitizenStore, component.ReplacedByResultCode).ShouldBe((true, true, "KQ-1"));
    }
}

public sealed class DossierProcessingTests
{
    private static DateTime Vn(int month, int day, int hour, int minute = 0) => TestClock.Vn(2026, month, day, hour, minute);

    [Fact]
    public void Processing_AlongTheWorkflow_MovesThroughEachStageAndCompletesTheSteps()
    {
        var dossier = new DossierBuilder().ReceivedAtDesk();
        dossier.StartProcessing(Guid.NewGuid(), "Văn phòng HĐND và UBND", DossierBuilder.Desk, Vn(11, 17, 10));
        (dossier.Stage, dossier.CurrentStep!.Order).ShouldBe((ProcessingStage.AwaitingAssignment, 2));
        dossier.Steps[0].CompletedAtUtc.ShouldBe(Vn(11, 17, 10));

        dossier.Assign(DossierBuilder.Specialist.Id!.Value, DossierBuilder.Specialist.Name, DossierBuilder.Leader, Vn(11, 17, 11));
        (dossier.Stage, dossier.AssigneeName, dossier.CurrentStep!.AssigneeName).ShouldBe((ProcessingStage.Appraisal, "Trần Minh Khôi", "Trần Minh Khôi"));

        Should.Throw<DomainException>(() => dossier.SubmitForApproval(null, DossierBuilder.Specialist, Vn(11, 18, 9)))
            .Message.ShouldContain("Chưa có dự thảo kết quả");
        dossier.AttachDraftResult(Guid.NewGuid(), "du-thao.docx", DossierBuilder.Specialist, Vn(11, 18, 9));
        dossier.SubmitForApproval("Đủ điều kiện", DossierBuilder.Specialist, Vn(11, 18, 9));
        (dossier.Stage, dossier.CurrentStep!.Order).ShouldBe((ProcessingStage.AwaitingApproval, 3));

        dossier.SendBack("Sửa lại địa chỉ", DossierBuilder.Leader, Vn(11, 18, 10));
        (dossier.Stage, dossier.CurrentStep!.Order).ShouldBe((ProcessingStage.Appraisal, 2));
        dossier.History[^1].Reason.ShouldBe("Sửa lại địa chỉ");
        dossier.SubmitForApproval(null, DossierBuilder.Specialist, Vn(11, 18, 14));
        Should.Throw<DomainException>(() => dossier.Decide("KQ", null, null, true, DossierBuilder.Leader, Vn(11, 18, 15)))
            .Message.ShouldContain("sau khi lãnh đạo phê duyệt");
        dossier.Approve(null, DossierBuilder.Leader, Vn(11, 19, 9));
        (dossier.Stage, dossier.CurrentStep!.Order).ShouldBe((ProcessingStage.AwaitingIssuance, 4));

        dossier.Decide("Thông báo kết quả đăng ký thường trú", "15/TB-CAX", "KQ15", true, DossierBuilder.Leader, Vn(11, 19, 10));
        (dossier.Status, dossier.Stage).ShouldBe((DossierStatus.Decided, (ProcessingStage?)null));
        dossier.Steps.ShouldAllBe(s => s.CompletedAtUtc != null);
        dossier.History.Select(h => h.Kind.ToString()).ShouldBe(["Receive", "StartProcessing", "Assign", "AttachDraft", "SubmitForApproval", "SendBack", "SubmitForApproval", "Approve", "Decide"]);
    }

    [Fact]
    public void Coordination_WaitsForTheOtherUnitWithItsOwnDeadline()
    {
        var dossier = new DossierBuilder().InProgress();
        var other = Guid.NewGuid();
        Should.Throw<DomainException>(() => dossier.RequestCoordination(other, "Công an xã", "Xác minh", Vn(12, 30, 9), DossierBuilder.Specialist, Vn(11, 18, 9)))
            .Message.ShouldContain("không được sau ngày hẹn trả");
        var c = dossier.RequestCoordination(other, "Công an xã", "Đề nghị xác minh nơi cư trú", Vn(11, 20, 17), DossierBuilder.Specialist, Vn(11, 18, 9));
        (dossier.Stage, dossier.HasOpenCoordination).ShouldBe((ProcessingStage.Coordinating, true));
        Should.Throw<DomainException>(() => dossier.AttachDraftResult(Guid.NewGuid(), "x.pdf", DossierBuilder.Specialist, Vn(11, 18, 10)));

        var stranger = DossierBuilder.Desk with { UnitId = Guid.NewGuid() };
        Should.Throw<DomainException>(() => dossier.AnswerCoordination(c.Id, "Đồng ý", stranger, Vn(11, 19, 9))).Message.ShouldContain("Chỉ Công an xã");
        var police = new Actor(Guid.NewGuid(), "Đại úy Lâm", "Chuyên viên", other, "Công an xã");
        dossier.AnswerCoordination(c.Id, "Đã xác minh, người dân cư trú thực tế tại địa chỉ", police, Vn(11, 23, 9));

        (dossier.Stage, c.AnsweredBy, c.AnsweredAtUtc).ShouldBe((ProcessingStage.Appraisal, "Đại úy Lâm", Vn(11, 23, 9)));
        dossier.History[^1].Description.ShouldContain("quá hạn phối hợp"); // due Fri 20/11 17:00, answered Mon 23/11
    }
}
