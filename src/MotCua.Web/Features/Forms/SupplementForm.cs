using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Forms;

/// <summary>Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: everything missing at once, why, and whom to ask.
/// Printed from the dossier's latest supplement request, or as desk guidance before any dossier exists. Its exact
/// layout under Circular 03/2025/TT-VPCP is [to confirm].</summary>
public static class SupplementForm
{
    public const string Number = "Mẫu số 02";

    public sealed record View(
        FormHeader Header, string Salutation, string ApplicantName, string Procedure, string? ReceivedAt, string RequestedAt,
        int RequestNumber, IReadOnlyList<string> MissingItems, string Reason, string Contact, Signer GuidedBy);

    /// <summary>A missing component named by the desk before reception; unknown codes are reported, not printed.</summary>
    public sealed record GuidanceQuery(string? Procedure, IReadOnlyList<string> Missing, string? Name);

    public const string Title = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ";

    public static byte[] Pdf(View f)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var pdf = new FormPdf($"{Number} - {Title}{(f.Header.DossierCode is { } c ? " - " + c : "")}");
        pdf.Header(f.Header);
        pdf.Title(Title);
        if (f.Header.DossierCode is { } code) pdf.Centered($"Mã hồ sơ: {code}");
        pdf.Space(6);
        pdf.Paragraph($"Kính gửi: {f.Salutation} {(string.IsNullOrEmpty(f.ApplicantName) ? "……………………………………" : f.ApplicantName)}");
        pdf.Paragraph($"{f.Header.IssuerName} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục {f.Procedure}{(f.ReceivedAt is null ? "" : " lúc " + f.ReceivedAt)}.");
        pdf.Paragraph($"Sau khi kiểm tra, hồ sơ cần được bổ sung, hoàn thiện{(f.RequestNumber > 1 ? $" (lần thứ {f.RequestNumber})" : "")} các nội dung sau:");
        pdf.Items(f.MissingItems);
        pdf.Paragraph($"Lý do: {f.Reason}");
        pdf.Paragraph($"Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, {f.Salutation} liên hệ {f.Contact} để được hướng dẫn.");
        pdf.Paragraph($"Phiếu lập lúc {f.RequestedAt}.");
        pdf.Signatures(null, new Signature("NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", f.GuidedBy.Title, f.GuidedBy.Name));
        return pdf.Save();
    }

    public sealed class Builder(AppDbContext db, FormAccess access, FormHeaders headers, TimeProvider clock)
    {
        public async Task<FormResult<View>> BuildAsync(Guid id, CancellationToken ct)
        {
            var d = await access.HeadAsync(id, ct);
            if (d is null) return FormResult.NotFound<View>();
            var request = await db.Set<SupplementRequest>().AsNoTracking().Where(s => s.DossierId == id)
                .OrderByDescending(s => s.Number)
                .Select(s => new { s.Number, s.RequestedAtUtc, s.RequestedBy, s.Reason, s.MissingItems })
                .FirstOrDefaultAsync(ct);
            if (request is null) return FormResult.Unavailable<View>("Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nào.");

            // The history entry of the request says from which unit the official asked: that unit issues the slip.
            var entry = await access.LastAsync(id, DossierEventKind.RequestSupplement, ct);
            var unitId = entry?.UnitId ?? d.ReceivingUnitId;
            var content = await access.ContentAsync(d.ProcedureVersionId, ct);
            var header = await headers.ForAsync(unitId, request.RequestedAtUtc, Number, d.Code, ct);
            var signer = await access.SignerAsync(entry?.ActorId, request.RequestedBy, entry?.ActorRole ?? "", ct);
            return FormResult.Of(new View(
                header, FormText.Salutation(d.ApplicantKind), d.ApplicantName, content.Name, d.ReceivedAtUtc is { } r ? FormText.Time(r) : null,
                FormText.Time(request.RequestedAtUtc), request.Number, request.MissingItems, request.Reason,
                Contact(request.RequestedBy, entry?.UnitName ?? header.IssuerName), signer));
        }

        /// <summary>Guidance at the desk before a dossier exists: the missing components by their published names.</summary>
        public async Task<FormResult<View>> GuidanceAsync(GuidanceQuery query, CancellationToken ct)
        {
            var code = query.Procedure?.Trim() ?? "";
            var content = await db.Procedures.AsNoTracking().Where(p => p.Code == code)
                .Join(db.ProcedureVersions.AsNoTracking(), p => p.CurrentVersionId, v => v.Id, (p, v) => v.Content)
                .SingleOrDefaultAsync(ct);
            if (content is null) return FormResult.Unavailable<View>($"Không tìm thấy thủ tục có mã \"{code}\".");
            var wanted = query.Missing.Select(m => m.Trim()).Where(m => m.Length > 0).ToHashSet(StringComparer.Ordinal);
            var unknown = wanted.Where(w => content.Components.All(c => c.Code != w)).ToList();
            if (unknown.Count > 0)
                return FormResult.Unavailable<View>($"Thành phần hồ sơ không thuộc thủ tục \"{content.Name}\": {string.Join(", ", unknown)}.");
            var items = content.Components.Where(c => wanted.Contains(c.Code))
                .Select(c => $"{c.Name} ({FormText.ComponentForm(c.Form)}, số lượng: {c.Count})").ToList();
            if (items.Count == 0) return FormResult.Unavailable<View>("Chưa chọn thành phần hồ sơ cần bổ sung.");

            var (unitId, official) = await access.CurrentOfficialAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var header = await headers.ForAsync(unitId, now, Number, null, ct);
            var name = Text.NormalizeOrNull(query.Name) ?? "";
            return FormResult.Of(new View(
                header, "Ông/Bà", name, content.Name, null, FormText.Time(now), 1, items,
                "Hồ sơ chưa có đủ thành phần theo quy định của thủ tục hành chính.", Contact(official.Name, header.IssuerName), official));
        }

        private static string Contact(string official, string unit) => $"{official}, {unit}";
    }
}
