using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Forms;

/// <summary>Đơn đề nghị rút hồ sơ: the applicant's request to withdraw, written by the system from the citizen's own
/// action on the portal (signed in, the reason they typed, the time), so that an online withdrawal carries its request
/// document as a desk withdrawal carries the signed paper (seed 004). No circular prescribes its layout: it is an
/// application letter (Decree 30/2020 heading, addressee, who asks, what and why, the applicant's name).</summary>
public static class WithdrawalRequestForm
{
    public const string Title = "ĐƠN ĐỀ NGHỊ RÚT HỒ SƠ";

    public sealed record View(
        FormHeader Header, string Addressee, string Salutation, string ApplicantName, string ApplicantIdNumber, string Address, string Phone,
        string Code, string Procedure, string SubmittedAt, string WithdrawnAt, string Reason, string Channel);

    public static byte[] Pdf(View f)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var pdf = new FormPdf($"{Title} - {f.Code}");
        pdf.PersonalHeader("", f.Header.PlaceAndDate);
        pdf.Title(Title);
        pdf.Centered($"Mã hồ sơ: {f.Code}");
        pdf.Space(6);
        pdf.Paragraph($"Kính gửi: {f.Addressee}");
        pdf.Paragraph($"{(f.Salutation == "Ông/Bà" ? "Người đề nghị" : "Tổ chức đề nghị")}: {f.ApplicantName}");
        pdf.Paragraph($"Số định danh cá nhân / mã số: {f.ApplicantIdNumber}");
        pdf.Paragraph($"Địa chỉ: {f.Address}");
        pdf.Paragraph($"Số điện thoại: {f.Phone}");
        pdf.Paragraph($"Ngày {f.SubmittedAt}, tôi đã nộp hồ sơ đề nghị giải quyết thủ tục {f.Procedure}, mã hồ sơ {f.Code}.");
        pdf.Paragraph("Nay tôi đề nghị được rút hồ sơ nêu trên và không tiếp tục giải quyết. Lý do:");
        pdf.Quote(f.Reason);
        pdf.Paragraph($"Đơn được lập lúc {f.WithdrawnAt} từ thao tác rút hồ sơ của người nộp trên {f.Channel}, "
                      + "sau khi đăng nhập tài khoản và xác nhận đề nghị.");
        pdf.Signatures(null, new Signature("NGƯỜI ĐỀ NGHỊ", "(Đã xác nhận trực tuyến)", null, f.ApplicantName));
        return pdf.Save();
    }

    public sealed class Builder(FormAccess access, FormHeaders headers)
    {
        public async Task<FormResult<View>> BuildAsync(Guid id, CancellationToken ct)
        {
            var d = await access.HeadAsync(id, ct);
            if (d is null) return FormResult.NotFound<View>();
            var withdrawal = await access.LastAsync(id, DossierEventKind.Withdraw, ct);
            if (withdrawal is null) return FormResult.Unavailable<View>("Hồ sơ không bị rút.");
            var content = await access.ContentAsync(d.ProcedureVersionId, ct);
            var header = await headers.ForAsync(d.ReceivingUnitId, withdrawal.AtUtc, "", d.Code, ct);
            return FormResult.Of(new View(
                header, header.IssuerName, FormText.Salutation(d.ApplicantKind), d.ApplicantName, d.ApplicantIdNumber, d.Address ?? "", d.Phone ?? "",
                d.Code ?? d.LookupCode, content.Name, FormText.Time(d.SubmittedAtUtc ?? d.ReceivedAtUtc), FormText.Time(withdrawal.AtUtc),
                withdrawal.Reason ?? "", "Cổng Dịch vụ công"));
        }
    }
}
