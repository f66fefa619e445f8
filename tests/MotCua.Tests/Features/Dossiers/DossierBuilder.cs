using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>Builds dossiers in memory, in any status, through the aggregate's own operations.</summary>
public sealed class DossierBuilder
{
    public static readonly WorkingCalendar Calendar = WorkingCalendar.FromRules(2025, 2027);
    public static readonly Actor Desk = new(Guid.NewGuid(), "Nguyễn Thị Lan", "Cán bộ một cửa", Guid.NewGuid(), "Trung tâm Phục vụ hành chính công phường Một");
    public static readonly Actor Specialist = new(Guid.NewGuid(), "Trần Minh Khôi", "Chuyên viên", Guid.NewGuid(), "Văn phòng HĐND và UBND");
    public static readonly Actor Leader = new(Guid.NewGuid(), "Lê Thu Hằng", "Lãnh đạo", Guid.NewGuid(), "UBND phường Một");
    public static readonly Actor Citizen = Actor.Applicant(null, "Phạm Văn Dân");

    private static int _sequence;

    public ProcedureVersion Version { get; }

    public DossierBuilder(ProcedureContent? content = null)
    {
        var procedure = new Procedure(Guid.NewGuid(), "1.004222");
        Version = procedure.Publish(content ?? TestData.Residence(), DateTime.UtcNow.AddYears(-1), null);
    }

    /// <summary>Tuesday 17/11/2026 09:00 in Vietnam.</summary>
    public static DateTime T0 => TestClock.Vn(2026, 11, 17, 9, 0);

    public Dossier.Intake Intake(long fee = 0) => new(
        Guid.NewGuid(), Version, Guid.NewGuid(), Guid.NewGuid(),
        Applicant.Create(ApplicantKind.Person, "Phạm Văn Dân", "079095001234", "0912345678", "dan@example.vn", "Khu phố 1, phường Một"),
        "Đăng ký thường trú", [new DossierComponent("TK", "Tờ khai", ComponentForm.Original, 1)],
        fee == 0 ? [] : [new FeeLine("LP", "Lệ phí", FeeKind.Fee, fee, "", false)],
        "ABCD2345");

    public Dossier Submitted(long fee = 0) => Dossier.Submit(Intake(fee), NextCode(), OnlineLevel.Full, Citizen, T0);

    public Dossier ReceivedAtDesk(long fee = 0) => Dossier.ReceiveInPerson(Intake(fee), Channel.Desk, NextCode(), null, Calendar, Desk, T0);

    /// <summary>Handed to the department and assigned: the specialist is appraising it.</summary>
    public Dossier InProgress(long fee = 0)
    {
        var d = ReceivedAtDesk(fee);
        d.StartProcessing(Guid.NewGuid(), "Văn phòng HĐND và UBND", Desk, T0.AddHours(1));
        d.Assign(Specialist.Id!.Value, Specialist.Name, Leader, T0.AddHours(1.5));
        return d;
    }

    /// <summary>Drafted, submitted for signature and signed: the clerk may issue it.</summary>
    public Dossier Approved(long fee = 0) => SignOff(InProgress(fee), T0.AddHours(3));

    public static Dossier SignOff(Dossier d, DateTime at)
    {
        d.AttachDraftResult(Guid.NewGuid(), "du-thao.pdf", Specialist, at);
        d.SubmitForApproval(null, Specialist, at);
        d.Approve(null, Leader, at.AddMinutes(30));
        return d;
    }

    public Dossier Decided()
    {
        var d = Approved();
        d.Decide("Thông báo kết quả", "12/TB", "KQ1", true, Leader, T0.AddDays(1));
        return d;
    }

    /// <summary>A canonical dossier in each status; null means "not created yet".</summary>
    public Dossier In(DossierStatus status) => status switch
    {
        DossierStatus.Submitted => Submitted(),
        DossierStatus.Received => ReceivedAtDesk(),
        DossierStatus.Refused => Dossier.RefuseInPerson(Intake(), Channel.Desk, NextCode(), "Không thuộc thẩm quyền", Desk, T0),
        DossierStatus.InProgress => Approved(),
        DossierStatus.SupplementRequested => With(Submitted(), d => d.RequestSupplement("Thiếu giấy tờ", ["Tờ khai có chữ ký"], Desk, T0.AddHours(1))),
        DossierStatus.AwaitingFinancialObligation => With(InProgress(), d => d.RequestFinancialObligation("Nộp lệ phí trước bạ", Specialist, T0.AddHours(2))),
        DossierStatus.Withdrawn => With(Submitted(), d => d.Withdraw("Không còn nhu cầu", Citizen, T0.AddHours(1))),
        DossierStatus.Stopped => With(ReceivedAtDesk(), d => d.Stop("Người nộp đề nghị dừng", Leader, T0.AddHours(1))),
        DossierStatus.Decided => Decided(),
        DossierStatus.Returned => With(Decided(), d => d.ReturnResult(ReturnMethod.Electronic, null, Desk, T0.AddDays(2))),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static Dossier With(Dossier d, Action<Dossier> act)
    {
        act(d);
        return d;
    }

    private static string NextCode() => DossierCodeGenerator.Format("000.00.41.H98", new DateOnly(2026, 11, 17), Interlocked.Increment(ref _sequence));
}
