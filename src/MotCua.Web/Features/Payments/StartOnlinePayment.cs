using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments.Vnpay;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>Thanh toán trực tuyến: a new payment order for what the dossier still owes, and the gateway address to
/// send the payer to. Started by the signed-in applicant from "my dossiers", or by anyone holding the payment link
/// sent to a desk applicant (the link is the authority, and names the dossier). The dossier itself is not changed:
/// it is credited when the gateway confirms (<see cref="SettlePayment"/>).</summary>
public static class StartOnlinePayment
{
    public sealed record Started(PaymentOrder Order, string GatewayUrl);

    public sealed record FeeLine(string Name, long Amount);

    public sealed record Attempt(DateTime CreatedAtUtc, long Amount, PaymentState State, string? ResponseCode);

    /// <summary>What the payment page shows: the dossier's code, its fees, what is owed, the earlier attempts, and why
    /// it cannot be paid now if so. Nothing else of the dossier (the link's page is open to whoever holds the link).</summary>
    public sealed record Summary(string Code, DossierStatus Status, IReadOnlyList<FeeLine> Fees, long Owed, string? Refusal, IReadOnlyList<Attempt> Attempts);

    public sealed class Handler(AppDbContext db, CitizenDossiers citizens, PaymentLinks links, IEnumerable<IPaymentProvider> providers, TimeProvider clock)
    {
        /// <summary>The signed-in citizen, on one of their own dossiers (any other is answered as absent).</summary>
        public async Task<Started> ForCitizenAsync(string code, PaymentRequest request, CancellationToken ct)
        {
            var account = await citizens.AccountAsync(ct);
            var id = await citizens.FindIdAsync(code, ct) ?? throw DossierActions.NotFound();
            return await StartAsync(id, account.Id, account.Actor.Name, request, ct);
        }

        public async Task<Summary> SummaryForCitizenAsync(string code, CancellationToken ct) =>
            await SummaryAsync(await citizens.FindIdAsync(code, ct) ?? throw DossierActions.NotFound(), ct);

        public async Task<Summary> SummaryForLinkAsync(string token, CancellationToken ct) =>
            await SummaryAsync(links.Read(token) ?? throw PaymentLinks.Invalid(), ct);

        private async Task<Summary> SummaryAsync(Guid dossierId, CancellationToken ct)
        {
            var dossier = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dossierId, ct) ?? throw DossierActions.NotFound();
            var attempts = await db.Set<PaymentOrder>().AsNoTracking().Where(o => o.DossierId == dossierId)
                .OrderByDescending(o => o.CreatedAtUtc).Take(20)
                .Select(o => new Attempt(o.CreatedAtUtc, o.Amount, o.State, o.GatewayResponseCode)).ToListAsync(ct);
            return new Summary(dossier.Code ?? "", dossier.Status, [.. dossier.Fees.Select(f => new FeeLine(f.Name, f.Amount))],
                Math.Max(0, dossier.FeesOwed - dossier.AmountPaid), Refusal(dossier, Vnpay()), attempts);
        }

        private IPaymentProvider Vnpay() => providers.First(p => p.Code == VnpayProvider.ProviderCode);

        /// <summary>The holder of a payment link: no account, the link names the dossier.</summary>
        public async Task<Started> ForLinkAsync(string token, PaymentRequest request, CancellationToken ct)
        {
            var id = links.Read(token) ?? throw PaymentLinks.Invalid();
            return await StartAsync(id, null, "Người nộp hồ sơ (đường dẫn thanh toán)", request, ct);
        }

        private async Task<Started> StartAsync(Guid dossierId, Guid? accountId, string by, PaymentRequest request, CancellationToken ct)
        {
            var dossier = await db.Dossiers.SingleOrDefaultAsync(d => d.Id == dossierId, ct) ?? throw DossierActions.NotFound();
            var provider = Vnpay();
            if (Refusal(dossier, provider) is { } refusal) throw new DomainException(refusal);
            var now = clock.GetUtcNow().UtcDateTime;
            var order = PaymentOrder.Online(dossier, provider.Code, provider.Channel, provider.MerchantCodeFor(dossier.CompetentUnitId),
                accountId, by, now, now + provider.OrderLifetime);
            db.Add(order);
            await db.SaveChangesAsync(ct);
            return new Started(order, provider.PaymentUrl(order, request with { NowUtc = now }));
        }

        /// <summary>Why this dossier cannot be paid online now; null when it can (the pages show the button only then).</summary>
        public static string? Refusal(Dossier dossier, IPaymentProvider provider)
        {
            ArgumentNullException.ThrowIfNull(dossier);
            ArgumentNullException.ThrowIfNull(provider);
            if (dossier.Status != DossierStatus.AwaitingFinancialObligation)
                return "Hồ sơ không ở trạng thái chờ thực hiện nghĩa vụ tài chính nên không thể thanh toán trực tuyến.";
            if (dossier.FeesOwed - dossier.AmountPaid <= 0)
                return "Hồ sơ không còn khoản phí, lệ phí nào phải nộp trực tuyến; vui lòng liên hệ Bộ phận Một cửa nếu cơ quan yêu cầu nộp khoản khác.";
            if (!provider.IsAvailableFor(dossier.CompetentUnitId))
                return "Cơ quan giải quyết chưa kết nối cổng thanh toán trực tuyến; vui lòng nộp phí tại Bộ phận Một cửa hoặc chuyển khoản.";
            return null;
        }
    }
}
