using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Forms;

/// <summary>Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the specific reason from the refusal in the
/// history. Its exact layout under Circular 03/2025/TT-VPCP is [to confirm].</summary>
public static class RefusalForm
{
    public const string Number = "Mẫu số 03";

    public sealed record View(
        FormHeader Header, string Salutation, string ApplicantName, string Address, string Phone, string Procedure,
        string Channel, string SubmittedAt, string RefusedAt, string Reason, Signer RefusedBy);

    public const string Title = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ";

    public static byte[] Pdf(View f)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var pdf = new FormPdf($"{Number} - {Title} - {f.Header.DossierCode}");
        pdf.Header(f.Header);
        pdf.Title(Title);
        if (f.Header.DossierCode is { } code) pdf.Centered($"Mã hồ sơ: {code}");
        pdf.Space(6);
        pdf.Paragraph($"Kính gửi: {f.Salutation} {f.ApplicantName}");
        pdf.Paragraph($"Địa chỉ: {f.Address}");
        pdf.Paragraph($"Số điện thoại: {f.Phone}");
        pdf.Paragraph($"{f.Header.IssuerName} nhận được hồ sơ đề nghị giải quyết thủ tục {f.Procedure} (hình thức nộp: {f.Channel}), lúc {f.SubmittedAt}.");
        pdf.Paragraph($"Qua nghiên cứu, xem xét hồ sơ và đối chiếu với các quy định hiện hành, {f.Header.IssuerName} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:");
        pdf.Quote(f.Reason);
        pdf.Paragraph($"Xin thông báo để {f.Salutation} được biết và thực hiện.");
        pdf.Paragraph($"Từ chối lúc {f.RefusedAt}.");
        pdf.Signatures(null, new Signature("NGƯỜI TỪ CHỐI TIẾP NHẬN", "(Ký và ghi rõ họ tên)", f.RefusedBy.Title, f.RefusedBy.Name));
        return pdf.Save();
    }

    public sealed class Builder(FormAccess access, FormHeaders headers)
    {
        public async Task<FormResult<View>> BuildAsync(Guid id, CancellationToken ct)
        {
            var d = await access.HeadAsync(id, ct);
            if (d is null) return FormResult.NotFound<View>();
            var refusal = await access.LastAsync(id, DossierEventKind.Refuse, ct);
            if (refusal is null) return FormResult.Unavailable<View>("Hồ sơ không bị từ chối tiếp nhận.");

            var content = await access.ContentAsync(d.ProcedureVersionId, ct);
            var header = await headers.ForAsync(refusal.UnitId ?? d.ReceivingUnitId, refusal.AtUtc, Number, d.Code, ct);
            var signer = await access.SignerAsync(refusal.ActorId, refusal.ActorName, refusal.ActorRole, ct);
            return FormResult.Of(new View(
                header, FormText.Salutation(d.ApplicantKind), d.ApplicantName, d.Address ?? "", d.Phone ?? "", content.Name,
                d.Channel.DisplayName(), FormText.Time(d.SubmittedAtUtc), FormText.Time(refusal.AtUtc), refusal.Reason ?? "", signer));
        }
    }
}
