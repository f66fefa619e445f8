using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Forms;

/// <summary>Mẫu số 07 — Sổ theo dõi hồ sơ: the register of dossiers received by the official's units over at most 31
/// days, filtered and ordered in SQL, shown a page at a time and exported whole as .xlsx without holding the rows in
/// memory. Its exact layout under Circular 03/2025/TT-VPCP is [to confirm].</summary>
public static class RegisterForm
{
    public const string Number = "Mẫu số 07";
    public const int MaxDays = 31;
    public const int PageSize = 200;

    public sealed record Query(DateOnly? From, DateOnly? To, int Page = 1);

    public sealed record Row(
        int Number, string Code, string Procedure, int Sets, string ApplicantName, string Address, string Phone, string CompetentUnit,
        string ReceivedAt, string DueAt, string TransferredAt, string ResultBackAt, string ReturnedAt, string Signature, string Note);

    public sealed record View(FormHeader Header, DateOnly From, DateOnly To, IReadOnlyList<Row> Rows, int Page, bool HasMore);

    public const string Title = "SỔ THEO DÕI HỒ SƠ";

    /// <summary>The register of a whole period as a landscape A4 PDF, the table continuing from page to page.</summary>
    public static byte[] Pdf(FormHeader header, DateOnly from, DateOnly to, IEnumerable<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        using var pdf = new FormPdf($"{Number} - {Title} - {FormText.Date(from)} - {FormText.Date(to)}", landscape: true);
        pdf.Header(header);
        pdf.Title(Title);
        pdf.Centered($"Từ ngày {FormText.Date(from)} đến ngày {FormText.Date(to)}");
        pdf.Space(6);
        // The dossier code's column is wide enough for a code on one line in a slightly smaller font: a code is read and
        // searched whole, so it is never cut (FormPdf.Table's unbroken columns).
        pdf.Table([0.5, 2.6, 1.7, 0.6, 1.3, 1.4, 1.3, 1.1, 1.1, 1.1, 1.1, 1.1, 1, 1.0],
            ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số bộ", "Tên cá nhân, tổ chức", "Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết",
             "Nhận hồ sơ", "Hẹn trả kết quả", "Chuyển hồ sơ đến cơ quan giải quyết", "Nhận kết quả từ cơ quan giải quyết",
             "Trả kết quả cho cá nhân, tổ chức", "Ký nhận", "Ghi chú"],
            rows.Select(r => new[]
            {
                r.Number.ToString(CultureInfo.InvariantCulture), r.Code, r.Procedure, r.Sets.ToString(CultureInfo.InvariantCulture), r.ApplicantName,
                FormText.Join(r.Address, r.Phone), r.CompetentUnit, r.ReceivedAt, r.DueAt, r.TransferredAt, r.ResultBackAt, r.ReturnedAt, r.Signature, r.Note,
            }), small: true, unbroken: CodeColumn);
        return pdf.Save();
    }

    private static readonly HashSet<int> CodeColumn = [1];

    public static readonly IReadOnlyList<XlsxColumn> Columns =
    [
        new("STT", 6), new("Mã hồ sơ", 26), new("Tên thủ tục hành chính", 40), new("Số bộ", 7), new("Người nộp hồ sơ", 24),
        new("Địa chỉ", 30), new("Số điện thoại", 14), new("Cơ quan giải quyết", 30), new("Ngày nhận hồ sơ", 17), new("Hẹn trả kết quả", 17),
        new("Chuyển hồ sơ đến cơ quan giải quyết", 17), new("Nhận kết quả từ cơ quan giải quyết", 17), new("Trả kết quả", 17),
        new("Ký nhận", 22), new("Ghi chú", 30),
    ];

    private sealed record RawRow(
        string? Code, string? Procedure, int Sets, string ApplicantName, string? Address, string? Phone, Guid CompetentUnitId,
        DateTime? ReceivedAtUtc, DateTime? DueAtUtc, DateTime? TransferredAtUtc, DateTime? ProcessingEndedAtUtc, DateTime? ReturnedAtUtc,
        string? ReceivedResultBy, DossierStatus Status, DateTime? ApologyNewDueUtc, int SupplementCount, DateTime? PausedAtUtc);

    public sealed class Builder(AppDbContext db, FormAccess access, FormHeaders headers, UnitTree units, TimeProvider clock)
    {
        /// <summary>The period asked for: by default the current month up to today; never more than 31 days, so
        /// one request cannot make the server read a province's year.</summary>
        public (DateOnly From, DateOnly To, string? Error) Period(Query query)
        {
            var today = VietnamTime.Today(clock);
            // Checked before any arithmetic: 9999-12-31 plus 30 days, or year 1 in UTC, would overflow.
            if (query.From is { } start && !InputLimits.IsSane(start))
                return (today, today, $"Ngày bắt đầu phải {InputLimits.DateRangeText}.");
            if (query.To is { } end && !InputLimits.IsSane(end))
                return (today, today, $"Ngày kết thúc phải {InputLimits.DateRangeText}.");
            var to = query.To ?? (query.From is { } f && f.AddDays(MaxDays - 1) < today ? f.AddDays(MaxDays - 1) : today);
            var from = query.From ?? new DateOnly(to.Year, to.Month, 1);
            if (from > to) return (from, to, "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.");
            if (to.DayNumber - from.DayNumber + 1 > MaxDays)
                return (from, to, $"Mỗi lần xem hoặc xuất sổ tối đa {MaxDays} ngày; hãy chọn khoảng thời gian ngắn hơn.");
            return (from, to, null);
        }

        public async Task<FormResult<View>> BuildAsync(Query query, CancellationToken ct)
        {
            var (from, to, error) = Period(query);
            if (error is not null) return FormResult.Unavailable<View>(error);
            // A page far past the end would overflow the offset; the last possible page is as empty.
            var page = Math.Clamp(query.Page, 1, int.MaxValue / PageSize - 1);
            var now = clock.GetUtcNow().UtcDateTime;
            var raw = await (await RowsAsync(from, to, ct)).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
            var rows = new List<Row>(Math.Min(raw.Count, PageSize));
            foreach (var r in raw.Take(PageSize))
                rows.Add(await ToRowAsync((page - 1) * PageSize + rows.Count + 1, r, now, ct));
            var (unitId, _) = await access.CurrentOfficialAsync(ct);
            var header = await headers.ForAsync(unitId, VietnamTime.Today(clock), Number, null, ct);
            return FormResult.Of(new View(header, from, to, rows, page, raw.Count > PageSize));
        }

        /// <summary>The whole period as a PDF (<see cref="RegisterForm.Pdf"/>), or why not.</summary>
        public async Task<(byte[]? Pdf, string? Error)> PdfAsync(Query query, CancellationToken ct)
        {
            var (from, to, error) = Period(query);
            if (error is not null) return (null, error);
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = new List<Row>();
            await foreach (var raw in (await RowsAsync(from, to, ct)).AsAsyncEnumerable().WithCancellation(ct))
                rows.Add(await ToRowAsync(rows.Count + 1, raw, now, ct));
            var (unitId, _) = await access.CurrentOfficialAsync(ct);
            var header = await headers.ForAsync(unitId, VietnamTime.Today(clock), Number, null, ct);
            return (RegisterForm.Pdf(header, from, to, rows), null);
        }

        /// <summary>Writes the whole period to <paramref name="output"/>, reading the rows as a stream.</summary>
        public async Task<string?> ExportAsync(Query query, Stream output, CancellationToken ct)
        {
            var (from, to, error) = Period(query);
            if (error is not null) return error;
            var now = clock.GetUtcNow().UtcDateTime;
            using var xlsx = XlsxWriter.Create(output, "Sổ theo dõi hồ sơ", Columns);
            var number = 0;
            await foreach (var raw in (await RowsAsync(from, to, ct)).AsAsyncEnumerable().WithCancellation(ct))
            {
                var r = await ToRowAsync(++number, raw, now, ct);
                xlsx.WriteRow([
                    r.Number.ToString(CultureInfo.InvariantCulture), r.Code, r.Procedure, r.Sets.ToString(CultureInfo.InvariantCulture), r.ApplicantName,
                    r.Address, r.Phone, r.CompetentUnit, r.ReceivedAt, r.DueAt, r.TransferredAt, r.ResultBackAt, r.ReturnedAt, r.Signature, r.Note,
                ]);
            }
            return null;
        }

        /// <summary>Dossiers received in the period (Vietnam days) in the official's units, oldest first; each column
        /// computed by the database, the hand-over time by a subquery on the history's (dossier, sequence) index.</summary>
        private async Task<IQueryable<RawRow>> RowsAsync(DateOnly from, DateOnly to, CancellationToken ct)
        {
            var fromUtc = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            var toUtc = VietnamTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            return (await access.ScopedAsync(ct))
                .Where(d => d.ReceivedAtUtc >= fromUtc && d.ReceivedAtUtc < toUtc)
                .OrderBy(d => d.ReceivedAtUtc).ThenBy(d => d.Code)
                .Select(d => new RawRow(
                    d.Code,
                    db.Procedures.Where(p => p.Id == d.ProcedureId).Select(p => p.Name).FirstOrDefault(),
                    d.Sets, d.Applicant.FullName, d.Applicant.Address, d.Applicant.Phone, d.CompetentUnitId, d.ReceivedAtUtc, d.DueAtUtc,
                    d.History.Where(e => e.Kind == DossierEventKind.StartProcessing || e.Kind == DossierEventKind.Transfer).Min(e => (DateTime?)e.AtUtc),
                    d.ProcessingEndedAtUtc, d.ReturnedAtUtc, d.ReceivedResultBy, d.Status,
                    d.Apology == null ? null : d.Apology.NewDueUtc, d.SupplementCount,
                    d.Supplements.Where(s => s.State != SupplementState.Answered).Max(s => (DateTime?)s.RequestedAtUtc)));
        }

        private async Task<Row> ToRowAsync(int number, RawRow r, DateTime now, CancellationToken ct)
        {
            var decided = r.Status is DossierStatus.Decided or DossierStatus.Returned;
            return new Row(
                number, r.Code ?? "", r.Procedure ?? "", r.Sets, r.ApplicantName, r.Address ?? "", r.Phone ?? "",
                (await units.FindAsync(r.CompetentUnitId, ct))?.Name ?? "",
                FormText.DateAndTime(r.ReceivedAtUtc), FormText.DateAndTime(r.DueAtUtc), FormText.DateAndTime(r.TransferredAtUtc),
                decided ? FormText.DateAndTime(r.ProcessingEndedAtUtc) : "", FormText.DateAndTime(r.ReturnedAtUtc), r.ReceivedResultBy ?? "",
                Note(r, now));
        }

        private static string Note(RawRow r, DateTime now)
        {
            var notes = new List<string> { r.Status.DisplayName() };
            if (new Timeliness(r.Status, r.DueAtUtc, r.ProcessingEndedAtUtc, r.SupplementCount, r.PausedAtUtc).IsLate(now)) notes.Add("quá hạn");
            if (r.ApologyNewDueUtc is { } newDue) notes.Add($"đã xin lỗi, hẹn lại {FormText.DateAndTime(newDue)}");
            return string.Join("; ", notes);
        }
    }
}
