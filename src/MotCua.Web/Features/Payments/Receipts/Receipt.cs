using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments.Receipts;

/// <summary>The electronic receipt of one payment (biên lai điện tử thu phí, lệ phí), with what Decree 123/2020/NĐ-CP
/// art. 32 asks a receipt to state: the form and series symbols and the number; the collecting unit; the payer; the
/// fees and charges collected, each as phí or lệ phí; the amount in figures and in words; the date; who collected. Also
/// what an online payment needs to be traced: the channel and the gateway's transaction reference.</summary>
public sealed record Receipt(
    Guid OrderId, string FormSymbol, string Series, int Number, string NumberText,
    string UnitName, string UnitAgencyCode, string PayerName, string PayerIdNumber, string? PayerAddress,
    string DossierCode, string Procedure, IReadOnlyList<Receipt.Line> Lines, long Amount, string AmountText, string AmountInWords,
    string Channel, string? TransactionRef, string PaidAt, string CollectedBy, string IssuedAt, string? Refund)
{
    /// <param name="Kind">"Phí" or "Lệ phí".</param>
    public sealed record Line(string Name, string Kind, long Amount, string AmountText);

    public static string FileName(Receipt r) => $"bien-lai-{r.Series}-{r.NumberText}.pdf";
}

/// <summary>Reads a receipt for whoever asks, within their rights: an official of the units the dossier belongs to,
/// the citizen whose dossier it is, or the holder of the receipt link shown on the payment's result page. Anyone
/// else is told it does not exist. A paid order without a number yet is numbered here.</summary>
public sealed class ReadReceipt(AppDbContext db, IssueReceipts issue, UnitTree units, DossierActions actions, CurrentUser user,
    CitizenDossiers citizens, IEnumerable<IPaymentProvider> providers, IOptionsMonitor<PaymentOptions> options)
{
    public static NotFoundException NotFound() => new("Không tìm thấy biên lai, hoặc biên lai không thuộc hồ sơ của bạn.");

    /// <summary>For the signed-in official or citizen.</summary>
    public async Task<Receipt> ForUserAsync(Guid orderId, CancellationToken ct)
    {
        var dossier = await db.Set<PaymentOrder>().AsNoTracking().Where(o => o.Id == orderId)
            .Join(db.Dossiers, o => o.DossierId, d => d.Id, (o, d) => new { d.Id, d.ReceivingUnitId, d.CompetentUnitId, d.CurrentUnitId })
            .SingleOrDefaultAsync(ct) ?? throw NotFound();
        var allowed = user.IsOfficial
            ? DossierActions.InScope(dossier.ReceivingUnitId, dossier.CompetentUnitId, dossier.CurrentUnitId, await actions.ScopeAsync(ct))
            : user.IsCitizen && await (await citizens.MineAsync(ct)).AnyAsync(d => d.Id == dossier.Id, ct);
        return allowed ? await BuildAsync(orderId, ct) : throw NotFound();
    }

    /// <summary>The receipts of one of the signed-in citizen's dossiers (by its code); null when it is not theirs.</summary>
    public async Task<IReadOnlyList<Receipt>?> ForCitizenDossierAsync(string? code, CancellationToken ct)
    {
        if (await citizens.FindIdAsync(code, ct) is not { } dossierId) return null;
        await issue.IssueForDossierAsync(dossierId, ct);
        var ids = await db.Set<PaymentOrder>().AsNoTracking()
            .Where(o => o.DossierId == dossierId && o.ReceiptNumber != null).OrderBy(o => o.ReceiptYear).ThenBy(o => o.ReceiptNumber)
            .Select(o => o.Id).ToListAsync(ct);
        var receipts = new List<Receipt>(ids.Count);
        foreach (var id in ids) receipts.Add(await BuildAsync(id, ct));
        return receipts;
    }

    /// <summary>For the holder of a receipt link (already verified).</summary>
    public Task<Receipt> ForLinkAsync(Guid orderId, CancellationToken ct) => BuildAsync(orderId, ct);

    private async Task<Receipt> BuildAsync(Guid orderId, CancellationToken ct)
    {
        if (await issue.IssueAsync(orderId, ct) is null) throw NotFound(); // not paid: no receipt
        var order = await db.Set<PaymentOrder>().AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
        var d = await db.Dossiers.AsNoTracking().SingleAsync(x => x.Id == order.DossierId, ct);
        var procedure = (await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == d.ProcedureVersionId).Select(v => v.Content).SingleOrDefaultAsync(ct))?.Name ?? "";
        var unit = await units.FindAsync(order.ReceiptUnitId!.Value, ct);
        var o = options.CurrentValue.Receipts;
        var number = order.ReceiptNumber!.Value;
        var lines = d.Fees.Where(f => !f.Exempted && f.Amount > 0)
            .Select(f => new Receipt.Line(f.Name, f.Kind == FeeKind.Charge ? "Phí" : "Lệ phí", f.Amount, FeeCalculator.Money(f.Amount))).ToList();
        // A payment of part of what was owed: the receipt says so rather than listing lines it does not add up to.
        if (lines.Sum(l => l.Amount) != order.Amount)
            lines = [.. lines.Select(l => l with { Amount = 0, AmountText = $"{l.AmountText} (phải nộp)" }),
                new Receipt.Line("Số tiền nộp lần này", lines.Select(l => l.Kind).Distinct().Count() == 1 ? lines[0].Kind : "Phí, lệ phí", order.Amount, FeeCalculator.Money(order.Amount))];
        var collectedBy = order.IsOnline ? CollectorName(order.Provider) : order.CreatedBy;
        return new Receipt(order.Id, o.FormSymbol, o.Series(order.ReceiptYear!.Value), number, number.ToString("0000000", CultureInfo.InvariantCulture),
            unit?.Name ?? "", unit?.AgencyCode ?? "", d.Applicant.FullName, d.Applicant.IdNumber, d.Applicant.Address,
            d.Code ?? order.DossierCode, procedure, lines, order.Amount, FeeCalculator.Money(order.Amount), MoneyInWords.Of(order.Amount),
            order.Channel.DisplayName(), order.IsOnline ? order.GatewayTransactionNo ?? order.TxnRef : NonEmpty(order.GatewayTransactionNo),
            VietnamTime.Format(order.PaidAtUtc ?? order.CreatedAtUtc), collectedBy, VietnamTime.Format(order.ReceiptIssuedAtUtc!.Value),
            order.State == PaymentState.Refunded
                ? $"Đã hoàn trả lúc {VietnamTime.Format(order.RefundedAtUtc!.Value)} ({order.RefundMethod?.DisplayName()}, {order.RefundReference})"
                : null);
    }

    /// <summary>Who took an online payment, as the receipt names it: the provider's own name; the national platform's
    /// orders (the demo's and the imported ones) have no provider class yet, but the payer knows it by its name, not by
    /// its code.</summary>
    public string CollectorName(string provider) =>
        providers.SingleOrDefault(p => p.Code == provider)?.Integration.Name
        ?? (provider == PaymentOrder.NationalPlatformProvider ? NationalPlatformName : provider);

    public const string NationalPlatformName = "Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia";

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
