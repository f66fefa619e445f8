using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Forms;

/// <summary>Mẫu số 05 — Thông báo dừng giải quyết hồ sơ, from the stop in the history (reason and date). Its exact
/// layout under Circular 03/2025/TT-VPCP is [to confirm].</summary>
public static class StopForm
{
    public const string Number = "Mẫu số 05";

    public sealed record View(
        FormHeader Header, string Salutation, string ApplicantName, string Address, string Procedure, string ReceivedAt,
        string StoppedAt, string Reason, Signer StoppedBy);

    public const string Title = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ";

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
        pdf.Paragraph($"{f.Header.IssuerName} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục {f.Procedure} của {f.Salutation} lúc {f.ReceivedAt}, mã hồ sơ {f.Header.DossierCode}.");
        pdf.Paragraph($"{f.Header.IssuerName} thông báo dừng giải quyết hồ sơ nêu trên kể từ {f.StoppedAt}.");
        pdf.Paragraph("Lý do dừng giải quyết:");
        pdf.Quote(f.Reason);
        pdf.Paragraph($"Xin thông báo để {f.Salutation} được biết./.");
        pdf.Signatures(null, new Signature(FormText.Upper(f.StoppedBy.Title), "(Ký, ghi rõ họ tên và đóng dấu)", null, f.StoppedBy.Name));
        return pdf.Save();
    }

    public sealed class Builder(FormAccess access, FormHeaders headers)
    {
        public async Task<FormResult<View>> BuildAsync(Guid id, CancellationToken ct)
        {
            var d = await access.HeadAsync(id, ct);
            if (d is null) return FormResult.NotFound<View>();
            var stop = await access.LastAsync(id, DossierEventKind.Stop, ct);
            if (stop is null) return FormResult.Unavailable<View>("Hồ sơ không bị dừng giải quyết.");

            // Stopping is the competent unit's decision, announced in its people's committee's name.
            var committee = await headers.AdministrativeUnitOfAsync(d.CompetentUnitId, ct);
            var content = await access.ContentAsync(d.ProcedureVersionId, ct);
            var header = await headers.ForAsync(committee, stop.AtUtc, Number, d.Code, ct);
            var signer = await access.SignerAsync(stop.ActorId, stop.ActorName, stop.ActorRole, ct);
            return FormResult.Of(new View(
                header, FormText.Salutation(d.ApplicantKind), d.ApplicantName, d.Address ?? "", content.Name, FormText.Time(d.ReceivedAtUtc),
                FormText.Time(stop.AtUtc), stop.Reason ?? "", signer));
        }
    }
}
