using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Certification;

/// <summary>Sổ chứng thực bản sao điện tử từ bản chính of a unit for a year, in the order of its numbers: for any official
/// of the unit or of a unit above it (another unit's book: 404, as an absent one).</summary>
public static class ListCertificationBook
{
    public sealed record Row(int Number, string BookNumber, DateTime CertifiedAtUtc, string ApplicantName, string ApplicantIdNumber, string DocumentName,
        int Pages, long Fee, string CertifierName, bool SignedDigitally, Guid DossierId, string? DossierCode, Guid? CopyFileId);

    public sealed record Result(Guid UnitId, string UnitName, int Year, IReadOnlyList<Row> Rows)
    {
        public long TotalFee => Rows.Sum(r => r.Fee);
    }

    public static NotFoundException NotFound() => new("Không tìm thấy sổ chứng thực, hoặc đơn vị không thuộc phạm vi của bạn.");

    public sealed class Handler(AppDbContext db, DossierActions actions, UnitTree units)
    {
        /// <param name="unitId">The administrative unit whose book it is; null: the official's own.</param>
        public async Task<Result> HandleAsync(Guid? unitId, int year, Guid? officialUnitId, CancellationToken ct)
        {
            if (year is < 2000 or > 2199) throw new DomainException("Năm của sổ chứng thực phải từ 2000 đến 2199.");
            var scope = await actions.ScopeAsync(ct);
            var id = unitId ?? (officialUnitId is { } own ? (await units.AdministrativeUnitOfAsync(own, ct)).Id : Guid.Empty);
            if (!scope.Contains(id) || await units.FindAsync(id, ct) is not { } unit) throw NotFound();
            var rows = await db.Set<CertifiedCopy>().AsNoTracking().Where(c => c.UnitId == id && c.Year == year).OrderBy(c => c.Number)
                .Join(db.Dossiers, c => c.DossierId, d => d.Id, (c, d) => new Row(c.Number, "", c.CertifiedAtUtc, c.ApplicantName, c.ApplicantIdNumber,
                    c.DocumentName, c.Pages, c.Fee, c.CertifierName, c.SignedAtUtc != null, c.DossierId, d.Code, c.CopyFileId))
                .ToListAsync(ct);
            return new Result(id, unit.Name, year, [.. rows.Select(r => r with { BookNumber = CertifiedCopy.Format(r.Number, year) })]);
        }
    }

    private static readonly XlsxColumn[] Columns =
    [
        new("Số chứng thực", 16), new("Ngày chứng thực", 18), new("Người yêu cầu", 28), new("Số định danh", 16), new("Giấy tờ, văn bản", 40),
        new("Số trang", 10), new("Phí (đồng)", 12), new("Người thực hiện chứng thực", 28), new("Ký số", 10), new("Mã hồ sơ", 24),
    ];

    public static string FileName(Result r) => $"so-chung-thuc-{r.Year}.xlsx";

    public static byte[] Xlsx(Result r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var output = new MemoryStream();
        using (var xlsx = XlsxWriter.Create(output, "Sổ chứng thực", Columns))
        {
            foreach (var row in r.Rows)
                xlsx.WriteRow([
                    row.BookNumber, VietnamTime.Format(row.CertifiedAtUtc), row.ApplicantName, row.ApplicantIdNumber, row.DocumentName,
                    row.Pages.ToString(CultureInfo.InvariantCulture), row.Fee.ToString(CultureInfo.InvariantCulture), row.CertifierName,
                    row.SignedDigitally ? "Đã ký số" : "Chưa ký số", row.DossierCode,
                ]);
        }
        return output.ToArray();
    }

    public static string Money(long amount) => FeeCalculator.Money(amount);
}
