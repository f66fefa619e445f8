using System.Globalization;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Features.Payments;

/// <summary>The day's reconciliation as the workbook the office files: every order compared, differences marked, then
/// the totals by channel on both sides (the forms' streaming <see cref="XlsxWriter"/>).</summary>
public static class ReconcileXlsx
{
    private static readonly XlsxColumn[] Columns =
    [
        new("STT", 6), new("Mã hồ sơ", 22), new("Kênh thanh toán", 24), new("Mã tham chiếu", 34), new("Mã giao dịch cổng", 16),
        new("Số tiền (đồng)", 14), new("Tại đơn vị", 16), new("Tại cổng thanh toán", 18), new("Số tiền tại cổng", 14), new("Biên lai", 18),
        new("Chênh lệch", 50),
    ];

    public static string FileName(Reconcile.Result r) => $"doi-soat-{r.UnitCode}-{r.Day:yyyy-MM-dd}.xlsx";

    public static byte[] Write(Reconcile.Result r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var output = new MemoryStream();
        using (var xlsx = XlsxWriter.Create(output, "Đối soát", Columns))
        {
            var n = 0;
            foreach (var row in r.Rows)
                xlsx.WriteRow([
                    (++n).ToString(CultureInfo.InvariantCulture), row.DossierCode, row.Channel, row.Reference, row.TransactionNo,
                    Number(row.Amount), row.Here, row.There, row.AmountThere is { } a ? Number(a) : null, row.Receipt, row.Explanation,
                ]);
            // The totals under the rows, in the sheet's columns (every row has them all).
            xlsx.WriteRow(Padded());
            xlsx.WriteRow(Padded("", $"Đối soát thanh toán ngày {r.Day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} – {r.UnitName} ({r.UnitCode})"));
            xlsx.WriteRow(Padded("", "Kênh thanh toán", "Số khoản tại đơn vị", "Số tiền tại đơn vị", "Số khoản tại cổng", "Số tiền tại cổng"));
            foreach (var t in r.Totals)
                xlsx.WriteRow(Padded("", t.Channel, t.Count.ToString(CultureInfo.InvariantCulture), Number(t.Amount),
                    t.GatewayCount?.ToString(CultureInfo.InvariantCulture), t.GatewayAmount is { } g ? Number(g) : null));
            xlsx.WriteRow(Padded("", "Số chênh lệch", r.Differences.Count.ToString(CultureInfo.InvariantCulture)));
        }
        return output.ToArray();
    }

    private static string?[] Padded(params string?[] cells) => [.. cells, .. Enumerable.Repeat<string?>(null, Columns.Length - cells.Length)];

    private static string Number(long amount) => amount.ToString(CultureInfo.InvariantCulture);
}
