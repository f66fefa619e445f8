using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Forms;

/// <summary>Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả, given at valid reception. Its exact layout under
/// Circular 03/2025/TT-VPCP is [to confirm]; the fields follow the 2018 form it replaces.</summary>
public static class ReceiptForm
{
    public const string Number = "Mẫu số 01";

    public sealed record ComponentLine(string Name, string Form, int Count);

    /// <summary>A fee line as computed at reception (<see cref="FeeCalculator"/>): how, and how much ("Miễn" when exempted).</summary>
    public sealed record FeeRow(string Name, string Kind, string Explanation, string Amount, bool Exempted);

    public sealed record View(
        FormHeader Header, string Code, string LookupCode, Uri LookupUrl, string QrSvg,
        string Salutation, string ApplicantName, string ApplicantIdNumber, string Address, string Phone, string Email,
        string Procedure, string ProcedureCode, string Summary, IReadOnlyList<ComponentLine> Components, int Sets,
        string LegalTime, string ReceivedAt, string DueAt, string? CurrentDueAt, string CollectAt,
        string RegisterNumber, string RegisterDay, string ReceiverName,
        IReadOnlyList<FeeRow> Fees, string FeeTotal, string? FeeExemption, string? FeePaid);

    public const string Title = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ";

    /// <summary>The receipt as an A4 PDF: the page's content in the same order (<see cref="FormPdf"/>).</summary>
    public static byte[] Pdf(View f)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var pdf = new FormPdf($"{Number} - {Title} - {f.Code}");
        pdf.Header(f.Header);
        pdf.Title(Title);
        pdf.Centered($"Mã hồ sơ: {f.Code}");
        pdf.Space(6);
        pdf.Paragraph($"{f.Header.IssuerName} tiếp nhận hồ sơ của:");
        pdf.Paragraph($"{f.Salutation}: {f.ApplicantName}    Số định danh cá nhân / mã số: {f.ApplicantIdNumber}");
        pdf.Paragraph($"Địa chỉ: {f.Address}");
        pdf.Paragraph($"Số điện thoại: {f.Phone}    Thư điện tử: {f.Email}");
        pdf.Paragraph($"Nội dung yêu cầu giải quyết: {f.Procedure} (mã thủ tục {f.ProcedureCode})");
        if (f.Summary != f.Procedure) pdf.Paragraph($"Trích yếu: {f.Summary}");
        pdf.Paragraph("1. Thành phần hồ sơ nộp gồm:");
        pdf.Table([0.6, 5, 1.8, 1], ["STT", "Tên giấy tờ", "Hình thức", "Số lượng"],
            f.Components.Select((c, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), c.Name, c.Form, c.Count.ToString(CultureInfo.InvariantCulture) }));
        pdf.Paragraph($"2. Số lượng hồ sơ: {f.Sets} (bộ).");
        pdf.Paragraph($"3. Thời gian giải quyết hồ sơ theo quy định: {f.LegalTime}.");
        pdf.Paragraph($"4. Thời gian nhận hồ sơ: {f.ReceivedAt}.");
        pdf.Paragraph($"5. Thời gian trả kết quả giải quyết hồ sơ: {f.DueAt}."
            + (f.CurrentDueAt is null ? "" : $" (Ngày hẹn trả đã được điều chỉnh: {f.CurrentDueAt}.)"));
        pdf.Paragraph($"6. Đăng ký nhận kết quả tại: {f.CollectAt}.");
        if (f.Fees.Count == 0)
        {
            pdf.Paragraph("7. Phí, lệ phí: không thu.");
        }
        else
        {
            pdf.Paragraph("7. Phí, lệ phí:");
            pdf.Table([3, 4, 1.6], ["Khoản thu", "Cách tính", "Số tiền"],
                [.. f.Fees.Select(x => new[] { $"{x.Name} ({x.Kind})", x.Explanation, x.Amount }), ["Tổng cộng", "", f.FeeTotal]]);
            if (f.FeeExemption is { } exemption) pdf.Paragraph(exemption + ".");
            if (f.FeePaid is { } paid) pdf.Paragraph($"Đã nộp: {paid}.");
        }
        pdf.Paragraph($"Vào Sổ theo dõi hồ sơ ngày {f.RegisterDay}, số thứ tự: {f.RegisterNumber}.");
        pdf.QrBlock(f.LookupUrl.AbsoluteUri,
            [$"Quét mã QR hoặc vào {f.LookupUrl.GetLeftPart(UriPartial.Path)} để tra cứu hồ sơ.", $"Mã tra cứu: {f.LookupCode}"]);
        pdf.Signatures(
            new Signature("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", null, f.ApplicantName),
            new Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", null, f.ReceiverName));
        return pdf.Save();
    }

    public sealed class Builder(AppDbContext db, FormAccess access, FormHeaders headers, IOptions<FormsOptions> options)
    {
        /// <param name="requestBase">The address the request came in on ("https://host/base"), used for the
        /// lookup link unless <see cref="FormsOptions.PublicBaseUrl"/> is set.</param>
        public async Task<FormResult<View>> BuildAsync(Guid id, Uri requestBase, CancellationToken ct)
        {
            var d = await access.HeadAsync(id, ct);
            if (d is null) return FormResult.NotFound<View>();
            if (d.ReceivedAtUtc is not { } received || d.Code is not { } code)
                return FormResult.Unavailable<View>("Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả.");

            var content = await access.ContentAsync(d.ProcedureVersionId, ct);
            var procedureCode = await db.Procedures.AsNoTracking().Where(p => p.Id == d.ProcedureId).Select(p => p.Code).SingleAsync(ct);
            var components = await db.Set<DossierComponent>().AsNoTracking().Where(c => c.DossierId == id)
                .Select(c => new { c.RequirementCode, c.Name, c.Form, c.Count }).ToListAsync(ct);
            // The receipt lists the components in the order the procedure publishes them, as the desk checked them.
            var order = content.Components.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i);
            var lines = components.OrderBy(c => order.GetValueOrDefault(c.RequirementCode, int.MaxValue))
                .Select(c => new ComponentLine(c.Name, FormText.ComponentForm(c.Form), c.Count)).ToList();
            var reception = await access.FirstAsync(id, DossierEventKind.Receive, ct);
            var fees = await db.Dossiers.AsNoTracking().Where(x => x.Id == id).SelectMany(x => x.Fees)
                .Select(f => new { f.Name, f.Kind, f.Explanation, f.Amount, f.Exempted }).ToListAsync(ct);
            var paid = await db.Dossiers.AsNoTracking().Where(x => x.Id == id).SelectMany(x => x.Payments).SumAsync(p => p.Amount, ct);
            // The exemption's group and evidence, as the desk recorded them at reception or the applicant declared them online.
            var exemption = fees.Any(f => f.Exempted)
                ? reception?.Reason ?? (await access.FirstAsync(id, DossierEventKind.Submit, ct))?.Reason
                : null;
            var header = await headers.ForAsync(d.ReceivingUnitId, received, Number, code, ct);

            var lookupUrl = LookupUrl(options.Value.PublicBaseUrl ?? requestBase, code, d.LookupCode);
            var collectAt = content.ResultType == ResultType.Electronic
                ? $"{header.IssuerName} hoặc nhận bản điện tử trong kho dữ liệu của {FormText.Salutation(d.ApplicantKind)} trên Cổng Dịch vụ công"
                : header.IssuerName;
            var sequence = code[(code.LastIndexOf('-') + 1)..];
            return FormResult.Of(new View(
                header, code, d.LookupCode, lookupUrl, QrCodes.Svg(lookupUrl.AbsoluteUri),
                FormText.Salutation(d.ApplicantKind), d.ApplicantName, d.ApplicantIdNumber, d.Address ?? "", d.Phone ?? "", d.Email ?? "",
                content.Name, procedureCode, d.Summary, lines, d.Sets,
                content.LegalTime.ToString(), FormText.Time(received), FormText.Time(d.OriginalDueAtUtc),
                d.DueAtUtc != d.OriginalDueAtUtc ? FormText.Time(d.DueAtUtc) : null, collectAt,
                sequence, FormText.Date(received), reception?.ActorName ?? "",
                [.. fees.Select(f => new FeeRow(f.Name, f.Kind == FeeKind.Fee ? "Lệ phí" : "Phí", f.Explanation, f.Exempted ? "Miễn" : FeeCalculator.Money(f.Amount), f.Exempted))],
                FeeCalculator.Money(fees.Sum(f => f.Amount)), exemption, paid > 0 ? FeeCalculator.Money(paid) : null));
        }

        /// <summary>The public tracking page: code and lookup code together open it, the code alone does not.</summary>
        public static Uri LookupUrl(Uri baseUrl, string code, string lookupCode)
        {
            var root = baseUrl.AbsoluteUri.TrimEnd('/');
            return new Uri(string.Create(CultureInfo.InvariantCulture,
                $"{root}/tra-cuu?ma={Uri.EscapeDataString(code)}&khoa={Uri.EscapeDataString(lookupCode)}"));
        }
    }
}
