using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Forms;

/// <summary>Mẫu số 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết: the competent unit apologises for
/// a late dossier and gives its one new date; the head signs. Its exact layout under Circular 03/2025/TT-VPCP is
/// [to confirm].</summary>
public static class ApologyForm
{
    public const string Number = "Mẫu số 04";

    public sealed record View(
        FormHeader Header, string Salutation, string ApplicantName, string Procedure, string ReceivedAt, string PreviousDueAt,
        string Reason, string NewDueAt, string Apology, Signer Head);

    public const string Title = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ";

    public static byte[] Pdf(View f)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var pdf = new FormPdf($"{Number} - {Title} - {f.Header.DossierCode}");
        pdf.Header(f.Header);
        pdf.Title(Title);
        if (f.Header.DossierCode is { } code) pdf.Centered($"Mã hồ sơ: {code}");
        pdf.Space(6);
        pdf.Paragraph($"Kính gửi: {f.Salutation} {f.ApplicantName}");
        pdf.Paragraph($"Lúc {f.ReceivedAt}, {f.Header.IssuerName} tiếp nhận hồ sơ đề nghị giải quyết thủ tục {f.Procedure} của {f.Salutation}, mã hồ sơ {f.Header.DossierCode}. Thời gian hẹn trả kết quả giải quyết hồ sơ: {f.PreviousDueAt}.");
        pdf.Paragraph($"Tuy nhiên, đến nay {f.Header.IssuerName} chưa trả kết quả giải quyết hồ sơ cho {f.Salutation} đúng hẹn. Lý do:");
        pdf.Quote(f.Reason);
        pdf.Paragraph(f.Apology);
        pdf.Paragraph($"Thời gian hẹn trả kết quả mới: {f.NewDueAt}.");
        pdf.Paragraph($"Xin trân trọng cảm ơn sự hợp tác của {f.Salutation}./.");
        pdf.Signatures(null, new Signature(FormText.Upper(f.Head.Title), "(Ký, ghi rõ họ tên và đóng dấu)", null, f.Head.Name));
        return pdf.Save();
    }

    private sealed record ApologyRow(DateTime IssuedAtUtc, string IssuedBy, string Reason, DateTime PreviousDueUtc, DateTime NewDueUtc);

    public sealed class Builder(AppDbContext db, FormAccess access, FormHeaders headers)
    {
        public async Task<FormResult<View>> BuildAsync(Guid id, CancellationToken ct)
        {
            var d = await access.HeadAsync(id, ct);
            if (d is null) return FormResult.NotFound<View>();
            var apology = await db.Dossiers.AsNoTracking().Where(x => x.Id == id)
                .Select(x => x.Apology == null ? null
                    : new ApologyRow(x.Apology.IssuedAtUtc, x.Apology.IssuedBy, x.Apology.Reason, x.Apology.PreviousDueUtc, x.Apology.NewDueUtc))
                .SingleAsync(ct);
            if (apology is null) return FormResult.Unavailable<View>("Hồ sơ chưa có văn bản xin lỗi và hẹn lại ngày trả kết quả.");

            // The letter is the competent people's committee's, signed by its head, whoever drafted it.
            var committee = await headers.AdministrativeUnitOfAsync(d.CompetentUnitId, ct);
            var content = await access.ContentAsync(d.ProcedureVersionId, ct);
            var header = await headers.ForAsync(committee, apology.IssuedAtUtc, Number, d.Code, ct);
            var head = await access.HeadOfAsync(committee, apology.IssuedBy, ct) ?? new Signer("", "Thủ trưởng cơ quan");
            var salutation = FormText.Salutation(d.ApplicantKind);
            var newDue = FormText.Time(apology.NewDueUtc);
            var sentence = $"Sự chậm trễ này đã gây phiền hà, ảnh hưởng đến thời gian, công việc của {salutation}. "
                           + $"{header.IssuerName} trân trọng xin lỗi {salutation} và hẹn trả kết quả vào {newDue}.";
            return FormResult.Of(new View(
                header, salutation, d.ApplicantName, content.Name, FormText.Time(d.ReceivedAtUtc), FormText.Time(apology.PreviousDueUtc),
                apology.Reason, newDue, sentence, head));
        }
    }
}
