using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>A dossier in every status and stage the workflow can reach, built through the aggregate's own operations,
/// with variants for the rows' guards (fees owed or not, a supplement already asked, an apology already sent, an
/// appraisal assigned to someone else).</summary>
public sealed class WorkflowStates(Func<long, Dossier.Intake> intake, ProcedureVersion version, Guid processingUnitId, Guid consultedUnitId, Actor specialist,
    string agencyCode = "000.00.41.H98")
{
    public const long Fee = 50_000;
    public static readonly Actor Clerk = new(Guid.NewGuid(), "Võ Thị Văn Thư", "Văn thư", null, null);
    public static readonly Actor Statistics = new(Guid.NewGuid(), "Đinh Văn Thống", "Văn phòng – Thống kê", null, null);

    private static readonly DateTime T0 = DossierBuilder.T0;
    private static readonly Actor Desk = DossierBuilder.Desk;
    private static readonly Actor Leader = DossierBuilder.Leader;
    private static readonly Actor Citizen = DossierBuilder.Citizen;
    private static int _sequence;

    public Actor Specialist { get; } = specialist;

    /// <summary>When the operation under test is performed: after every step of every state.</summary>
    public static DateTime Now => T0.AddHours(8);

    /// <summary>Named makers of fresh dossiers, each variant once with fees owed and once without.</summary>
    public IReadOnlyList<(string Name, Func<Dossier> Make)> All()
    {
        var states = new List<(string, Func<Dossier>)>();
        foreach (var fee in new[] { 0L, Fee })
        {
            var tag = fee == 0 ? "" : " (phí chưa nộp)";
            states.Add(("Submitted" + tag, () => Submitted(fee)));
            states.Add(("Received" + tag, () => Received(fee)));
            foreach (var stage in Enum.GetValues<ProcessingStage>())
            {
                states.Add(($"InProgress/{stage}{tag}", () => At(stage, fee)));
                states.Add(($"SupplementRequested/{stage}{tag}", () => With(At(stage, fee), d => d.RequestSupplement("Thiếu giấy tờ", ["Bản sao sổ đỏ"], Specialist, T0.AddHours(5)))));
                states.Add(($"AwaitingFinancialObligation/{stage}{tag}", () => With(At(stage, fee), d => d.RequestFinancialObligation("Nộp lệ phí trước bạ", Specialist, T0.AddHours(5)))));
            }
            states.Add(("SupplementRequested before reception" + tag, () => With(Submitted(fee), d => d.RequestSupplement("Thiếu giấy tờ", ["Tờ khai"], Desk, T0.AddHours(1)))));
            states.Add(("SupplementRequested at reception" + tag, () => With(Received(fee), d => d.RequestSupplement("Thiếu giấy tờ", ["Tờ khai"], Desk, T0.AddHours(1)))));
            states.Add(("Decided" + tag, () => With(At(ProcessingStage.AwaitingIssuance, fee), d => d.Decide("Thông báo kết quả", "12/TB", "KQ1", true, Clerk, T0.AddHours(6)))));
        }
        states.Add(("Returned", () => With(At(ProcessingStage.AwaitingIssuance, 0), d =>
        {
            d.Decide("Thông báo kết quả", "12/TB", "KQ1", true, Clerk, T0.AddHours(6));
            d.ReturnResult(ReturnMethod.Electronic, null, Desk, T0.AddHours(7));
        })));
        states.Add(("Refused", () => With(Submitted(0), d => d.Refuse("Hồ sơ không hợp lệ", Desk, T0.AddHours(1)))));
        states.Add(("Withdrawn", () => With(Submitted(0), d => d.Withdraw("Không còn nhu cầu", Citizen, T0.AddHours(1)))));
        states.Add(("Stopped", () => With(Received(0), d => d.Stop("Người nộp đề nghị dừng", Leader, T0.AddHours(1)))));
        // The guards' other side: asked once already, apologized once already, someone else's appraisal.
        states.Add(("Received, supplement answered", () => With(Received(Fee), d =>
        {
            d.RequestSupplement("Thiếu giấy tờ", ["Tờ khai"], Desk, T0.AddHours(1));
            d.AnswerSupplement("Đã bổ sung", DossierBuilder.Calendar, Citizen, T0.AddHours(2));
        })));
        states.Add(("Received, apologized", () => With(Received(0), d =>
            d.Apologize("Chậm do xác minh", d.DueAtUtc!.Value.AddDays(2), DossierBuilder.Calendar, Leader, T0.AddHours(2)))));
        states.Add(("InProgress/Appraisal, assigned to another", () => With(At(ProcessingStage.AwaitingAssignment, 0), d =>
            d.Assign(Guid.NewGuid(), "Chuyên viên khác", Leader, T0.AddHours(1.5)))));
        return states;
    }

    public Dossier Submitted(long fee) => Dossier.Submit(intake(fee), NextCode(), OnlineLevel.Full, Citizen, T0);

    public Dossier Received(long fee) => Dossier.ReceiveInPerson(intake(fee), Channel.Desk, NextCode(), null, DossierBuilder.Calendar, Desk, T0);

    /// <summary>In processing at <paramref name="stage"/>; the appraisal already has its draft.</summary>
    public Dossier At(ProcessingStage stage, long fee)
    {
        var d = Received(fee);
        d.StartProcessing(processingUnitId, "Văn phòng HĐND và UBND", Desk, T0.AddHours(1));
        if (stage == ProcessingStage.AwaitingAssignment) return d;
        d.Assign(Specialist.Id!.Value, Specialist.Name, Leader, T0.AddHours(1.5));
        d.AttachDraftResult(Guid.NewGuid(), "du-thao.pdf", Specialist, T0.AddHours(2));
        if (stage == ProcessingStage.Appraisal) return d;
        if (stage == ProcessingStage.Coordinating)
        {
            d.RequestCoordination(consultedUnitId, "Sở Tài nguyên và Môi trường", "Đề nghị cho ý kiến về nguồn gốc đất", T0.AddHours(26), Specialist, T0.AddHours(2.5));
            return d;
        }
        d.SubmitForApproval(null, Specialist, T0.AddHours(3));
        if (stage == ProcessingStage.AwaitingApproval) return d;
        d.Approve(null, Leader, T0.AddHours(3.5));
        return d;
    }

    /// <summary>The person of a role who performs an operation on <paramref name="d"/>.</summary>
    public Actor ActorFor(WorkflowRole role, Dossier d) => role switch
    {
        WorkflowRole.DeskOfficial => Desk,
        WorkflowRole.Specialist => Specialist,
        WorkflowRole.Leader => Leader,
        WorkflowRole.Clerk => Clerk,
        WorkflowRole.StatisticsOffice => Statistics,
        WorkflowRole.ConsultedUnit => new Actor(Guid.NewGuid(), "Cán bộ Sở", "Chuyên viên",
            d.Coordinations.FirstOrDefault(c => c.AnsweredAtUtc is null)?.UnitId ?? consultedUnitId, "Sở Tài nguyên và Môi trường"),
        WorkflowRole.Applicant => Citizen,
        WorkflowRole.System => Actor.System,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>How each operation is performed on an existing dossier, with arguments that pass every check but the
    /// workflow's own.</summary>
    public void Perform(DossierOperation op, Dossier d, Actor actor)
    {
        var now = Now;
        switch (op)
        {
            case DossierOperation.Receive: d.Receive(version, DossierBuilder.Calendar, actor, now); break;
            case DossierOperation.Refuse: d.Refuse("Hồ sơ không hợp lệ", actor, now); break;
            case DossierOperation.RequestSupplement: d.RequestSupplement("Thiếu giấy tờ", ["Giấy tờ chứng minh chỗ ở"], actor, now); break;
            case DossierOperation.AnswerSupplement: d.AnswerSupplement("Đã bổ sung", DossierBuilder.Calendar, actor, now); break;
            case DossierOperation.StartProcessing: d.StartProcessing(processingUnitId, "Văn phòng HĐND và UBND", actor, now); break;
            case DossierOperation.RequestFinancialObligation: d.RequestFinancialObligation("Nộp thuế", actor, now); break;
            case DossierOperation.FulfilFinancialObligation: d.FulfilFinancialObligation(actor, now); break;
            case DossierOperation.Decide: d.Decide("Kết quả", "1/QĐ", null, true, actor, now); break;
            case DossierOperation.CertifyCopy: d.CertifyCopy("Bản sao điện tử có chứng thực", "SCT/BS-2026-1", actor, now); break;
            case DossierOperation.ReturnResult: d.ReturnResult(ReturnMethod.Electronic, null, actor, now); break;
            case DossierOperation.Withdraw: d.Withdraw("Không còn nhu cầu", actor, now); break;
            case DossierOperation.Stop: d.Stop("Đề nghị dừng", actor, now); break;
            case DossierOperation.Transfer:
                d.Transfer(new Dossier.TransferTarget(Guid.NewGuid(), "Phòng Kinh tế", d.CompetentUnitId, "Phường Một", MotCua.Web.Features.Units.UnitKind.Ward),
                    version, null, actor, now);
                break;
            case DossierOperation.Assign: d.Assign(Guid.NewGuid(), "Chuyên viên khác", actor, now); break;
            case DossierOperation.RequestCoordination:
                d.RequestCoordination(consultedUnitId, "Sở Tài nguyên và Môi trường", "Cho ý kiến", now.AddHours(20), actor, now);
                break;
            case DossierOperation.AnswerCoordination:
                d.AnswerCoordination(d.Coordinations.FirstOrDefault(c => c.AnsweredAtUtc is null)?.Id ?? Guid.NewGuid(), "Đồng ý", actor, now);
                break;
            case DossierOperation.AttachDraft: d.AttachDraftResult(Guid.NewGuid(), "du-thao-2.pdf", actor, now); break;
            case DossierOperation.SubmitForApproval: d.SubmitForApproval(null, actor, now); break;
            case DossierOperation.Approve: d.Approve(null, actor, now); break;
            case DossierOperation.SendBack: d.SendBack("Cần sửa căn cứ pháp lý", actor, now); break;
            case DossierOperation.Apologize:
                d.Apologize("Chậm do xác minh", (d.DueAtUtc ?? now).AddDays(5), DossierBuilder.Calendar, actor, now);
                break;
            case DossierOperation.AttachComponentFile: d.AttachComponentFile(d.Components[0].Id, Guid.NewGuid(), "scan.pdf", true, actor, now); break;
            case DossierOperation.AttachSupplementFile: d.AttachSupplementFile(Guid.NewGuid(), "giay-uy-quyen.pdf", actor, now); break;
            case DossierOperation.AttachResultFile:
                d.AttachResultFile(d.Results.Count > 0 ? d.Results[0].Id : Guid.NewGuid(), Guid.NewGuid(), "ket-qua.pdf", actor, now);
                break;
            case DossierOperation.ReuseComponent: d.MarkComponentReused(d.Components[0].Id, true, null, actor, now); break;
            case DossierOperation.RecordPayment:
                d.RecordPayment(Math.Max(1, d.FeesOwed - d.AmountPaid), PaymentMethod.Desk, "BL" + Guid.NewGuid().ToString("N")[..8], now, actor, now);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Not an operation on an existing dossier.");
        }
    }

    private static Dossier With(Dossier d, Action<Dossier> act)
    {
        act(d);
        return d;
    }

    private string NextCode() => DossierCodeGenerator.Format(agencyCode, new DateOnly(2026, 11, 17), 500_000 + Interlocked.Increment(ref _sequence));
}
