using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Forms;

/// <summary>Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over, rebuilt from the history
/// and judged against the due date of the step the giver was working on. Its exact layout under Circular
/// 03/2025/TT-VPCP is [to confirm].</summary>
public static partial class ControlSlipForm
{
    public const string Number = "Mẫu số 06";

    public enum Timing { None, Early, OnTime, Late }

    /// <param name="At">One time for giving and receiving: in the system a hand-over is a single act.</param>
    public sealed record Row(
        int Number, string Step, string GiverUnit, string Giver, DateTime AtUtc, string At, string ReceiverUnit, string Receiver,
        Timing Timing, string Result, string Note);

    public sealed record StepDue(int Order, WorkflowStepPlace Place, DateTime DueAtUtc);

    public sealed record CoordinationDue(string UnitName, DateTime RequestedAtUtc, DateTime DueAtUtc, DateTime? AnsweredAtUtc, string? AnsweredBy);

    public sealed record View(
        FormHeader Header, string Code, string ApplicantName, string Address, string Phone, string Procedure, int Sets, string ReceivedAt,
        string OriginalDueAt, string DueAt, string Status, IReadOnlyList<Row> Rows);

    public const string Title = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ";

    public static byte[] Pdf(View f)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var pdf = new FormPdf($"{Number} - {Title} - {f.Code}");
        pdf.Header(f.Header);
        pdf.Title(Title);
        pdf.Centered($"Mã hồ sơ: {f.Code}");
        pdf.Space(6);
        pdf.Paragraph($"Người nộp hồ sơ: {f.ApplicantName}");
        pdf.Paragraph($"Địa chỉ, số điện thoại: {FormText.Join(f.Address, f.Phone)}");
        pdf.Paragraph($"Thủ tục: {f.Procedure}");
        pdf.Paragraph($"Số lượng hồ sơ: {f.Sets} (bộ)");
        pdf.Paragraph($"Thời gian nhận hồ sơ: {f.ReceivedAt}");
        pdf.Paragraph($"Thời gian hẹn trả kết quả: {f.DueAt}{(f.OriginalDueAt != f.DueAt ? $" (hẹn ban đầu: {f.OriginalDueAt})" : "")}");
        pdf.Paragraph($"Trạng thái: {f.Status}");
        pdf.Table([0.5, 1.5, 2.2, 1.4, 2.2, 1.2, 1.6],
            ["STT", "Nội dung", "Bên giao", "Thời gian giao, nhận", "Bên nhận", "Kết quả", "Ghi chú"],
            f.Rows.Select(r => new[]
            {
                r.Number.ToString(CultureInfo.InvariantCulture), r.Step, FormText.Join(r.Giver, r.GiverUnit), r.At,
                FormText.Join(r.Receiver, r.ReceiverUnit), r.Result, r.Note,
            }), small: true);
        return pdf.Save();
    }

    public static readonly IReadOnlyList<XlsxColumn> Columns =
    [
        new("Mã hồ sơ", 26), new("STT", 5), new("Nội dung", 22), new("Đơn vị giao", 30), new("Người giao", 22),
        new("Thời gian giao, nhận", 17), new("Đơn vị nhận", 30), new("Người nhận", 22), new("Kết quả", 11), new("Ghi chú", 40),
    ];

    private static readonly Dictionary<DossierEventKind, string> Steps = new()
    {
        [DossierEventKind.Receive] = "Tiếp nhận hồ sơ",
        [DossierEventKind.StartProcessing] = "Chuyển xử lý",
        [DossierEventKind.Transfer] = "Chuyển hồ sơ",
        [DossierEventKind.Assign] = "Phân công xử lý",
        [DossierEventKind.RequestCoordination] = "Lấy ý kiến phối hợp",
        [DossierEventKind.AnswerCoordination] = "Trả lời phối hợp",
        [DossierEventKind.SubmitForApproval] = "Trình ký",
        [DossierEventKind.SendBack] = "Trả lại dự thảo",
        [DossierEventKind.Approve] = "Phê duyệt, ký",
        [DossierEventKind.Decide] = "Phát hành kết quả",
        [DossierEventKind.RequestSupplement] = "Yêu cầu bổ sung",
        [DossierEventKind.AnswerSupplement] = "Nhận hồ sơ bổ sung",
        [DossierEventKind.ReturnResult] = "Trả kết quả",
        [DossierEventKind.Refuse] = "Từ chối tiếp nhận",
        [DossierEventKind.Withdraw] = "Rút hồ sơ",
        [DossierEventKind.Stop] = "Dừng xử lý",
    };

    // The history keeps the target unit only in the description (see Dossier.StartProcessing and Dossier.Transfer).
    [GeneratedRegex(@"^Chuyển hồ sơ đến (?<unit>.+?)(?: để xử lý)?$")]
    private static partial Regex HandedTo();

    [GeneratedRegex(@"^Phân công (?<name>.+?) thẩm định, xử lý$")]
    private static partial Regex AssignedTo();

    public sealed class Builder(AppDbContext db, FormAccess access, FormHeaders headers)
    {
        public async Task<FormResult<View>> BuildAsync(Guid id, CancellationToken ct)
        {
            var d = await access.HeadAsync(id, ct);
            if (d is null) return FormResult.NotFound<View>();
            if (d.ReceivedAtUtc is not { } received)
                return FormResult.Unavailable<View>("Hồ sơ chưa được tiếp nhận nên chưa có Phiếu kiểm soát quá trình giải quyết.");

            var history = await access.HistoryAsync(id, ct);
            var steps = await db.Set<DossierStep>().AsNoTracking().Where(s => s.DossierId == id)
                .Select(s => new StepDue(s.Order, s.Place, s.DueAtUtc)).ToListAsync(ct);
            var coordinations = await db.Set<Coordination>().AsNoTracking().Where(c => c.DossierId == id)
                .Select(c => new CoordinationDue(c.UnitName, c.RequestedAtUtc, c.DueAtUtc, c.AnsweredAtUtc, c.AnsweredBy)).ToListAsync(ct);
            var content = await access.ContentAsync(d.ProcedureVersionId, ct);
            var header = await headers.ForAsync(d.ReceivingUnitId, received, Number, d.Code, ct);
            var rows = RowsOf(history, steps, coordinations, d.ApplicantName, d.ReceivedResultBy, d.DueAtUtc);
            return FormResult.Of(new View(
                header, d.Code ?? "", d.ApplicantName, d.Address ?? "", d.Phone ?? "", content.Name, d.Sets, FormText.Time(received),
                FormText.Time(d.OriginalDueAtUtc), FormText.Time(d.DueAtUtc), d.Status.DisplayName(), rows));
        }
    }

    public static void WriteXlsx(View view, Stream output)
    {
        using var xlsx = XlsxWriter.Create(output, "Phiếu kiểm soát", Columns);
        foreach (var r in view.Rows)
            xlsx.WriteRow([view.Code, r.Number.ToString(CultureInfo.InvariantCulture), r.Step, r.GiverUnit, r.Giver,
                FormText.DateAndTime(r.AtUtc), r.ReceiverUnit, r.Receiver, r.Result, r.Note]);
    }

    /// <summary>The hand-overs in order. The receiver of an internal hand-over is whoever acted next (the head who
    /// assigned, the leader who signed, the clerk who issued...); a row whose receiver has not acted yet is left
    /// blank, to be filled in by hand on the printed slip.</summary>
    public static IReadOnlyList<Row> RowsOf(
        IReadOnlyList<HistoryEntry> history, IReadOnlyList<StepDue> steps, IReadOnlyList<CoordinationDue> coordinations,
        string applicant, string? resultReceiver, DateTime? dossierDue)
    {
        var handOvers = history.Where(e => Steps.ContainsKey(e.Kind)).OrderBy(e => e.Sequence).ToList();
        var rows = new List<Row>(handOvers.Count);
        for (var i = 0; i < handOvers.Count; i++)
        {
            var e = handOvers[i];
            var next = i + 1 < handOvers.Count ? handOvers[i + 1] : null;
            var official = (Unit: e.UnitName ?? "", Name: e.ActorName);
            var nextOfficial = (Unit: next?.UnitName ?? "", Name: next?.ActorName ?? "");
            var citizen = (Unit: "", Name: applicant);
            var (giver, receiver) = e.Kind switch
            {
                DossierEventKind.Receive or DossierEventKind.AnswerSupplement => (citizen, official),
                DossierEventKind.ReturnResult => (official, (Unit: "", Name: resultReceiver ?? applicant)),
                DossierEventKind.RequestSupplement or DossierEventKind.Refuse or DossierEventKind.Withdraw
                    or DossierEventKind.Stop => (official, citizen),
                DossierEventKind.StartProcessing or DossierEventKind.Transfer => (official, (Unit: Match(HandedTo(), e.Description, "unit") ?? nextOfficial.Unit, nextOfficial.Name)),
                DossierEventKind.Assign => (official, (nextOfficial.Unit, Name: Match(AssignedTo(), e.Description, "name") ?? nextOfficial.Name)),
                DossierEventKind.RequestCoordination => (official, CoordinationAsked(coordinations, e.AtUtc)),
                _ => (official, nextOfficial),
            };
            var due = DueOf(e, steps, coordinations, dossierDue);
            var timing = Judge(e.AtUtc, due);
            rows.Add(new Row(i + 1, Steps[e.Kind], giver.Unit, giver.Name, e.AtUtc, FormText.DateAndTime(e.AtUtc), receiver.Unit, receiver.Name,
                timing, TimingText(timing), e.Reason ?? ""));
        }
        return rows;
    }

    private static (string Unit, string Name) CoordinationAsked(IReadOnlyList<CoordinationDue> coordinations, DateTime at)
    {
        var c = coordinations.FirstOrDefault(x => x.RequestedAtUtc == at);
        return c is null ? ("", "") : (c.UnitName, c.AnsweredBy ?? "");
    }

    private static string? Match(Regex regex, string text, string group)
    {
        var m = regex.Match(text);
        return m.Success ? m.Groups[group].Value : null;
    }

    /// <summary>The due date of what the giver was doing: the desk's steps when it hands the dossier on, the
    /// specialist's when the draft goes up, the leader's when it is signed or sent back, the clerk's at issuance,
    /// the coordination's own date for an answer, the appointment with the applicant at the return. A workflow
    /// without such a step is judged against the dossier's due date.</summary>
    private static DateTime? DueOf(HistoryEntry e, IReadOnlyList<StepDue> steps, IReadOnlyList<CoordinationDue> coordinations, DateTime? dossierDue)
    {
        WorkflowStepPlace[] places = e.Kind switch
        {
            DossierEventKind.StartProcessing => [WorkflowStepPlace.OneStopDesk],
            DossierEventKind.Transfer when e.FromStatus == DossierStatus.Received => [WorkflowStepPlace.OneStopDesk],
            DossierEventKind.Transfer or DossierEventKind.Assign or DossierEventKind.SubmitForApproval or DossierEventKind.RequestCoordination => [WorkflowStepPlace.Department, WorkflowStepPlace.CoordinatingUnit],
            DossierEventKind.AnswerCoordination => [WorkflowStepPlace.CoordinatingUnit],
            DossierEventKind.Approve or DossierEventKind.SendBack => [WorkflowStepPlace.Leadership],
            DossierEventKind.Decide => [WorkflowStepPlace.Clerk],
            _ => [],
        };
        if (e.Kind == DossierEventKind.AnswerCoordination && coordinations.FirstOrDefault(c => c.AnsweredAtUtc == e.AtUtc) is { } answered)
            return answered.DueAtUtc;
        if (e.Kind == DossierEventKind.ReturnResult) return dossierDue;
        if (places.Length == 0) return null;
        var matching = steps.Where(s => places.Contains(s.Place)).ToList();
        return matching.Count > 0 ? matching.Max(s => s.DueAtUtc) : dossierDue;
    }

    /// <summary>On the due date's own day is "đúng hạn", a day or more before is "trước hạn", after it "quá hạn".</summary>
    public static Timing Judge(DateTime atUtc, DateTime? dueUtc)
    {
        if (dueUtc is not { } due) return Timing.None;
        if (atUtc > due) return Timing.Late;
        return VietnamTime.ToLocal(atUtc).Date == VietnamTime.ToLocal(due).Date ? Timing.OnTime : Timing.Early;
    }

    public static string TimingText(Timing timing) => timing switch
    {
        Timing.Early => "Trước hạn",
        Timing.OnTime => "Đúng hạn",
        Timing.Late => "Quá hạn",
        _ => "",
    };
}
